// `lbtrack run --notify` end to end: the real config plus [[notify]] tables, the board served by
// the loopback server, a file sink and a generic webhook sink that fails once. Asserts the digest
// is written once per run, only when something passed the rules, and that the failed webhook
// message is kept in the outbox and delivered by the next run. (The bodies each sink sends are
// asserted in tests/notify.)

#include "cli_test_support.hpp"
#include "support/http_test_server.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

class Notify : public cli_test {
protected:
    void SetUp() override {
        cli_test::SetUp();
        config_ = dir_.path() + "/sources.toml";
        std::ofstream(config_) << read_file(real_config()) << R"(
[[notify]]
name = "archive"
sink = "file"
path = "reports/{date}.md"    # relative: beside this config
format = "md"
boards = ["lmarena-*"]

[[notify]]
name = "hook"
sink = "webhook"
url_env = "LBTRACK_TEST_HOOK_URL"

[[notify]]
name = "nobody"
sink = "file"
path = "nobody.md"
models = ["no-such-model*"]
)";
        env_.extra.push_back({"LBTRACK_TEST_HOOK_URL", server_.base_url() + "/hooks/SECRET-TOKEN"});
    }

    /// Serves `csv` as the board of lmarena-text.
    void serve_day(const std::string& csv) {
        server_.route("/lmarena_text.csv", {200, read_file(fixture("lmarena/" + csv)), {}});
    }

    std::vector<std::string> run_args() const {
        return {"--config",
                config_,
                "--models",
                std::string(LBTRACK_SOURCE_DIR) + "/config/models.toml",
                "run",
                "--source",
                "lmarena-text",
                "--mirror",
                std::string(upstream_prefix) + "=" + server_.base_url() + "/",
                "--notify"};
    }

    cli_result run_day(const std::string& csv) {
        serve_day(csv);
        return run_lbtrack(run_args(), env_);
    }

    /// Day 1 (a first snapshot: nothing to notify), then day 2 twice, the webhook answering
    /// `status` to its first request and 200 to the others: the two runs of day 2.
    std::pair<cli_result, cli_result> hook_fails_once_with(unsigned status) {
        EXPECT_EQ(run_day("2025-07-01.csv").exit_code, 0);
        server_.route_sequence("/hooks/SECRET-TOKEN", {{status, "refused", {}}, {200, "ok", {}}});
        auto failing = run_day("2025-07-02.csv");
        return {std::move(failing), run_day("2025-07-02.csv")};
    }

    /// How many of the webhook sink's messages are `in_state` (SQL over the outbox's columns).
    long long hook_messages(const std::string& in_state) {
        return count("SELECT count(*) FROM notification WHERE sink = 'hook' AND " + in_state);
    }

    std::vector<fs::path> reports() const {
        std::vector<fs::path> out;
        if (fs::exists(dir_.path() + "/reports")) {
            for (const auto& f : fs::directory_iterator(dir_.path() + "/reports")) {
                out.push_back(f.path());
            }
        }
        return out;
    }

    temp_dir dir_;
    std::string config_;
    http_test_server server_;
};

