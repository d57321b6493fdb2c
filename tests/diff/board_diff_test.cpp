#include "lbtrack/diff/board_diff.hpp"

#include <gtest/gtest.h>

namespace {

using lbtrack::entry;

entry row(std::size_t n, std::string key, int rank, double score, double ci = 0) {
    entry e;
    e.row = n;
    e.model_key = key;
    e.raw_name = "Name-" + key;
    e.rank = rank;
    e.score = score;
    if (ci > 0) {
        e.ci_plus = ci;
        e.ci_minus = ci;
    }
    return e;
}

TEST(BoardDiff, IdenticalSnapshotsHaveNoChanges) {
    const std::vector<entry> a{row(1, "a", 1, 1400), row(2, "b", 2, 1390)};
    EXPECT_TRUE(lbtrack::diff::compute_diff(a, a).empty());
}

TEST(BoardDiff, FindsAddedDroppedMovedRescoredAndNewLeader) {
    const std::vector<entry> before{row(1, "a", 1, 1400, 5), row(2, "b", 2, 1390, 5),
                                    row(3, "c", 3, 1380, 5), row(4, "gone", 4, 1300)};
    const std::vector<entry> after{row(1, "b", 1, 1420, 5), row(2, "a", 2, 1401, 5),
                                   row(3, "new", 3, 1385), row(4, "c", 4, 1380, 5)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_EQ(d.added.size(), 1u);
    EXPECT_EQ(d.added[0].model_key, "new");
    ASSERT_EQ(d.dropped.size(), 1u);
    EXPECT_EQ(d.dropped[0].model_key, "gone");
    ASSERT_EQ(d.moved.size(), 3u);
    ASSERT_EQ(d.rescored.size(), 2u);
    EXPECT_EQ(d.rescored[0].model_key, "b"); // +30 sorts before +1
    EXPECT_TRUE(d.rescored[0].significant);  // 30 > CI 5
    EXPECT_FALSE(d.rescored[1].significant); // 1 < CI 5
    ASSERT_TRUE(d.new_leader.has_value());
    EXPECT_EQ(d.new_leader->from_name, "Name-a");
    EXPECT_EQ(d.new_leader->to_name, "Name-b");
}

TEST(BoardDiff, VariantsOfOneModelAreMatchedSeparately) {
    auto bf16 = row(1, "llama", 1, 1300);
    bf16.variant = "bf16";
    auto fp8 = row(2, "llama", 2, 1290);
    fp8.variant = "fp8";
    auto fp8_moved = fp8;
    fp8_moved.rank = 1;
    const auto d = lbtrack::diff::compute_diff({bf16, fp8}, {bf16, fp8_moved});
    EXPECT_TRUE(d.added.empty());
    EXPECT_TRUE(d.dropped.empty());
    ASSERT_EQ(d.moved.size(), 1u);
    EXPECT_EQ(d.moved[0].to, 1);
}

TEST(BoardDiff, TiedLeaderKeepsTheHigherScore) {
    const std::vector<entry> before{row(1, "a", 1, 1400), row(2, "b", 1, 1399)};
    const std::vector<entry> after{row(1, "b", 1, 1402), row(2, "a", 1, 1400)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_TRUE(d.new_leader.has_value());
    EXPECT_EQ(d.new_leader->to_name, "Name-b");
    EXPECT_TRUE(d.moved.empty()); // both stayed at rank 1
}

TEST(BoardDiff, FirstSnapshotReportsEverythingAsNew) {
    const auto d = lbtrack::diff::compute_diff({}, {row(1, "a", 1, 1400)});
    EXPECT_EQ(d.added.size(), 1u);
    ASSERT_TRUE(d.new_leader.has_value());
    EXPECT_TRUE(d.new_leader->from_name.empty());
}

} // namespace
