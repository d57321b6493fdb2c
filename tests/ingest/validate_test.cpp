// The validate stage (ingest/validate.hpp): exactly repeated upstream rows kept once, in order.

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

} // namespace