TEST_F(Notify, OneDigestPerRunAndAFailedWebhookIsRetriedNextRun) {
    // Day 1: the board's first snapshot is not news: every sink stays quiet.
    auto r = run_day("2025-07-01.csv");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(reports().empty());
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 0u);
    EXPECT_EQ(count("SELECT count(*) FROM notification"), 0);

    // Day 2: changes. The webhook answers 500 this time.
    server_.route_sequence("/hooks/SECRET-TOKEN", {{500, "boom", {}}, {200, "ok", {}}});
    r = run_day("2025-07-02.csv");
    EXPECT_EQ(r.exit_code, 4) << r.err; // sources fine, a notification failed
    const auto files = reports();
    ASSERT_EQ(files.size(), 1u);
    const auto md = read_file(files[0].string());
    EXPECT_NE(md.find("**New leader:** o3-2025-04-16 (was Gemini-2.5-Pro)"), std::string::npos)
        << md;
    EXPECT_NE(md.find("### New models (1)"), std::string::npos) << md;
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 1u);
    EXPECT_FALSE(fs::exists(dir_.path() + "/nobody.md")); // nothing passed its rules
    EXPECT_EQ(count("SELECT count(*) FROM notification WHERE sink = 'nobody'"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM notification WHERE sink = 'hook' AND delivered_at IS "
                    "NULL AND attempts = 1 AND last_error LIKE '%500%'"),
              1);
    // The webhook URL is a secret: neither the log nor the stored error carries it.
    EXPECT_EQ(r.err.find("SECRET-TOKEN"), std::string::npos) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM notification WHERE last_error LIKE '%SECRET%'"), 0);
    // The snapshot is stored whatever the sinks did.
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);

    // Day 3: the same board again (nothing new to say), and the webhook is back: the message
    // kept from day 2 is delivered, and no new one is written.
    r = run_day("2025-07-02.csv");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 2u);
    EXPECT_EQ(server_.last_request_header("/hooks/SECRET-TOKEN", "Content-Type"),
              "application/json");
    EXPECT_EQ(count("SELECT count(*) FROM notification WHERE delivered_at IS NULL"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM notification"), 2); // archive + hook, from day 2
    EXPECT_EQ(reports().size(), 1u);
}

// Issue 22: the outbox retried a webhook that answered 401 up to ten runs long, as if it were a
// 503. A permanent failure is reported once, recorded and given up; a transient one is kept.
TEST_F(Notify, AWebhookAnswering401IsTriedOnceAndNotOnTheNextRun) {
    const auto [failing, next] = hook_fails_once_with(401);

    EXPECT_EQ(failing.exit_code, 4) << failing.err;
    EXPECT_NE(failing.err.find("HTTP 401"), std::string::npos) << failing.err;
    EXPECT_NE(failing.err.find("permanent"), std::string::npos) << failing.err;
    // The next delivery pass leaves it alone, though the webhook would answer now.
    EXPECT_EQ(next.exit_code, 0) << next.err;
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 1u);
    EXPECT_EQ(hook_messages("attempts = 1 AND delivered_at IS NULL AND abandoned_at IS NOT NULL "
                            "AND last_error LIKE '%401%'"),
              1);
}

TEST_F(Notify, AWebhookAnswering503IsRetriedOnTheNextRun) {
    const auto [failing, next] = hook_fails_once_with(503);

    EXPECT_EQ(failing.exit_code, 4) << failing.err;
    EXPECT_NE(failing.err.find("HTTP 503"), std::string::npos) << failing.err;
    EXPECT_NE(failing.err.find("retried on the next run"), std::string::npos) << failing.err;
    EXPECT_EQ(next.exit_code, 0) << next.err;
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 2u);
    EXPECT_EQ(hook_messages("attempts = 2 AND delivered_at IS NOT NULL AND abandoned_at IS NULL"),
              1);
}

