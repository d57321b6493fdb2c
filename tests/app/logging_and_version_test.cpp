// `lbtrack --version` and what the log lines on stderr look like: colour only on a terminal
// without NO_COLOR, UTC timestamps marked Z, syslog priority prefixes under journald.

#include "logging.hpp"
#include "support/lbtrack_cli.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

using namespace lbtrack::test;
using lbtrack::app::choose_log_style;
using lbtrack::app::log_target;

/// An invocation that logs one error and needs no database: a --config that does not exist.
std::vector<std::string> failing_args(const temp_dir& dir) {
    return {"--config", dir.path() + "/absent.toml", "sources"};
}

TEST(Version, PrintsTheProjectVersionAndExitsZero) {
    const auto r = run_lbtrack({"--version"}, {});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^lbtrack \d+\.\d+\.\d+)"))) << r.out;
    // Built from a git checkout: the commit is named too.
    if (std::filesystem::exists(std::string(LBTRACK_SOURCE_DIR) + "/.git")) {
        EXPECT_NE(r.out.find("(git "), std::string::npos) << r.out;
    }
}

TEST(LogStyle, ColourOnlyOnATerminalWithoutNoColor) {
    log_target t;
    t.terminal = true;
    EXPECT_TRUE(choose_log_style(t).colour);
    t.no_color = true;
    EXPECT_FALSE(choose_log_style(t).colour);
    t.no_color = false;
    t.terminal = false;
    EXPECT_FALSE(choose_log_style(t).colour);
}

TEST(LogStyle, JournaldOnlyWhenJournalStreamIsStderr) {
    log_target t;
    t.terminal = true;
    t.stderr_id = "8:42";
    t.journal_stream = "8:42";
    EXPECT_TRUE(choose_log_style(t).journald);
    EXPECT_FALSE(choose_log_style(t).colour);
    // Inherited by a process whose stderr was redirected elsewhere: not the journal.
    t.journal_stream = "8:43";
    EXPECT_FALSE(choose_log_style(t).journald);
}

TEST(LogLines, NotATerminalGetsNoColourAndUtcTimestamps) {
    temp_dir dir;
    cli_env env;
    env.extra = {{"TERM", "xterm-256color"}};
    const auto r = run_lbtrack(failing_args(dir), env);
    ASSERT_NE(r.exit_code, 0);
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
    EXPECT_TRUE(
        std::regex_search(r.err, std::regex(R"((^|\n)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ error: )")))
        << r.err;
}

/// Runs lbtrack on a pseudo-terminal (stderr a tty) and returns all it wrote there.
std::string run_on_terminal(const std::vector<std::string>& args, bool no_color) {
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (pid == 0) {
        ::setenv("TERM", "xterm-256color", 1);
        if (no_color) {
            ::setenv("NO_COLOR", "1", 1);
        } else {
            ::unsetenv("NO_COLOR");
        }
        ::unsetenv("JOURNAL_STREAM");
        std::vector<std::string> storage{LBTRACK_BINARY};
        storage.insert(storage.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : storage) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    std::string output;
    char buf[4096];
    for (;;) {
        const auto n = ::read(master, buf, sizeof buf);
        if (n <= 0) {
            break; // EIO once the child has closed the terminal
        }
        output.append(buf, static_cast<std::size_t>(n));
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(master);
    return output;
}

TEST(LogLines, NoColorUncoloursATerminal) {
    temp_dir dir;
    const auto coloured = run_on_terminal(failing_args(dir), false);
    ASSERT_NE(coloured.find("error"), std::string::npos) << coloured;
    EXPECT_NE(coloured.find("\x1b["), std::string::npos) << coloured;
    const auto plain = run_on_terminal(failing_args(dir), true);
    ASSERT_NE(plain.find("error"), std::string::npos) << plain;
    EXPECT_EQ(plain.find('\x1b'), std::string::npos) << plain;
}

TEST(LogLines, JournaldStreamGetsPriorityPrefixes) {
    temp_dir dir;
    const auto prefix = dir.path() + "/run";
    // spawn_lbtrack opens PREFIX.err with O_TRUNC: the same inode as the file created here.
    { std::ofstream(prefix + ".err"); }
    struct stat st {};
    ASSERT_EQ(::stat((prefix + ".err").c_str(), &st), 0);
    const auto stream = fmt::format("{}:{}", st.st_dev, st.st_ino);
    cli_env env;
    env.extra = {{"JOURNAL_STREAM", stream}};
    const pid_t pid = spawn_lbtrack(failing_args(dir), env, prefix);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    std::ifstream in(prefix + ".err");
    std::stringstream err;
    err << in.rdbuf();
    const auto text = err.str();
    ASSERT_FALSE(text.empty());
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_TRUE(std::regex_search(line, std::regex(R"(^<[0-7]>)"))) << line;
    }
    EXPECT_NE(text.find("<3>error: "), std::string::npos) << text;
}

} // namespace
