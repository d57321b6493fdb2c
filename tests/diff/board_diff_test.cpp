#include "lbtrack/diff/board_diff.hpp"
#include "lbtrack/diff/number_text.hpp"
#include "lbtrack/diff/standings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

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
    // a and b swapped (listed); c went 3 -> 4 only because "new" arrived above it (counted).
    ASSERT_EQ(d.moved.size(), 2u);
    EXPECT_EQ(d.shifted, 1u);
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
    auto bf16_moved = bf16;
    bf16_moved.rank = 2;
    const auto d = lbtrack::diff::compute_diff({bf16, fp8}, {bf16_moved, fp8_moved});
    EXPECT_TRUE(d.added.empty());
    EXPECT_TRUE(d.dropped.empty());
    ASSERT_EQ(d.moved.size(), 2u);
    EXPECT_EQ(d.moved[0].to == 1 ? d.moved[0].from : d.moved[1].from, 2);
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

entry priced(std::size_t n, std::string key, int rank, std::vector<lbtrack::metric> metrics) {
    auto e = row(n, std::move(key), rank, 1000);
    e.metrics = std::move(metrics);
    return e;
}

TEST(BoardDiff, MetricChangesWhenBothSnapshotsHaveTheMetric) {
    const std::vector<entry> before{
        priced(1, "a", 1, {{"price", 0.7, "元"}, {"accuracy", 80, "%"}}),
        priced(2, "b", 2, {{"price", 2.0, "元"}}), priced(3, "c", 3, {{"price", 1.0, "元"}}),
        priced(4, "gone", 4, {{"price", 9.0, "元"}})};
    const std::vector<entry> after{
        priced(1, "b", 1, {{"price", 1.5, "元"}, {"accuracy", 75, "%"}}), // accuracy is new
        priced(2, "a", 2, {{"price", 0.8, "元"}, {"accuracy", 80, "%"}}), // accuracy same
        priced(3, "c", 3, {}),                                            // price gone
        priced(4, "new", 4, {{"price", 3.0, "元"}})};
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_EQ(d.metric_changes.size(), 2u);
    // By the model's new rank: b (1) before a (2).
    EXPECT_EQ(d.metric_changes[0].model_key, "b");
    EXPECT_EQ(d.metric_changes[0].name, "Name-b");
    EXPECT_EQ(d.metric_changes[0].metric, "price");
    EXPECT_EQ(d.metric_changes[0].from, 2.0);
    EXPECT_EQ(d.metric_changes[0].to, 1.5);
    EXPECT_EQ(d.metric_changes[0].unit, "元");
    EXPECT_EQ(d.metric_changes[0].from_unit, "元");
    EXPECT_EQ(d.metric_changes[1].model_key, "a");
    EXPECT_EQ(d.metric_changes[1].from, 0.7);
    EXPECT_EQ(d.metric_changes[1].to, 0.8);
}

TEST(BoardDiff, MetricChangesOfOneModelAreSortedByMetricName) {
    const std::vector<entry> before{priced(1, "a", 1, {{"price", 1, ""}, {"accuracy", 1, ""}})};
    const std::vector<entry> after{priced(1, "a", 1, {{"price", 2, ""}, {"accuracy", 2, ""}})};
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_EQ(d.metric_changes.size(), 2u);
    EXPECT_EQ(d.metric_changes[0].metric, "accuracy");
    EXPECT_EQ(d.metric_changes[1].metric, "price");
    EXPECT_FALSE(d.empty());
}

TEST(BoardDiff, AChangeOfUnitAloneIsReported) {
    const auto d = lbtrack::diff::compute_diff({priced(1, "a", 1, {{"price", 1, "元"}})},
                                               {priced(1, "a", 1, {{"price", 1, "元/M tokens"}})});
    ASSERT_EQ(d.metric_changes.size(), 1u);
    EXPECT_EQ(d.metric_changes[0].from_unit, "元");
    EXPECT_EQ(d.metric_changes[0].unit, "元/M tokens");
}

TEST(BoardDiff, OnlyAMetricChangeMakesTheDiffNonEmpty) {
    const std::vector<entry> before{priced(1, "a", 1, {{"price", 0.7, "元"}})};
    EXPECT_TRUE(lbtrack::diff::compute_diff(before, before).empty());
    const std::vector<entry> after{priced(1, "a", 1, {{"price", 0.8, "元"}})};
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_FALSE(d.empty());
    EXPECT_TRUE(d.moved.empty() && d.rescored.empty() && d.added.empty() && !d.new_leader);
}

