#include "lbtrack/deploy/process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

extern char** environ;

namespace lbtrack::deploy {

namespace {

/// Owns one file descriptor; closes it on destruction.
class unique_fd {
public:
    unique_fd() = default;
    explicit unique_fd(int fd) : fd_(fd) {}
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;
    unique_fd(unique_fd&& other) noexcept : fd_(other.release()) {}
    unique_fd& operator=(unique_fd&& other) noexcept {
        reset(other.release());
        return *this;
    }
    ~unique_fd() { reset(); }

    int get() const noexcept { return fd_; }
    int release() noexcept { return std::exchange(fd_, -1); }
    void reset(int fd = -1) noexcept {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

struct fd_pair {
    unique_fd read_end;
    unique_fd write_end;
};

/// Both ends close-on-exec: the child dup2()s the write end onto stdout/stderr (dup2 clears
/// the flag on the copy), and no other program we start inherits our ends.
fd_pair make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    return {unique_fd(fds[0]), unique_fd(fds[1])};
}

/// Everything the child needs to become `as_user`, looked up before fork(): after fork() in a
/// multi-threaded parent only async-signal-safe calls are safe, and getpwnam()/initgroups()
/// read NSS files with malloc, which may deadlock on a lock another thread held at fork time.
struct user_switch {
    std::string name;
    std::string home;
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups;
};

user_switch lookup_user(const std::string& name) {
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    int rc = 0;
    while ((rc = ::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found)) ==
           ERANGE) {
        buffer.resize(buffer.size() * 2);
    }
    if (rc != 0) {
        throw std::system_error(rc, std::generic_category(), "getpwnam_r(" + name + ")");
    }
    if (found == nullptr) {
        throw std::invalid_argument("no such user: " + name);
    }
    user_switch result{name, entry.pw_dir, entry.pw_uid, entry.pw_gid, {}};
    int count = 32;
    for (;;) {
        result.groups.resize(static_cast<std::size_t>(count));
        int asked = count;
        if (::getgrouplist(name.c_str(), entry.pw_gid, result.groups.data(), &count) >= 0) {
            result.groups.resize(static_cast<std::size_t>(count));
            break;
        }
        if (count <= asked) { // no growth hint: fall back to the primary group alone
            result.groups.assign(1, entry.pw_gid);
            break;
        }
    }
    return result;
}

/// The child's environment: ours, with the user's identity and `extra_env` replacing
/// same-named entries.
std::vector<std::string>
child_environment(const user_switch* user,
                  const std::vector<std::pair<std::string, std::string>>& extra_env) {
    std::vector<std::pair<std::string, std::string>> overrides;
    if (user != nullptr) {
        overrides = {{"HOME", user->home}, {"USER", user->name}, {"LOGNAME", user->name}};
    }
    overrides.insert(overrides.end(), extra_env.begin(), extra_env.end());

    std::vector<std::string> result;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        std::string_view text(*entry);
        std::string_view name = text.substr(0, text.find('='));
        bool replaced = false;
        for (const auto& [key, value] : overrides) {
            replaced = replaced || key == name;
        }
        if (!replaced) {
            result.emplace_back(text);
        }
    }
    for (const auto& [key, value] : overrides) {
        result.push_back(key + "=" + value);
    }
    return result;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> result;
    result.reserve(strings.size() + 1);
    for (auto& text : strings) {
        result.push_back(text.data());
    }
    result.push_back(nullptr);
    return result;
}

/// What the child reports through the status pipe when it fails before exec.
struct child_failure {
    int step;
    int error;
};

constexpr const char* step_names[] = {
    "redirect stdio", "set supplementary groups", "setgid", "setuid", "chdir to /", "execute"};

/// Runs in the child between fork() and exec: async-signal-safe calls only, no allocation.
[[noreturn]] void exec_child(int output_fd, int status_fd, const user_switch* user, char** argv,
                             char** envp) {
    auto fail = [status_fd](int step) {
        child_failure failure{step, errno};
        [[maybe_unused]] ssize_t ignored = ::write(status_fd, &failure, sizeof failure);
        ::_exit(127);
    };

    // Handlers do not survive exec but ignored signals (SIGPIPE, often) and the mask do; the
    // program must start with the defaults it expects.
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig = 1; sig < NSIG; ++sig) {
        ::signal(sig, SIG_DFL);
    }

