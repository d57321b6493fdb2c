// One `lbtrack run` over eight sources served by a loopback server that misbehaves in one way per
// source (tests/data/config/fault_sources.toml): each outcome is asserted, and the healthy
// sources of the same run are stored whatever the others do.

#include "cli_test_support.hpp"
#include "support/http_test_server.hpp"

#include <chrono>

namespace {

using namespace lbtrack::test;
using namespace std::chrono_literals;

const std::string board = "model,arena_score\nGemini-2.5-Pro,1472\no3-2025-04-16,1428\n";

class RunFaults : public cli_test {
protected:
    void SetUp() override {
        cli_test::SetUp();
        server_.route_sequence("/flaky.csv", {{500, "upstream hiccup", {}}, {200, board, {}}});
        server_.route_sequence("/throttled.csv",
                               {{429, "slow down", {{"Retry-After", "1"}}}, {200, board, {}}});
        server_.route("/slow.csv", {200, board, {}, 3s});
        http_route_response cut{200, board, {}};
        cut.truncate = true;
        server_.route("/truncated.csv", cut);
        server_.route("/html-page.csv",
                      {200,
                       "<!DOCTYPE html><html><body>Sign in to continue</body></html>",
                       {{"Content-Type", "text/html"}}});
        server_.route("/oversized.csv", {200, board + std::string(8192, 'x'), {}});
        server_.route_sequence(
            "/etagged.csv", {{200, board, {{"ETag", "\"v1\""}}}, {304, "", {{"ETag", "\"v1\""}}}});
        server_.route("/healthy.csv", {200, board, {}});
    }

    cli_result run() {
        return run_lbtrack({"--config", fixture("config/fault_sources.toml"), "run", "--mirror",
                            "https://boards.example/=" + server_.base_url() + "/"},
                           env_);
    }

    long long snapshots(const std::string& source) {
        return count("SELECT count(*) FROM snapshot WHERE source_id = '" + source + "'");
    }

    std::string last_error(const std::string& source) {
        pqxx::connection conn(db_url_);
        pqxx::nontransaction tx(conn);
        const auto r = tx.exec("SELECT coalesce(error, '') FROM fetch_log WHERE source_id = '" +
                               source + "' ORDER BY id DESC LIMIT 1");
        return r.empty() ? "" : r[0][0].as<std::string>();
    }

    http_test_server server_;
};

TEST_F(RunFaults, EachFaultHasItsOutcomeAndTheOthersAreStored) {
    const auto started = std::chrono::steady_clock::now();
    const auto r = run();
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    EXPECT_EQ(r.exit_code, 1) << r.err; // some sources failed, the others were stored

    // 500 then 200: retried, stored once.
    EXPECT_EQ(snapshots("flaky"), 1);
    EXPECT_EQ(server_.hits("/flaky.csv"), 2u);
    // 429 with Retry-After: 1: waited, then stored.
    EXPECT_EQ(snapshots("throttled"), 1);
    EXPECT_EQ(server_.hits("/throttled.csv"), 2u);
    EXPECT_GE(seconds.count(), 0.9);
    // A server slower than the source's timeout: failed after the configured attempts.
    EXPECT_EQ(snapshots("slow"), 0);
    EXPECT_NE(last_error("slow").find("timed out"), std::string::npos) << last_error("slow");
    EXPECT_EQ(server_.hits("/slow.csv"), 3u);
    // A body cut short: retried, then failed; nothing stored.
    EXPECT_EQ(snapshots("truncated"), 0);
    const auto truncated = last_error("truncated");
    EXPECT_NE(truncated.find("source 'truncated'"), std::string::npos) << truncated;
    // Named once: the message was once wrapped twice ("source 'x': fetch of … failed: source
    // 'x': fetch of … failed: …").
    EXPECT_EQ(truncated.find("source 'truncated'", truncated.find("source 'truncated'") + 1),
              std::string::npos)
        << truncated;
    // An HTML page where CSV was expected: a clear parse error, nothing stored.
    EXPECT_EQ(snapshots("html-page"), 0);
    EXPECT_NE(last_error("html-page").find("expected CSV but the payload is an HTML page"),
              std::string::npos)
        << last_error("html-page");
    // Over the size cap: failed at once, not retried.
    EXPECT_EQ(snapshots("oversized"), 0);
    EXPECT_NE(last_error("oversized").find("cap"), std::string::npos) << last_error("oversized");
    EXPECT_EQ(server_.hits("/oversized.csv"), 1u);
    // The healthy ones.
    EXPECT_EQ(snapshots("etagged"), 1);
    EXPECT_EQ(snapshots("healthy"), 1);
    EXPECT_NE(r.err.find("run finished: 8 source(s), 4 failed"), std::string::npos) << r.err;
}

TEST_F(RunFaults, NotModifiedAnswerRecordsAnUnchangedFetch) {
    ASSERT_EQ(run().exit_code, 1);
    // The second run sends the ETag of the first; the server answers 304.
    const auto second = run();
    EXPECT_EQ(server_.last_request_header("/etagged.csv", "If-None-Match"),
              std::optional<std::string>("\"v1\""));
    EXPECT_NE(second.err.find("etagged: unchanged: not modified (HTTP 304)"), std::string::npos)
        << second.err;
    EXPECT_EQ(snapshots("etagged"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE source_id = 'etagged' AND status = "
                    "'unchanged' AND http_status = 304"),
              1);
    // Same bytes without validators: unchanged by content hash.
    EXPECT_EQ(snapshots("healthy"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE source_id = 'healthy' AND status = "
                    "'unchanged'"),
              1);
}

} // namespace
