#include "support/smtp_test_server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace lbtrack::test {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Debian's interpreter, where python3-aiosmtpd installs; a `python3` on PATH may be another one.
constexpr const char* python = "/usr/bin/python3";
// Starting Python and importing asyncio takes well under a second; a loaded CI machine may be
// much slower, and a test that waits longer than this has a broken server, not a slow one.
constexpr auto start_timeout = 30s;
constexpr auto stop_timeout = 5s;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Starts `argv` with stdin from /dev/null and stdout+stderr appended to `log`.
pid_t spawn(std::vector<std::string> argv, const std::string& log) {
    std::vector<char*> args;
    for (auto& a : argv) {
        args.push_back(a.data());
    }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error(fmt::format("cannot start {}: {}", argv[0], std::strerror(rc)));
    }
    return pid;
}

/// Waits up to `timeout` for `pid`; its exit status, or nullopt while it still runs.
std::optional<int> wait_for(pid_t pid, std::chrono::steady_clock::duration timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return status;
        }
        if (done < 0 || std::chrono::steady_clock::now() >= deadline) {
            return done < 0 ? std::optional<int>(-1) : std::nullopt;
        }
        std::this_thread::sleep_for(20ms);
    }
}

bool accepts_connections(std::uint16_t port) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect({boost::asio::ip::address_v4::loopback(), port}, ec);
    return !ec;
}

} // namespace

std::optional<std::string> smtp_test_server::unavailable() {
    static const std::optional<std::string> reason = []() -> std::optional<std::string> {
        if (::access(python, X_OK) != 0) {
            return fmt::format("{} is missing (install Debian's python3 and python3-aiosmtpd)",
                               python);
        }
        const pid_t pid = spawn({python, "-c", "import aiosmtpd.smtp"}, "/dev/null");
        const auto status = wait_for(pid, start_timeout);
        if (!status) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            return fmt::format("{} -c 'import aiosmtpd.smtp' did not finish", python);
        }
        if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
            return fmt::format("{} cannot import aiosmtpd: install the Debian package "
                               "python3-aiosmtpd",
                               python);
        }
        return std::nullopt;
    }();
    return reason;
}

smtp_test_server::smtp_test_server(smtp_server_options options) {
    std::string pattern = (fs::temp_directory_path() / "lbtrack-smtp-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    dir_ = pattern;
    const std::string log = dir_ + "/server.log";
    const std::string port_file = dir_ + "/port";
    std::vector<std::string> argv{
        python,        std::string(LBTRACK_SOURCE_DIR) + "/tests/support/smtp_test_server.py",
        "--dir",       dir_,
        "--port-file", port_file};
    if (!options.username.empty()) {
        argv.insert(argv.end(), {"--user", options.username, "--password", options.password});
    }
    try {
        pid_ = spawn(argv, log);
        const auto deadline = std::chrono::steady_clock::now() + start_timeout;
        while (!fs::exists(port_file)) {
            if (wait_for(pid_, 0s)) {
                pid_ = -1; // reaped
                throw std::runtime_error("the SMTP test server exited:\n" + slurp(log));
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                throw std::runtime_error("the SMTP test server did not start:\n" + slurp(log));
            }
            std::this_thread::sleep_for(20ms);
        }
        port_ = static_cast<std::uint16_t>(std::stoul(slurp(port_file)));
        if (!accepts_connections(port_)) {
            throw std::runtime_error(fmt::format(
                "the SMTP test server does not accept on port {}:\n{}", port_, slurp(log)));
        }
    } catch (...) {
        stop(); // the destructor does not run for a constructor that throws
        throw;
    }
}

smtp_test_server::~smtp_test_server() {
    stop();
}

void smtp_test_server::stop() noexcept {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        if (!wait_for(pid_, stop_timeout)) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        pid_ = -1;
    }
    if (!dir_.empty()) {
        std::error_code ec;
        fs::remove_all(dir_, ec);
        dir_.clear();
    }
}

std::string smtp_test_server::url() const {
    return fmt::format("smtp://127.0.0.1:{}", port_);
}

std::vector<std::string> smtp_test_server::received() const {
    std::vector<fs::path> files;
    for (const auto& item : fs::directory_iterator(dir_)) {
        const auto name = item.path().filename().string();
        if (name.starts_with("msg-") && name.ends_with(".json")) {
            files.push_back(item.path());
        }
    }
    std::sort(files.begin(), files.end()); // msg-0001, msg-0002, ...: arrival order
    std::vector<std::string> records;
    for (const auto& file : files) {
        records.push_back(slurp(file));
    }
    return records;
}

std::string smtp_test_server::raw_message(std::size_t index) const {
    return slurp(fs::path(dir_) / fmt::format("msg-{:04}.eml", index + 1));
}

} // namespace lbtrack::test