// Issue 16: a SIGKILL after a run committed a snapshot and before it queued the digest lost the
// change's notification for ever: the next run found the board unchanged and said nothing. The
// test puts the kill exactly there: it holds the outbox table locked, so the run stores its
// snapshot and then waits to queue the digest, and is killed waiting.
TEST_F(Notify, AKillAfterTheSnapshotCommitsAndBeforeTheDigestIsQueuedLosesNoNotification) {
    ASSERT_EQ(run_day("2025-07-01.csv").exit_code, 0);
    serve_day("2025-07-02.csv");
    pqxx::connection holder(db_url_);
    pqxx::work outbox_lock(holder);
    outbox_lock.exec0("LOCK TABLE notification IN ACCESS EXCLUSIVE MODE");
    temp_dir logs;
    const pid_t pid = spawn_lbtrack(run_args(), env_, logs.path() + "/run");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    bool waiting = false;
    while (!waiting && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        waiting = count("SELECT count(*) FROM snapshot") == 2 &&
                  count("SELECT count(*) FROM pg_locks WHERE NOT granted") > 0;
    }
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(waiting) << "the run never stored its snapshot and waited for the outbox: "
                         << read_file(logs.path() + "/run.err");
    ASSERT_TRUE(WIFSIGNALED(status));
    outbox_lock.abort();
    EXPECT_TRUE(reports().empty());
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 0u);

    // The board upstream is the same as the killed run stored: this run stores nothing new and
    // notifies the change the killed one could not.
    server_.route("/hooks/SECRET-TOKEN", {200, "ok", {}});
    auto r = run_day("2025-07-02.csv");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    const auto files = reports();
    ASSERT_EQ(files.size(), 1u) << r.err;
    const auto md = read_file(files[0].string());
    EXPECT_NE(md.find("**New leader:** o3-2025-04-16 (was Gemini-2.5-Pro)"), std::string::npos)
        << md;
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 1u);
    EXPECT_EQ(count("SELECT count(*) FROM notification WHERE delivered_at IS NOT NULL"), 2);

    // Once only: the change is not carried again.
    fs::remove(files[0]);
    r = run_day("2025-07-02.csv");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(reports().empty());
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 1u);
    EXPECT_EQ(count("SELECT count(*) FROM notification"), 2);
}

