#include "cli_test_support.hpp"

namespace {

using namespace lbtrack::test;

class DiffCommand : public cli_test {
protected:
    void SetUp() override {
        cli_test::SetUp();
        const auto r = lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
};

// The expected changes were found by hand from the two CSVs (tests/data/lmarena/README.md).
TEST_F(DiffCommand, ListsExactlyTheChangesBetweenTwoReplayedDates) {
    const auto r = lbtrack({"diff", "--source", "lmarena-text", "--from", "2025-07-01", "--to",
                            "2025-07-02", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto& j = r.out;
    EXPECT_NE(j.find("\"new_leader\":{\"from\":\"Gemini-2.5-Pro\",\"to\":\"o3-2025-04-16\"}"),
              std::string::npos)
        << j;
    EXPECT_NE(j.find("\"added\":[{\"model_key\":\"grok4-0709\",\"name\":\"Grok-4-0709\","
                     "\"rank\":3,\"score\":1438}]"),
              std::string::npos)
        << j;
    EXPECT_NE(j.find("\"dropped\":[{\"model_key\":\"gemini2.5-pro-preview-0506\",\"name\":"
                     "\"Gemini-2.5-Pro-Preview-05-06\",\"rank\":2,\"score\":1446}]"),
              std::string::npos)
        << j;
    // Moves, largest first. o3 passed ChatGPT-4o by more than their CIs: a move. Gemini-2.5-Pro
    // was passed only by o3, whose new interval (1480±5) overlaps its own (1472±5), and o3-mini /
    // o3-mini-high swapped inside overlapping intervals (1320±3, 1316±5): the board cannot tell
    // them apart, so those are listed as within CI, not as moves.
    EXPECT_NE(j.find("\"moved\":[{\"model_key\":\"o3-0416\",\"name\":\"o3-2025-04-16\","
                     "\"from\":4,\"to\":1},"
                     "{\"model_key\":\"chatgpt4o-latest-0326\",\"name\":\"ChatGPT-4o-"
                     "latest (2025-03-26)\",\"from\":3,\"to\":4}],"
                     "\"within_ci\":[{\"model_key\":\"gemini2.5-pro\",\"name\":\"Gemini-2.5-Pro\","
                     "\"from\":1,\"to\":2},"
                     "{\"model_key\":\"o3-mini-0131\",\"name\":\"o3-mini\",\"from\":10,\"to\":9},"
                     "{\"model_key\":\"o3-mini-high-0131\",\"name\":\"o3-mini-high\",\"from\":9,"
                     "\"to\":10}]"),
              std::string::npos)
        << j;
    EXPECT_NE(
        j.find("\"rescored\":[{\"model_key\":\"o3-0416\",\"name\":\"o3-2025-04-16\","
               "\"from\":1428,\"to\":1480,\"significant\":true},"
               "{\"model_key\":\"o3-mini-high-0131\",\"name\":\"o3-mini-high\",\"from\":1338,"
               "\"to\":1316,\"significant\":true},"
               "{\"model_key\":\"o3-mini-0131\",\"name\":\"o3-mini\",\"from\":1317,\"to\":1320,"
               "\"significant\":false},"),
        std::string::npos)
        << j;
    EXPECT_NE(j.find("\"from_rows\":13,\"to_rows\":13"), std::string::npos) << j;
}

TEST_F(DiffCommand, DefaultsToTheLatestSnapshotAgainstTheOneBefore) {
    const auto r = lbtrack({"diff", "--source", "lmarena-text", "--format", "md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Compared 2025-07-01 → 2025-07-02"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("### New models (1)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("### Dropped models (1)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("### Rank moves (2)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("### Score changes (5)"), std::string::npos) << r.out;
}

TEST_F(DiffCommand, SameSnapshotOnBothSidesHasNoChanges) {
    // 2025-07-03 was unchanged, so "as of 07-03" is the 07-02 snapshot. (--from after --to is
    // an error: Answers.DiffFromLaterThanToIsAUsageError.)
    const auto r = lbtrack({"diff", "--source", "lmarena-text", "--from", "2025-07-02", "--to",
                            "2025-07-03", "--format", "text"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("no changes"), std::string::npos) << r.out;
}

TEST_F(DiffCommand, BeforeAnySnapshotIsAClearError) {
    const auto r = lbtrack({"diff", "--source", "lmarena-text", "--to", "2020-01-01"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("has no snapshot at or before 2020-01-01"), std::string::npos) << r.err;
}

TEST_F(DiffCommand, BadWhenIsAUsageError) {
    const auto r = lbtrack({"diff", "--source", "lmarena-text", "--from", "last tuesday"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("'last tuesday' is not a WHEN"), std::string::npos) << r.err;
}

} // namespace
