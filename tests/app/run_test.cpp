#include "cli_test_support.hpp"
#include "support/http_test_server.hpp"

#include <fstream>

namespace {

using namespace lbtrack::test;

class Run : public cli_test {
protected:
    std::vector<std::string> run_args(const std::string& report = "md") {
        return {"run",
                "--source",
                "lmarena-text",
                "--mirror",
                std::string(upstream_prefix) + "=" + server_.base_url() + "/",
                "--report",
                report};
    }
    http_test_server server_;
};

// The real config, pointed at a loopback server with --mirror: fetched, stored, reported.
TEST_F(Run, FetchesThroughMirrorStoresAndReportsMarkdown) {
    server_.route("/lmarena_text.csv", {200, read_file(fixture("lmarena/2025-07-01.csv")), {}});
    auto first = lbtrack(run_args());
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("## LMArena text leaderboard (`lmarena-text`)"), std::string::npos)
        << first.out;
    EXPECT_NE(first.out.find("First snapshot"), std::string::npos) << first.out;
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 13);

    server_.route("/lmarena_text.csv", {200, read_file(fixture("lmarena/2025-07-02.csv")), {}});
    auto second = lbtrack(run_args());
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("**New leader:** o3-2025-04-16 (was Gemini-2.5-Pro)"),
              std::string::npos)
        << second.out;
    EXPECT_NE(second.out.find("| 3 | Grok-4-0709 | 1438 |"), std::string::npos) << second.out;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);

    // Same bytes again: an unchanged fetch, no snapshot, and a report that says so (issue 15:
    // a quiet day used to write 0 bytes, blanking `run --report html > today.html`).
    auto third = lbtrack(run_args());
    ASSERT_EQ(third.exit_code, 0) << third.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'unchanged'"), 1);
    EXPECT_NE(third.out.find("No changes: 1 board checked (lmarena-text), unchanged since "),
              std::string::npos)
        << third.out;
    EXPECT_NE(third.out.find("- `lmarena-text`: unchanged since "), std::string::npos) << third.out;
    EXPECT_EQ(server_.hits("/lmarena_text.csv"), 3u);

    for (const char* format : {"html", "text", "json"}) {
        const auto quiet = lbtrack(run_args(format));
        ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
        EXPECT_NE(quiet.out.find("lmarena-text"), std::string::npos) << format << quiet.out;
        if (std::string(format) == "html") {
            EXPECT_TRUE(quiet.out.starts_with("<!doctype html>")) << quiet.out;
            EXPECT_TRUE(quiet.out.ends_with("</html>\n")) << quiet.out;
            EXPECT_NE(
                quiet.out.find("No changes: 1 board checked (lmarena-text), unchanged since "),
                std::string::npos);
        } else if (std::string(format) == "text") {
            EXPECT_NE(quiet.out.find("No changes: 1 board checked"), std::string::npos);
        } else {
            EXPECT_NE(quiet.out.find("\"unchanged\":[{\"source\":\"lmarena-text\","
                                     "\"last_change\":\""),
                      std::string::npos)
                << quiet.out;
        }
    }
}

TEST_F(Run, ServerErrorFailsTheSourceNamingTheUrl) {
    server_.route("/lmarena_text.csv", {503, "busy", {}});
    const auto r = lbtrack(run_args());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("source 'lmarena-text': fetch of " + server_.base_url() +
                         "/lmarena_text.csv failed"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("503"), std::string::npos) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed'"), 1);
    EXPECT_NE(r.out.find("## Failed sources"), std::string::npos) << r.out;
}

// What a machine without network sees: nothing answers. Every source fails with a fetch error
// and exit 1, not a crash. (A closed loopback port stands in for the missing network so the
// test is the same on any machine.)
TEST_F(Run, NoNetworkFailsEachSourceWithAFetchError) {
    const auto r = lbtrack({"run", "--source", "lmarena-text", "--source", "lmarena-vision",
                            "--mirror", std::string(upstream_prefix) + "=http://127.0.0.1:9/"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("source 'lmarena-text': fetch of http://127.0.0.1:9/lmarena_text.csv "
                         "failed"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("source 'lmarena-vision': fetch of http://127.0.0.1:9/lmarena_vision.csv "
                         "failed"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("run finished: 2 source(s), 2 failed"), std::string::npos) << r.err;
}

TEST_F(Run, FileMirrorReadsALocalFolder) {
    const auto dir = fixture("lmarena");
    temp_dir mirror;
    std::filesystem::copy_file(dir + "/2025-07-01.csv", mirror.path() + "/lmarena_text.csv");
    const auto ok = lbtrack({"run", "--source", "lmarena-text", "--mirror",
                             std::string(upstream_prefix) + "=file://" + mirror.path() + "/",
                             "--report", "text"});
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("first snapshot"), std::string::npos) << ok.out;
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 13);
}

} // namespace
