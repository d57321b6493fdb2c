// `lbtrack serve` in a real browser: Debian's headless Chromium loads the main pages of a
// replayed real board (LMArena text, 92 days; SuperCLUE for Chinese names) and the test checks
// the DOM it rendered (the standings table, the charts) and that the console stayed empty: the
// pages run no script, so any console line is an error (a Content-Security-Policy violation, a
// resource refused). Skipped, saying so, when Chromium or ../shared/data is absent.
//
// LBTRACK_SCREENSHOT_DIR=docs build/tests/browser_tests also writes the screenshots of docs/
// (serve-board.png, serve-model.png).

#include "app/cli_test_support.hpp"
#include "serve/serve_test_support.hpp"

#include "lbtrack/core/environment.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

std::string find_chromium() {
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
        if (fs::exists(candidate)) {
            return candidate;
        }
    }
    return {};
}

struct browser_result {
    int exit_code = -1;
    std::string dom;
    std::string console; ///< the console lines Chromium logged
};

class ServeBrowser : public serve_test {
protected:
    void SetUp() override {
        chromium_ = find_chromium();
        if (chromium_.empty()) {
            GTEST_SKIP() << "Chromium is not installed (apt-get install chromium fonts-noto-cjk): "
                            "the browser test is skipped";
        }
        if (!fs::exists(fs::path(shared_data_dir()) / "lmarena-text")) {
            GTEST_SKIP() << "no real board history under " << shared_data_dir();
        }
        serve_test::SetUp();
        cli_env env;
        env.database_url = url_;
        for (const std::string board : {"lmarena-text", "superclue"}) {
            const auto r = run_lbtrack({"--config", real_config(), "-q", "replay", "--source",
                                        board, shared_data_dir() + "/" + board},
                                       env, std::chrono::seconds(300));
            ASSERT_EQ(r.exit_code, 0) << r.err;
        }
        start();
    }

    /// Loads `target` in headless Chromium: its DOM after loading, and its console.
    browser_result load(const std::string& target, const std::string& screenshot = {}) {
        const temp_dir dir;
        const auto dom = dir.path() + "/dom.html";
        const auto log = dir.path() + "/log";
        const auto action =
            screenshot.empty() ? std::string("--dump-dom") : "--screenshot=" + screenshot;
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        const auto command =
            fmt::format("timeout 120 '{}' --headless --no-sandbox --disable-gpu --no-first-run "
                        "--hide-scrollbars --user-data-dir='{}/profile' --window-size=1280,1600 "
                        "--enable-logging=stderr --v=0 {} 'http://127.0.0.1:{}{}' >'{}' 2>'{}'",
                        chromium_, dir.path(), action, port(), target, dom, log);
        browser_result out;
        const int status = std::system(command.c_str());
        out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        out.dom = read_file(dom);
        std::istringstream lines(read_file(log));
        for (std::string line; std::getline(lines, line);) {
            if (line.find(":CONSOLE") != std::string::npos) {
                out.console += line + "\n";
            }
        }
        return out;
    }

    static std::size_t count(const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
            ++n;
        }
        return n;
    }

    std::string chromium_;
};

TEST_F(ServeBrowser, TheMainPagesRenderTheirTablesAndChartsWithoutConsoleErrors) {
    // The leader of the latest snapshot, for its model page.
    const auto board = inspect("json", get("/boards/lmarena-text.json").body);
    ASSERT_TRUE(board->ok) << board->error;
    const auto leader = str(board->root["rows"].at(0), "model_key");
    ASSERT_FALSE(leader.empty());
    std::string leader_path = "/models/";
    for (const unsigned char c : leader) {
        leader_path +=
            std::isalnum(c) != 0 ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }

    const auto index = load("/");
    EXPECT_EQ(index.exit_code, 0);
    EXPECT_NE(index.dom.find("<table class=\"boards\""), std::string::npos) << index.dom;
    EXPECT_GE(count(index.dom, "<svg class=\"spark\""), 1u) << "no sparkline";
    EXPECT_EQ(index.console, "");

    for (const std::string target :
         {"/boards/lmarena-text?as_of=2025-01-01", "/boards/superclue"}) {
        const auto page = load(target);
        EXPECT_EQ(page.exit_code, 0) << target;
        EXPECT_NE(page.dom.find("<table class=\"standings\""), std::string::npos) << target;
        EXPECT_GT(count(page.dom, "<tr>") + count(page.dom, "<tr "), 10u) << target;
        EXPECT_NE(page.dom.find("id=\"changes\""), std::string::npos) << target;
        EXPECT_EQ(page.console, "") << target;
        if (target == "/boards/superclue") {
            // Chinese names reach the DOM as text.
            EXPECT_NE(page.dom.find("文心一言"), std::string::npos);
        }
    }

    const auto model = load(leader_path);
    EXPECT_EQ(model.exit_code, 0);
    // The rank chart across boards and a score chart per board: inline SVG with lines.
    EXPECT_GE(count(model.dom, "<svg xmlns=\"http://www.w3.org/2000/svg\""), 2u) << model.dom;
    EXPECT_GE(count(model.dom, "<polyline"), 2u);
    EXPECT_EQ(model.console, "");

    for (const std::string target : {"/boards/lmarena-text/diff", "/movers?since=2025-07-01"}) {
        const auto page = load(target);
        EXPECT_EQ(page.exit_code, 0) << target;
        EXPECT_NE(page.dom.find("</main>"), std::string::npos) << target;
        EXPECT_EQ(page.console, "") << target;
    }

    if (const char* dir = lbtrack::getenv_nonempty("LBTRACK_SCREENSHOT_DIR")) {
        const auto abs = fs::absolute(dir).string();
        EXPECT_EQ(load("/boards/lmarena-text", abs + "/serve-board.png").exit_code, 0);
        EXPECT_EQ(load(leader_path, abs + "/serve-model.png").exit_code, 0);
    }
}

} // namespace