TEST(BoardDiff, SwapWithinPublishedCiIsATieNotAMove) {
    // a and b swap places but their new intervals overlap (1400±5 vs 1398±5): the board cannot
    // tell them apart. c passes d by a clear margin (1390±2 vs 1370±2): a real move.
    const std::vector<entry> before{row(1, "b", 1, 1401, 5), row(2, "a", 2, 1399, 5),
                                    row(3, "d", 3, 1380, 2), row(4, "c", 4, 1379, 2)};
    const std::vector<entry> after{row(1, "a", 1, 1400, 5), row(2, "b", 2, 1398, 5),
                                   row(3, "c", 3, 1390, 2), row(4, "d", 4, 1370, 2)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_EQ(d.within_ci.size(), 2u);
    EXPECT_EQ(d.within_ci[0].model_key, "a");
    EXPECT_EQ(d.within_ci[1].model_key, "b");
    ASSERT_EQ(d.moved.size(), 2u);
    EXPECT_EQ(d.moved[0].model_key, "c");
    EXPECT_EQ(d.moved[1].model_key, "d");
    // The new leader is still news, even inside a tie.
    ASSERT_TRUE(d.new_leader);
    EXPECT_EQ(d.new_leader->to_key, "a");
}

TEST(BoardDiff, WithoutCiEverySwapIsAMove) {
    const std::vector<entry> before{row(1, "b", 1, 1401), row(2, "a", 2, 1399)};
    const std::vector<entry> after{row(1, "a", 1, 1400), row(2, "b", 2, 1398)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_EQ(d.moved.size(), 2u);
    EXPECT_TRUE(d.within_ci.empty());
}

TEST(BoardDiff, PushedDownByNewcomersIsCountedNotListed) {
    // Nobody present on both days was passed: the ranks changed because two models arrived
    // above and one left below (lmarena-text 2024-10-24 -> 10-29: 75 such shifts).
    const std::vector<entry> before{row(1, "a", 1, 1400, 5), row(2, "b", 2, 1390, 5),
                                    row(3, "gone", 3, 1300, 5), row(4, "c", 4, 1200, 5)};
    const std::vector<entry> after{row(1, "n", 1, 1450, 5), row(2, "a", 2, 1400, 5),
                                   row(3, "m", 3, 1395, 5), row(4, "b", 4, 1390, 5),
                                   row(5, "c", 5, 1200, 5)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_TRUE(d.moved.empty());
    EXPECT_TRUE(d.within_ci.empty());
    EXPECT_EQ(d.shifted, 3u);
    EXPECT_EQ(d.retied, 0u);
    EXPECT_FALSE(d.empty()); // the arrivals are news
}

TEST(BoardDiff, OvertakingAmidArrivalsIsAMove) {
    // b overtakes a while a newcomer arrives on top: a is listed (1 -> 3), c only shifted; b
    // overtook a but kept its rank 2, and a list of rank changes has nothing to show for it.
    const std::vector<entry> before{row(1, "a", 1, 1400), row(2, "b", 2, 1390),
                                    row(3, "c", 3, 1300)};
    const std::vector<entry> after{row(1, "n", 1, 1450), row(2, "b", 2, 1410), row(3, "a", 3, 1400),
                                   row(4, "c", 4, 1300)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_EQ(d.moved.size(), 1u);
    EXPECT_EQ(d.moved[0].model_key, "a");
    EXPECT_EQ(d.shifted, 1u);
}

TEST(BoardDiff, ATieMadeOrBrokenWithoutPassingIsCounted) {
    // LMArena's upper-bound ranks: a and b tied at 3; their intervals separate and b becomes 4.
    // Nobody passed anybody: counted as retied, not listed.
    const std::vector<entry> before{row(1, "a", 3, 1300, 5), row(2, "b", 3, 1290, 5)};
    const std::vector<entry> after{row(1, "a", 3, 1300, 2), row(2, "b", 4, 1290, 2)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_TRUE(d.moved.empty());
    EXPECT_TRUE(d.within_ci.empty());
    EXPECT_EQ(d.retied, 1u);
    EXPECT_EQ(d.shifted, 0u);
    EXPECT_TRUE(d.empty());
}

TEST(BoardDiff, EntriesAndExitsOfTheTopN) {
    const std::vector<entry> before{row(1, "a", 1, 1400), row(2, "b", 2, 1390),
                                    row(3, "c", 3, 1380), row(4, "gone", 4, 1370)};
    const std::vector<entry> after{row(1, "a", 1, 1400), row(2, "c", 2, 1395),
                                   row(3, "new", 3, 1385), row(4, "b", 4, 1380)};
    const auto d = lbtrack::diff::compute_diff(before, after, {3});
    EXPECT_EQ(d.top_n, 3);
    ASSERT_EQ(d.entered_top.size(), 1u);
    EXPECT_EQ(d.entered_top[0].model_key, "new");
    EXPECT_FALSE(d.entered_top[0].from);
    EXPECT_EQ(d.entered_top[0].to, 3);
    ASSERT_EQ(d.left_top.size(), 1u);
    EXPECT_EQ(d.left_top[0].model_key, "b");
    EXPECT_EQ(d.left_top[0].from, 2);
    EXPECT_EQ(d.left_top[0].to, 4);
    // "gone" was 4th: outside the top 3, so its drop is not a top exit.
    EXPECT_TRUE(lbtrack::diff::compute_diff(before, after, {0}).entered_top.empty());
}

TEST(BoardDiff, LicenseAndOrganizationChanges) {
    auto a = row(1, "a", 1, 1400);
    a.license = "Proprietary";
    a.organization = "Meta";
    auto b = a;
    b.license = "MIT";
    b.organization = "meta"; // same organization, other case: not a change
    auto c = a;
    c.license = ""; // the board stopped printing it: not news about the model
    const auto d = lbtrack::diff::compute_diff({a}, {b});
    ASSERT_EQ(d.metadata_changes.size(), 1u);
    EXPECT_EQ(d.metadata_changes[0].field, "license");
    EXPECT_EQ(d.metadata_changes[0].from, "Proprietary");
    EXPECT_EQ(d.metadata_changes[0].to, "MIT");
    EXPECT_TRUE(lbtrack::diff::compute_diff({a}, {c}).empty());
}

} // namespace

namespace {

enum class verdict { move, tie, unlisted };

/// The rule checked pair by pair (the definition; compute_diff does it by a sweep): a model
/// that passed nobody present on both days is not listed; one that passed only models whose
/// interval overlaps its own is a tie within CI; any other is a move.
verdict classify(const entry& old_row, const entry& new_row, const std::vector<entry>& before,
                 const std::vector<entry>& after) {
    const auto interval = [](const entry& e) -> std::optional<std::pair<double, double>> {
        if (!e.score || (!e.ci_plus && !e.ci_minus)) {
            return std::nullopt;
        }
        return std::pair(*e.score - e.ci_minus.value_or(0), *e.score + e.ci_plus.value_or(0));
    };
    const auto mine = interval(new_row);
    bool passed_any = false;
    bool tie = true;
    for (const auto& other : after) {
        const auto was = std::find_if(before.begin(), before.end(), [&](const entry& b) {
            return b.model_key == other.model_key;
        });
        if (&other == &new_row || was == before.end() || !was->rank || !other.rank) {
            continue;
        }
        const bool swapped = (*was->rank<*old_row.rank&& * other.rank> * new_row.rank) ||
                             (*was->rank > *old_row.rank && *other.rank < *new_row.rank);
        if (!swapped) {
            continue;
        }
        passed_any = true;
        const auto theirs = interval(other);
        if (!mine || !theirs || theirs->first > mine->second || mine->first > theirs->second) {
            tie = false;
        }
    }
    return !passed_any ? verdict::unlisted : tie ? verdict::tie : verdict::move;
}

} // namespace

TEST(BoardDiff, MoveRulesSweepAgreesWithThePairwiseDefinition) {
    // Random boards with shared ranks, missing ranks, rows without CI, overlapping and disjoint
    // intervals, models added and dropped: every rank change is classified as the definition
    // says, on 300 boards.
    std::mt19937 random(20261123);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution(lo, hi)(random); };
    for (int board = 0; board < 300; ++board) {
        const int models = pick(2, 40);
        std::vector<entry> before;
        std::vector<entry> after;
        for (int m = 0; m < models; ++m) {
            const auto key = "m" + std::to_string(m);
            const auto make = [&](std::size_t n) {
                auto e = row(n, key, pick(1, models), 1300 + pick(0, 60), pick(0, 6));
                if (pick(0, 15) == 0) {
                    e.rank.reset();
                }
                return e;
            };
            if (pick(0, 9) != 0) {
                before.push_back(make(before.size() + 1));
            }
            if (pick(0, 9) != 0) {
                after.push_back(make(after.size() + 1));
            }
        }
        const auto d = lbtrack::diff::compute_diff(before, after);
        std::size_t expected_ties = 0;
        std::size_t expected_moves = 0;
        std::size_t expected_unlisted = 0;
        for (const auto& now : after) {
            const auto was = std::find_if(before.begin(), before.end(), [&](const entry& b) {
                return b.model_key == now.model_key;
            });
            if (was == before.end() || !was->rank || !now.rank || *was->rank == *now.rank) {
                continue;
            }
            const auto v = classify(*was, now, before, after);
            if (v == verdict::unlisted) {
                ++expected_unlisted;
                continue;
            }
            const bool tie = v == verdict::tie;
            (tie ? expected_ties : expected_moves) += 1;
            const auto& list = tie ? d.within_ci : d.moved;
            EXPECT_TRUE(std::any_of(list.begin(), list.end(),
                                    [&](const auto& m) { return m.model_key == now.model_key; }))
                << "board " << board << ", " << now.model_key << (tie ? " tie" : " move");
        }
        EXPECT_EQ(d.within_ci.size(), expected_ties) << "board " << board;
        EXPECT_EQ(d.moved.size(), expected_moves) << "board " << board;
        EXPECT_EQ(d.shifted + d.retied, expected_unlisted) << "board " << board;
    }
}

namespace {

entry scored(std::size_t n, std::string key, double score,
             std::vector<lbtrack::metric> metrics = {}) {
    auto e = row(n, std::move(key), static_cast<int>(n), score);
    e.metrics = std::move(metrics);
    return e;
}

} // namespace

TEST(BoardDiffPrecision, TwoDecimalsAgainstFullPrecisionCompareAtTwo) {
    // openllm-v2 2024-12-10 printed 2 decimals, 12-11 full precision: 52.02 and 52.0249 are one
    // value; 52.0351 is beyond it. The 2 decimals are the column's (51.2 is 51.20).
    const std::vector<entry> before{scored(1, "a", 52.02, {{"musr", 19.42, ""}}),
                                    scored(2, "b", 51.2), scored(3, "c", 50.71)};
    const std::vector<entry> after{scored(1, "a", 52.0249968727, {{"musr", 19.425, ""}}),
                                   scored(2, "b", 51.2044444444), scored(3, "c", 50.7261111111)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_EQ(d.rescored.size(), 1u);
    EXPECT_EQ(d.rescored[0].model_key, "c");
    EXPECT_TRUE(d.metric_changes.empty()); // 19.42 -> 19.425: half a unit, not beyond
}

TEST(BoardDiffPrecision, SamePrecisionOnBothDaysComparesEveryDigit) {
    const std::vector<entry> before{scored(1, "a", 45.23, {{"price", 0.7, "元"}}),
                                    scored(2, "b", 1340)};
    const std::vector<entry> after{scored(1, "a", 45.24, {{"price", 0.8, "元"}}),
                                   scored(2, "b", 1341)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_EQ(d.rescored.size(), 2u);
    EXPECT_EQ(d.metric_changes.size(), 1u);
}

TEST(BoardDiffPrecision, ComputedMeansCompareAtSixDecimals) {
    // LiveBench's score is a mean of 20-odd task scores: 15 digits, of which the last ones are
    // float noise (a mean summed in another order); a real change of 0.001 in one of 22 tasks
    // still moves it by 4.5e-5.
    const std::vector<entry> before{scored(1, "a", 35.123456789012345),
                                    scored(2, "b", 30.987654321098765)};
    const std::vector<entry> after{scored(1, "a", 35.123456789012380),
                                   scored(2, "b", 30.987699775644220)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_EQ(d.rescored.size(), 1u);
    EXPECT_EQ(d.rescored[0].model_key, "b");
}

TEST(BoardDiffPrecision, AChangeOfUnitIsReportedWhateverThePrecision) {
    const auto d = lbtrack::diff::compute_diff({scored(1, "a", 1, {{"price", 0.7, "元"}})},
                                               {scored(1, "a", 1, {{"price", 0.7, "$"}})});
    EXPECT_EQ(d.metric_changes.size(), 1u);
}

namespace {

/// A board of `n` rows where the first `changed` scores (and "sub" metrics) moved by +1.
std::pair<std::vector<entry>, std::vector<entry>> recomputed(std::size_t n, std::size_t changed) {
    std::vector<entry> before;
    std::vector<entry> after;
    for (std::size_t i = 1; i <= n; ++i) {
        const auto key = "m" + std::to_string(i);
        const double score = 2000.0 - 10.0 * static_cast<double>(i);
        before.push_back(scored(i, key, score, {{"sub", score / 10, ""}}));
        const double delta = i <= changed ? 1 : 0;
        after.push_back(scored(i, key, score + delta, {{"sub", score / 10 + delta, ""}}));
    }
    return {before, after};
}

} // namespace

TEST(BoardDiffOverhaul, MostValuesChangingAtOnceIsOneMethodChange) {
    // Every LMArena catalog release recomputes every rating (lmarena-catalog-text 2025-11-06 ->
    // 12-11: 258 of 258): reported once per column, not row by row.
    const auto [before, after] = recomputed(20, 16);
    const auto d = lbtrack::diff::compute_diff(before, after);
    ASSERT_EQ(d.overhauls.size(), 2u);
    EXPECT_EQ(d.overhauls[0].field, "score");
    EXPECT_EQ(d.overhauls[0].changed, 16u);
    EXPECT_EQ(d.overhauls[0].compared, 20u);
    EXPECT_EQ(d.overhauls[1].field, "sub");
    EXPECT_TRUE(d.rescored.empty());
    EXPECT_TRUE(d.metric_changes.empty());
    EXPECT_FALSE(d.empty());
}

// LMArena's rank_stylectrl: a whole-number ranking of its own, which every day's arrivals
// reorder (lmarena-text 2024-10-29: 138 of 152). Said as a reordering, not a method change.
TEST(BoardDiffOverhaul, AMetricThatIsARankingOfItsOwnIsSaidToBeReordered) {
    const auto board = [](const std::string& metric, double shift, double step) {
        std::vector<entry> rows;
        for (std::size_t i = 1; i <= 20; ++i) {
            const double place = static_cast<double>(i) * step + shift;
            rows.push_back(scored(i, "m" + std::to_string(i), 2000.0 - static_cast<double>(i),
                                  {{metric, place, ""}}));
        }
        return rows;
    };
    const auto ranking =
        lbtrack::diff::compute_diff(board("rank_stylectrl", 0, 1), board("rank_stylectrl", 3, 1));
    ASSERT_EQ(ranking.overhauls.size(), 1u);
    EXPECT_EQ(ranking.overhauls[0].field, "rank_stylectrl");
    EXPECT_TRUE(ranking.overhauls[0].ranking);
    EXPECT_EQ(lbtrack::diff::overhaul_text(ranking.overhauls[0], "rank_stylectrl"),
              "every value of rank_stylectrl changed (20 rows): a ranking of its own, which the "
              "day's new models and score changes reorder. Not listed row by row");
    // A name without "rank", or values that are not whole numbers from 1: a change of method.
    const auto sub = lbtrack::diff::compute_diff(board("sub", 0, 1), board("sub", 3, 1));
    ASSERT_EQ(sub.overhauls.size(), 1u);
    EXPECT_FALSE(sub.overhauls[0].ranking);
    const auto fractional =
        lbtrack::diff::compute_diff(board("rank_score", 0, 0.5), board("rank_score", 3, 0.5));
    ASSERT_EQ(fractional.overhauls.size(), 1u);
    EXPECT_FALSE(fractional.overhauls[0].ranking);
    EXPECT_NE(lbtrack::diff::overhaul_text(fractional.overhauls[0], "rank_score").find("at once"),
              std::string::npos);
}

TEST(BoardDiffOverhaul, FewerThanEightyPercentAreListedRowByRow) {
    const auto [before, after] = recomputed(20, 15);
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_TRUE(d.overhauls.empty());
    EXPECT_EQ(d.rescored.size(), 15u);
    EXPECT_EQ(d.metric_changes.size(), 15u);
}

TEST(BoardDiffOverhaul, ASmallBoardChangingEntirelyIsNewsAboutItsModels) {
    const auto [before, after] = recomputed(9, 9);
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_TRUE(d.overhauls.empty());
    EXPECT_EQ(d.rescored.size(), 9u);
}

namespace {

/// A row whose printed name and key are `name`.
entry named(std::size_t n, const std::string& name, int rank, double score) {
    entry e = row(n, name, rank, score);
    e.raw_name = name;
    return e;
}

} // namespace

// ceval 2023-06-09: "Bloomz-mt" printed as "Bloomz-mt-176B", same rank and score. Asked as a
// likely rename, not listed as one new and one dropped model, nor as a top-N entry and exit.
TEST(BoardDiffRename, ATrailingSizeAtTheSameRankAndScoreIsALikelyRename) {
    const std::vector<entry> before{named(1, "Alpha", 1, 50), named(2, "Beta-mt", 2, 39.0)};
    const std::vector<entry> after{named(1, "Alpha", 1, 50), named(2, "Beta-mt-176B", 2, 39)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_TRUE(d.added.empty());
    EXPECT_TRUE(d.dropped.empty());
    EXPECT_TRUE(d.entered_top.empty());
    EXPECT_TRUE(d.left_top.empty());
    ASSERT_EQ(d.renamed.size(), 1u);
    EXPECT_EQ(d.renamed[0].from_name, before[1].raw_name);
    EXPECT_EQ(d.renamed[0].to_name, after[1].raw_name);
    EXPECT_EQ(d.renamed[0].rank, after[1].rank);
    EXPECT_FALSE(d.empty());
    // The size dropped from the name pairs the same way.
    EXPECT_EQ(lbtrack::diff::compute_diff(after, before).renamed.size(), 1u);
}

TEST(BoardDiffRename, TheStandingsReadALikelyRenamesPastFromTheOldName) {
    const std::vector<entry> before{named(1, "Alpha", 1, 50), named(2, "Beta-mt", 2, 39.0)};
    const std::vector<entry> after{named(1, "Alpha", 1, 50), named(2, "Beta-mt-176B", 2, 39)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    const auto top = lbtrack::diff::standings(&before, after, 10, d.renamed);
    ASSERT_EQ(top.size(), 2u);
    EXPECT_TRUE(top[1].listed_before);
    EXPECT_EQ(top[1].renamed_from, before[1].raw_name);
    EXPECT_EQ(top[1].rank_before, before[1].rank);
    EXPECT_FALSE(top[1].score_changed);
    EXPECT_TRUE(top[0].renamed_from.empty());
    // Without the diff's renames the row is new, as the store sees it.
    EXPECT_FALSE(lbtrack::diff::standings(&before, after, 10)[1].listed_before);
}

TEST(BoardDiffRename, AnotherRankOrScoreOrSuffixIsTwoModels) {
    const auto pairs = [](const entry& was, const entry& now) {
        const auto d = lbtrack::diff::compute_diff({named(1, "Top", 1, 90), was},
                                                   {named(1, "Top", 1, 90), now});
        return d.renamed.size();
    };
    // A size suffix can name another model: at another score it is one.
    EXPECT_EQ(pairs(named(2, "Llama-2", 2, 40), named(2, "Llama-2-70B", 2, 45)), 0u);
    EXPECT_EQ(pairs(named(2, "Llama-2", 2, 40), named(2, "Llama-2-70B", 3, 40)), 0u);
    // A mode or a context length is not a size.
    EXPECT_EQ(pairs(named(2, "o3-mini", 2, 40), named(2, "o3-mini-high", 2, 40)), 0u);
    EXPECT_EQ(pairs(named(2, "Model", 2, 40), named(2, "Model-32k", 2, 40)), 0u);
    EXPECT_EQ(pairs(named(2, "Model", 2, 40), named(2, "Model 8x7B", 2, 40)), 1u);
    EXPECT_EQ(pairs(named(2, "Model", 2, 40), named(2, "Model_A22B", 2, 40)), 1u);
}

// Real pairs of days in ../shared/data: a date or version tag added or dropped, a size inserted
// inside the name, at the same rank and score on both days.
TEST(BoardDiffRename, ADateOrVersionTagOrAnInsertedSizeIsALikelyRename) {
    const auto pairs = [](const std::string& was, const std::string& now) {
        const auto d = lbtrack::diff::compute_diff({named(1, "Top", 1, 90), named(2, was, 2, 40)},
                                                   {named(1, "Top", 1, 90), named(2, now, 2, 40)});
        return d.renamed.size();
    };
    EXPECT_EQ(pairs("gpt-4o", "gpt-4o-2024-05-13"), 1u);            // arena-hard-auto
    EXPECT_EQ(pairs("GPT-4 Preview", "GPT-4 Preview (11/06)"), 1u); // alpacaeval-1
    EXPECT_EQ(pairs("ChatGPT", "ChatGPT (May 2023)"), 1u);          // evalplus-humaneval
    EXPECT_EQ(pairs("Claude 3.5 Sonnet", "Claude 3.5 Sonnet (20240620)"), 1u);
    EXPECT_EQ(pairs("gpt-4", "gpt-4-0613"), 1u);
    EXPECT_EQ(pairs("Imagen-4.0-preview-06-06-v2", "Imagen-4.0-preview-06-06"), 1u);
    EXPECT_EQ(pairs("DeepSeek-Coder-instruct", "DeepSeek-Coder-6.7B-instruct"), 1u);
    EXPECT_EQ(pairs("PairRM+Zephyr 7B Beta", "PairRM 0.4B+Zephyr 7B Beta"), 1u); // alpacaeval-1
    EXPECT_EQ(pairs("model-a-b", "model-a-2024-b"), 1u);
    // Not one tag: a mode, a context length, a word, two insertions, a number without a unit.
    EXPECT_EQ(pairs("o1-2024-12-17", "o1-2024-12-17-high"), 0u);
    EXPECT_EQ(pairs("gpt-4", "gpt-4-32k"), 0u);
    EXPECT_EQ(pairs("Llama-3.3-Nemotron-Super-49B-v1", "Llama-3.3-Nemotron-Super-49B-v1-Feedback"),
              0u);
    EXPECT_EQ(pairs("Model", "Model-7B-v2"), 0u);
    EXPECT_EQ(pairs("Model-chat", "Model-7B-chat-v2"), 0u);
    EXPECT_EQ(pairs("Llama", "Llama-3"), 0u);
    EXPECT_EQ(pairs("Model-1", "Model-13B"), 0u);
}

// lmarena-openllm-merged 2024-12-11: gemma-2b-it's precision printed bf16 instead of fp16, the
// same rank and rating: one model's row relabelled, not a new and a dropped model.
TEST(BoardDiffRename, AVariantRelabelledAtTheSameRankAndScoreIsALikelyRename) {
    entry was = named(2, "gemma-2b-it", 2, 989);
    was.variant = "fp16";
    entry now = named(2, "gemma-2b-it", 2, 989);
    now.variant = "bf16";
    const std::vector<entry> before{named(1, "Top", 1, 1200), was};
    const std::vector<entry> after{named(1, "Top", 1, 1200), now};
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_TRUE(d.added.empty());
    EXPECT_TRUE(d.dropped.empty());
    ASSERT_EQ(d.renamed.size(), 1u);
    EXPECT_EQ(d.renamed[0].from_name, "gemma-2b-it (fp16)");
    EXPECT_EQ(d.renamed[0].to_name, "gemma-2b-it (bf16)");
    const auto top = lbtrack::diff::standings(&before, after, 10, d.renamed);
    ASSERT_EQ(top.size(), 2u);
    EXPECT_TRUE(top[1].listed_before);
    EXPECT_EQ(top[1].renamed_from, "gemma-2b-it (fp16)");
    // Another rank: a variant evaluated another way (bfcl's FC and Prompt), two rows.
    now.rank = 3;
    EXPECT_TRUE(
        lbtrack::diff::compute_diff(before, {named(1, "Top", 1, 1200), now}).renamed.empty());
}

TEST(BoardDiffRename, AnAmbiguousPairIsLeftAlone) {
    // Two new rows could each be the dropped one renamed: the diff cannot tell which.
    const std::vector<entry> before{named(1, "Model", 1, 40)};
    const std::vector<entry> after{named(1, "Model-7B", 1, 40), named(2, "Model-13B", 1, 40)};
    const auto d = lbtrack::diff::compute_diff(before, after);
    EXPECT_TRUE(d.renamed.empty());
    EXPECT_EQ(d.added.size(), 2u);
    EXPECT_EQ(d.dropped.size(), 1u);
}
