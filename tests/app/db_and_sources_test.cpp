#include "cli_test_support.hpp"

#include "lbtrack/store/migrations.hpp"

#include <fmt/format.h>

#include <regex>

namespace {

using namespace lbtrack::test;

class DbCommand : public cli_test {};

TEST_F(DbCommand, MigrateAppliesOnceAndStatusSaysWhichDatabase) {
    // Counted from the embedded migrations, so adding one does not break this test.
    const auto& known = lbtrack::store::known_migrations();
    ASSERT_FALSE(known.empty());
    const int newest = known.back().version;
    const auto first = lbtrack({"db", "migrate"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find(
                  fmt::format("applied {} migration(s); schema version {}", known.size(), newest)),
              std::string::npos)
        << first.out;
    const auto second = lbtrack({"db", "migrate"});
    EXPECT_NE(second.out.find(fmt::format("applied 0 migration(s); schema version {}", newest)),
              std::string::npos)
        << second.out;
    const auto status = lbtrack({"db", "status"});
    ASSERT_EQ(status.exit_code, 0) << status.err;
    EXPECT_NE(status.out.find("database: DATABASE_URL ("), std::string::npos) << status.out;
    EXPECT_NE(status.out.find(fmt::format("schema version: {0} (this lbtrack knows {0})", newest)),
              std::string::npos)
        << status.out;
    EXPECT_NE(status.out.find("sources 0, snapshots 0, entries 0"), std::string::npos)
        << status.out;
}

TEST_F(DbCommand, StopRefusesADatabaseItDoesNotOwn) {
    const auto r = lbtrack({"db", "stop"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("stops the embedded cluster only"), std::string::npos) << r.err;
}

TEST_F(DbCommand, SourcesListsLastFetchStatusAndRows) {
    const auto before = lbtrack({"sources"});
    ASSERT_EQ(before.exit_code, 0) << before.err;
    EXPECT_NE(before.out.find("lmarena-text"), std::string::npos) << before.out;
    EXPECT_NE(before.out.find("never"), std::string::npos) << before.out;

    ASSERT_EQ(lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")}).exit_code, 0);
    const auto after = lbtrack({"sources"});
    ASSERT_EQ(after.exit_code, 0) << after.err;
    // The last attempt was the unchanged 2025-07-03; the latest snapshot has 13 rows; 2 snapshots.
    EXPECT_NE(after.out.find("2025-07-03 00:00"), std::string::npos) << after.out;
    EXPECT_NE(after.out.find("unchanged"), std::string::npos) << after.out;
    EXPECT_TRUE(std::regex_search(after.out, std::regex(R"(\n *lmarena-text .* 13 +2 +\w+ )")))
        << after.out;
}

} // namespace
