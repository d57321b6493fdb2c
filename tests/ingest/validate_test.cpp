// The validate stage (ingest/validate.hpp): exactly repeated upstream rows kept once, in order.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/validate.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace lbtrack;

entry row(std::size_t n, std::string key, int rank) {
    entry e;
    e.row = n;
    e.raw_name = key;
    e.model_key = std::move(key);
    e.rank = rank;
    return e;
}

TEST(DropRepeatedRows, KeepsTheFirstOfEachExactRepeatInOrder) {
    // Repeats in the middle: the rows after them move up in place.
    std::vector<entry> entries{row(1, "a", 1), row(2, "b", 2), row(3, "a", 1),
                               row(4, "c", 3), row(5, "b", 2), row(6, "d", 4)};
    const auto messages = ingest::drop_repeated_rows(entries, "day.csv");
    ASSERT_EQ(entries.size(), 4u);
    std::vector<std::size_t> rows;
    for (const auto& e : entries) {
        rows.push_back(e.row);
    }
    EXPECT_EQ(rows, (std::vector<std::size_t>{1, 2, 4, 6}));
    EXPECT_EQ(entries[2].model_key, "c");
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0], "day.csv: data row 3 repeats row 1 ('a') exactly; kept once");
    EXPECT_EQ(messages[1], "day.csv: data row 5 repeats row 2 ('b') exactly; kept once");
}

TEST(DropRepeatedRows, KeepsRowsOfOneModelThatDiffer) {
    // Same model, different values: not a repeat (validation reports the duplicate identity).
    std::vector<entry> entries{row(1, "a", 1), row(2, "a", 2), row(3, "a", 1)};
    const auto messages = ingest::drop_repeated_rows(entries, "day.csv");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].row, 1u);
    EXPECT_EQ(entries[1].row, 2u);
    EXPECT_EQ(messages.size(), 1u);
}

entry scored(std::size_t n, std::string key, double score, std::string raw = {}) {
    entry e = row(n, std::move(key), 0);
    e.rank.reset();
    e.score = score;
    if (!raw.empty()) {
        e.raw_name = std::move(raw);
    }
    return e;
}

std::vector<std::size_t> rows_of(const std::vector<entry>& entries) {
    std::vector<std::size_t> rows;
    for (const auto& e : entries) {
        rows.push_back(e.row);
    }
    return rows;
}

// openllm-v1 2024-06-19 lists eric111/CatunaMayo beside Eric111/CatunaMayo (one key, two values):
// the default keeps the day and the first row, and says so naming both rows.
TEST(SettleRepeatedRows, KeepFirstKeepsTheDayAndNamesBothRows) {
    std::vector<entry> entries{scored(1, "x/a", 70, "eric111/a"), scored(2, "b", 60),
                               scored(3, "x/a", 75, "Eric111/a"), scored(4, "b", 60)};
    const auto messages =
        ingest::settle_repeated_rows(entries, duplicate_policy::keep_first, true, "day.csv");
    EXPECT_EQ(rows_of(entries), (std::vector<std::size_t>{1, 2}));
    EXPECT_EQ(*entries[0].score, 70);
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0], "day.csv: data rows 1 ('eric111/a') and 3 ('Eric111/a') are the same "
                           "model 'x/a' with different values; kept row 1 (the first; set "
                           "duplicates = \"refuse\" to refuse such a file)");
    EXPECT_EQ(messages[1], "day.csv: data row 4 repeats row 2 ('b') exactly; kept once");
    EXPECT_NO_THROW(ingest::validate_entries(entries, "src", "day.csv"));
}

TEST(SettleRepeatedRows, KeepBestFollowsTheScoreDirection) {
    std::vector<entry> higher{scored(1, "a", 70), scored(2, "b", 60), scored(3, "a", 75)};
    (void)ingest::settle_repeated_rows(higher, duplicate_policy::keep_best, true, "d");
    EXPECT_EQ(rows_of(higher), (std::vector<std::size_t>{3, 2}));

    std::vector<entry> lower{scored(1, "a", 70), scored(2, "b", 60), scored(3, "a", 75)};
    const auto messages =
        ingest::settle_repeated_rows(lower, duplicate_policy::keep_best, false, "d");
    EXPECT_EQ(rows_of(lower), (std::vector<std::size_t>{1, 2}));
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_NE(messages[0].find("kept row 1 (the better score"), std::string::npos) << messages[0];
}

TEST(SettleRepeatedRows, RefuseLeavesConflictsForValidation) {
    std::vector<entry> entries{scored(1, "a", 70), scored(2, "a", 70), scored(3, "a", 75)};
    const auto messages =
        ingest::settle_repeated_rows(entries, duplicate_policy::refuse, true, "day.csv");
    EXPECT_EQ(rows_of(entries), (std::vector<std::size_t>{1, 3}));
    EXPECT_EQ(messages.size(), 1u);
    EXPECT_THROW(ingest::validate_entries(entries, "src", "day.csv"), validation_error);
}

} // namespace
