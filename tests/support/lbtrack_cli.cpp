#include "support/lbtrack_cli.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace lbtrack::test {

namespace {

/// The child's environment: ours, minus anything that would point lbtrack at a database other
/// than the one the test chose.
std::vector<std::string> child_environment(const cli_env& env) {
    std::vector<std::string> vars;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string var(*e);
        if (var.starts_with("DATABASE_URL=") || var.starts_with("PG")) {
            continue;
        }
        vars.push_back(var);
    }
    if (!env.database_url.empty()) {
        vars.push_back("DATABASE_URL=" + env.database_url);
    }
    for (const auto& [k, v] : env.extra) {
        vars.push_back(k + "=" + v);
    }
    return vars;
}

pid_t spawn(const std::vector<std::string>& args, const cli_env& env, const std::string& out_path,
            const std::string& err_path) {
    std::vector<std::string> argv_storage{LBTRACK_BINARY};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_storage) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    auto env_storage = child_environment(env);
    std::vector<char*> envp;
    for (auto& e : env_storage) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!env.cwd.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, env.cwd.c_str());
    }
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error("posix_spawn of lbtrack failed");
    }
    return pid;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

pid_t spawn_lbtrack(const std::vector<std::string>& args, const cli_env& env,
                    const std::string& log_prefix) {
    return spawn(args, env, log_prefix + ".out", log_prefix + ".err");
}

cli_result run_lbtrack(const std::vector<std::string>& args, const cli_env& env,
                       std::chrono::seconds timeout) {
    temp_dir logs;
    const auto prefix = logs.path() + "/lbtrack";
    const pid_t pid = spawn_lbtrack(args, env, prefix);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    cli_result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    r.out = slurp(prefix + ".out");
    r.err = slurp(prefix + ".err");
    return r;
}

std::string fixture(const std::string& relative) {
    return std::string(LBTRACK_TEST_DATA_DIR) + "/" + relative;
}

std::string shared_data_dir() {
    const char* env = std::getenv("LBTRACK_SHARED_DATA");
    return env != nullptr && *env != '\0' ? std::string(env)
                                          : std::string(LBTRACK_SOURCE_DIR) + "/../shared/data";
}

temp_dir::temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lbtrack-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

temp_dir::~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

} // namespace lbtrack::test
