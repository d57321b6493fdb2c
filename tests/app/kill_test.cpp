#include "cli_test_support.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <thread>

namespace {

using namespace lbtrack::test;

/// A generated board: `rows` models whose scores shift with `day`, so every day is a new snapshot.
std::string synthetic_day(int day, int rows) {
    std::string csv = "rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,"
                      "knowledge_cutoff,url\n";
    for (int i = 0; i < rows; ++i) {
        csv += fmt::format("{},{},model-{}-{},{},+4/-4,{},Org{},Proprietary,,https://e/{}\n", i + 1,
                           i + 1, i, (i + day) % 7, 1500 - i, 1000 + day, i % 13, i);
    }
    return csv;
}

class Kill : public cli_test {};

// SIGKILL in the middle of a replay leaves no partial snapshot: each stored snapshot has all its
// rows, and a second replay completes the rest.
TEST_F(Kill, SigkillDuringReplayLeavesOnlyCompleteSnapshots) {
    constexpr int days = 40;
    constexpr int rows = 4000;
    temp_dir dir;
    for (int d = 0; d < days; ++d) {
        const std::chrono::year_month_day date{
            std::chrono::sys_days(std::chrono::year(2025) / 1 / 1) + std::chrono::days(d)};
        std::ofstream(
            fmt::format("{}/{:04}-{:02}-{:02}.csv", dir.path(), static_cast<int>(date.year()),
                        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day())))
            << synthetic_day(d, rows);
    }
    // Migrate first so the poll below can count snapshots from the start.
    ASSERT_EQ(lbtrack({"db", "migrate"}).exit_code, 0);
    temp_dir logs;
    const pid_t pid =
        spawn_lbtrack({"--config", real_config(), "replay", "--source", "lmarena-text", dir.path()},
                      env_, logs.path() + "/replay");
    // Kill as soon as a few snapshots are in, while the replay is mid-way.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    long long stored = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        stored = count("SELECT count(*) FROM snapshot");
        if (stored >= 3) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "replay finished before it could be killed";
    const auto after_kill = count("SELECT count(*) FROM snapshot");
    EXPECT_GE(after_kill, 3);
    EXPECT_LT(after_kill, days);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot s WHERE s.row_count <> "
                    "(SELECT count(*) FROM entry e WHERE e.snapshot_id = s.id)"),
              0);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), after_kill * rows);

    const auto r = lbtrack({"replay", "--source", "lmarena-text", dir.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), days);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), static_cast<long long>(days) * rows);
}

TEST_F(Kill, SecondRunWhileTheFirstHoldsTheLockSaysSo) {
    pqxx::connection holder(db_url_);
    // Migrate first so the lock is the only thing between the two.
    ASSERT_EQ(lbtrack({"db", "migrate"}).exit_code, 0);
    pqxx::nontransaction tx(holder);
    tx.exec("SELECT pg_advisory_lock(x'6c62746b0002'::bigint)");
    const auto r = lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("another lbtrack run is in progress"), std::string::npos) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 0);
}

TEST_F(Kill, ALockReleasedWithinAMomentLetsTheRunGoOn) {
    // What a killed run leaves for a moment (its backend still holding the lock) must not fail
    // the run started right after it.
    ASSERT_EQ(lbtrack({"db", "migrate"}).exit_code, 0);
    pqxx::connection holder(db_url_);
    pqxx::nontransaction tx(holder);
    tx.exec("SELECT pg_advisory_lock(x'6c62746b0002'::bigint)");
    temp_dir logs;
    const pid_t pid = spawn_lbtrack(
        {"--config", real_config(), "replay", "--source", "lmarena-text", fixture("lmarena")}, env_,
        logs.path() + "/replay");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    tx.exec("SELECT pg_advisory_unlock(x'6c62746b0002'::bigint)");
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
}

} // namespace