    int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd < 0 || ::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(output_fd, STDOUT_FILENO) < 0 ||
        ::dup2(output_fd, STDERR_FILENO) < 0) {
        fail(0);
    }
    // Descriptors other code opened without O_CLOEXEC (sockets, files) must not leak into the
    // program, and through pg_ctl into a long-lived postmaster.
    if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
        for (long fd = 3, max = ::sysconf(_SC_OPEN_MAX); fd < max && fd < 65536; ++fd) {
            ::fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
        }
    }

    if (user != nullptr) {
        if (::setgroups(user->groups.size(), user->groups.data()) != 0) {
            fail(1);
        }
        if (::setgid(user->gid) != 0) {
            fail(2);
        }
        if (::setuid(user->uid) != 0) {
            fail(3);
        }
        if (::chdir("/") != 0) {
            fail(4);
        }
    }

    environ = envp;
    ::execvp(argv[0], argv);
    fail(5);
    ::_exit(127); // not reached: fail() exits
}

/// Reads until EOF, retrying on EINTR.
std::string read_all(int fd) {
    std::string result;
    char buffer[4096];
    for (;;) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got > 0) {
            result.append(buffer, static_cast<std::size_t>(got));
        } else if (got == 0 || errno != EINTR) {
            return result;
        }
    }
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "waitpid");
        }
    }
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return 127;
}

std::string current_user_name() {
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
        found != nullptr) {
        return entry.pw_name;
    }
    return {};
}

} // namespace

bool running_as_root() {
    return ::geteuid() == 0;
}

process_result run_process(const std::vector<std::string>& argv, const std::string& as_user,
                           const std::vector<std::pair<std::string, std::string>>& extra_env) {
    if (argv.empty() || argv.front().empty()) {
        throw std::invalid_argument("run_process: empty command");
    }
    // Naming ourselves is not a switch; it works without root.
    std::optional<user_switch> user;
    if (!as_user.empty() && (running_as_root() || as_user != current_user_name())) {
        user = lookup_user(as_user);
    }

    std::vector<std::string> args = argv;
    std::vector<char*> c_args = c_strings(args);
    std::vector<std::string> env = child_environment(user ? &*user : nullptr, extra_env);
    std::vector<char*> c_env = c_strings(env);

    fd_pair output = make_pipe();
    fd_pair status = make_pipe();
    pid_t pid = ::fork();
    if (pid < 0) {
        throw std::system_error(errno, std::generic_category(), "fork");
    }
    if (pid == 0) {
        exec_child(output.write_end.get(), status.write_end.get(), user ? &*user : nullptr,
                   c_args.data(), c_env.data());
    }
    // Our copies of the write ends must go, or the reads below never see EOF.
    output.write_end.reset();
    status.write_end.reset();

    // The status pipe closes on exec (success) or carries the failure: read it first, before
    // the program can write anything to the output pipe.
    std::string failure_bytes = read_all(status.read_end.get());
    std::string text = read_all(output.read_end.get());
    int exit_code = wait_for(pid);

    if (failure_bytes.size() == sizeof(child_failure)) {
        child_failure failure{};
        std::memcpy(&failure, failure_bytes.data(), sizeof failure);
        std::string step = failure.step >= 0 && failure.step < std::ssize(step_names)
                               ? step_names[failure.step]
                               : "start";
        text = "cannot " + step + " for " + argv.front() +
               (user ? " as user " + as_user : std::string()) + ": " +
               std::strerror(failure.error) + "\n";
    }
    return {exit_code, std::move(text)};
}

} // namespace lbtrack::deploy