// A run that stores the board again after a killed one carries both changes as one: from the
// board before the killed run's snapshot to this run's.
TEST_F(Notify, AChangeLeftByAKilledRunAndTheNextOneAreNotifiedAsOne) {
    ASSERT_EQ(run_day("2025-07-01.csv").exit_code, 0);
    // What a run killed after its commit leaves: the snapshot, marked, and no message.
    serve_day("2025-07-02.csv");
    auto without_notify = run_args();
    without_notify.pop_back();
    ASSERT_EQ(run_lbtrack(without_notify, env_).exit_code, 0);
    {
        pqxx::connection conn(db_url_);
        pqxx::work tx(conn);
        tx.exec0("INSERT INTO snapshot_awaiting_digest SELECT max(id) FROM snapshot");
        tx.commit();
    }
    ASSERT_EQ(count("SELECT count(*) FROM snapshot_awaiting_digest"), 1);
    server_.route("/hooks/SECRET-TOKEN", {200, "ok", {}});
    // Day 3: day 2 with one score changed, so this run stores a snapshot of its own.
    auto day3 = read_file(fixture("lmarena/2025-07-02.csv"));
    const auto score = day3.find(",1438,");
    ASSERT_NE(score, std::string::npos);
    day3.replace(score, 6, ",1450,");
    server_.route("/lmarena_text.csv", {200, day3, {}});
    const auto r = run_lbtrack(run_args(), env_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot_awaiting_digest"), 0);
    ASSERT_EQ(reports().size(), 1u) << r.err;
    const auto md = read_file(reports()[0].string());
    // One section for the board, from day 1 to day 3: the new leader is day 2's change.
    EXPECT_NE(md.find("## LMArena"), std::string::npos) << md;
    EXPECT_EQ(md.find("## LMArena"), md.rfind("## LMArena")) << md;
    EXPECT_NE(md.find("**New leader:** o3-2025-04-16 (was Gemini-2.5-Pro)"), std::string::npos)
        << md;
    EXPECT_EQ(server_.hits("/hooks/SECRET-TOKEN"), 1u);
}

// SIGKILLs spread over the time of a `run --notify` (seen here: about half before anything is
// stored, a few between storing and queueing, the rest while delivering or after): no snapshot
// is left incomplete, and every stored change is in a queued digest, its own or one carried by
// a later run, delivered by the end. Each day adds one model ("Daily-N-Model"), kept on the
// following days, so the digest that carries day N's change lists that model as new whichever
// run notified it.
TEST_F(Notify, SigkillsAtEveryMomentOfRunNotifyLoseNoChange) {
    const auto base = read_file(fixture("lmarena/2025-07-02.csv"));
    const auto day = [&](int n) {
        std::string csv = base;
        for (int j = 1; j <= n; ++j) {
            csv += fmt::format("{0},{0},Daily-{1}-Model,{2},+4/-4,1000,Org,Proprietary,,"
                               "https://e/{1}\n",
                               13 + j, j, 1200 - j);
        }
        return csv;
    };
    server_.route("/hooks/SECRET-TOKEN", {200, "ok", {}});
    server_.route("/lmarena_text.csv", {200, day(0), {}});
    // A whole run's time here, for spreading the kills over it.
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(run_lbtrack(run_args(), env_).exit_code, 0);
    const auto whole_run = std::chrono::steady_clock::now() - started;
    constexpr int killed_runs = 24;
    temp_dir logs;
    int killed = 0;
    for (int n = 1; n <= killed_runs; ++n) {
        server_.route("/lmarena_text.csv", {200, day(n), {}});
        const pid_t pid = spawn_lbtrack(run_args(), env_, logs.path() + "/run" + std::to_string(n));
        // From at once to a whole run's time: before the database is opened, while storing,
        // queueing, delivering.
        std::this_thread::sleep_for(whole_run * (n - 1) / (killed_runs - 1));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        killed += WIFSIGNALED(status) ? 1 : 0;
        EXPECT_EQ(count("SELECT count(*) FROM snapshot s WHERE s.row_count <> "
                        "(SELECT count(*) FROM entry e WHERE e.snapshot_id = s.id)"),
                  0);
    }
    // The last run is not killed; it finds the board of the last killed run, and carries what
    // the killed runs stored and did not queue.
    const auto r = run_lbtrack(run_args(), env_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GE(killed, killed_runs / 3) << "most runs ended before their kill: no test";

    EXPECT_EQ(count("SELECT count(*) FROM snapshot_awaiting_digest"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM notification WHERE sink = 'hook' AND delivered_at IS "
                    "NULL"),
              0);
    // Every stored change (every snapshot but the first) is in a digest: its newest model is
    // listed as new in some message of the webhook sink.
    pqxx::connection conn(db_url_);
    pqxx::nontransaction tx(conn);
    const auto stored = tx.exec("SELECT s.id, (SELECT count(*) FROM entry e WHERE e.snapshot_id = "
                                "s.id AND e.raw_name LIKE 'Daily-%') FROM snapshot s ORDER BY "
                                "s.observed_at OFFSET 1");
    EXPECT_GE(stored.size(), 2u);
    for (const auto& row : stored) {
        const auto newest = fmt::format("Daily-{}-Model", row[1].as<int>());
        EXPECT_GT(tx.exec_params1("SELECT count(*) FROM notification WHERE sink = 'hook' AND "
                                  "body_text LIKE '%+ ' || $1 || ' %'",
                                  newest)[0]
                      .as<int>(),
                  0)
            << "snapshot " << row[0].as<long long>() << " (" << newest << ") never notified";
    }
}

TEST_F(Notify, AnUnsetSecretVariableIsNamedAndTheMessageKept) {
    env_.extra.clear();
    run_day("2025-07-01.csv");
    const auto r = run_day("2025-07-02.csv");
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_NE(r.err.find("LBTRACK_TEST_HOOK_URL, which is not set"), std::string::npos) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM notification WHERE sink = 'hook' AND delivered_at IS "
                    "NULL"),
              1);
}

TEST_F(Notify, ConfigErrorsNameTheKey) {
    std::ofstream(config_, std::ios::app) << R"(
[[notify]]
name = "mail"
sink = "email"
from = "lbtrack@example.org"
to = ["me@example.org"]
)";
    const auto r = run_lbtrack({"--config", config_, "sources"}, env_);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("notify[3].smtp_url"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("give exactly one of smtp_url and smtp_url_env"), std::string::npos)
        << r.err;
}

} // namespace
