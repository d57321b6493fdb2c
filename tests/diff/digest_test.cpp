// diff::digest: a report cut to the reader's filters and row limit (issue 15 item 4), and
// diff::standings, the board as it stands with each row's change (item 6).

#include "diff_builders.hpp"

#include "lbtrack/diff/digest.hpp"
#include "lbtrack/diff/standings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace lbtrack;
using test::move;
using test::rescore;
using test::row;

/// A board of 30 changes of each kind: newcomers at 1..30, moves of 1..30 places, score
/// changes every third of them beyond CI, and a method change of one metric.
diff::run_report busy_report() {
    diff::board_report b;
    b.context.source_id = "busy";
    b.context.from = time_point{};
    auto& d = b.diff;
    for (int i = 1; i <= 30; ++i) {
        const auto name = "m" + std::to_string(i);
        d.added.push_back(row("new" + std::to_string(i), i, 100 - i));
        d.moved.push_back(move(name, 40 + i, 40)); // 40 + i -> 40: i places
        d.rescored.push_back(rescore(name, 50, 50 + i, i % 3 == 0, 40));
    }
    std::reverse(d.moved.begin(), d.moved.end()); // largest first, as compute_diff sorts
    d.overhauls.push_back({"rank_stylectrl", 140, 150});
    d.shifted = 75;
    diff::run_report r;
    r.boards.push_back(b);
    for (int i = 0; i < 25; ++i) {
        r.digest.push_back({"m" + std::to_string(i), "m" + std::to_string(i), {}});
    }
    return r;
}

TEST(Digest, MaxRowsKeepsTheFirstRowsOfEveryListAndCountsTheRest) {
    const auto out = diff::digest(busy_report(), {.max_rows = 10});
    const auto& d = out.boards[0].diff;
    EXPECT_EQ(d.added.size(), 10u);
    EXPECT_EQ(d.omitted.added, 20u);
    EXPECT_EQ(d.added.front().raw_name, "new1"); // the best-ranked kept
    ASSERT_EQ(d.moved.size(), 10u);
    EXPECT_EQ(d.moved.front().from - d.moved.front().to, 30); // the largest kept
    EXPECT_EQ(d.omitted.moved, 20u);
    EXPECT_EQ(d.omitted.rescored, 20u);
    EXPECT_EQ(out.digest.size(), 10u);
    EXPECT_EQ(out.digest_omitted, 15u);
    EXPECT_TRUE(out.scope.empty()); // a length is not a filter
    // Board-wide facts are not rows.
    EXPECT_EQ(d.overhauls.size(), 1u);
    EXPECT_EQ(d.shifted, 75u);

    const auto all = diff::digest(busy_report(), {.max_rows = 0});
    EXPECT_EQ(all.boards[0].diff.added.size(), 30u);
    EXPECT_EQ(all.boards[0].diff.omitted.added, 0u);
    EXPECT_EQ(all.digest.size(), 25u);
}

TEST(Digest, FiltersAreTheNotifyRulesAndAreNamedInTheScope) {
    diff::digest_options options{.max_rows = 0};
    options.rules.top = 5;
    options.rules.min_rank_move = 25;
    options.rules.significant_only = true;
    const auto out = diff::digest(busy_report(), options);
    const auto& d = out.boards[0].diff;
    EXPECT_EQ(d.added.size(), 5u);   // newcomers at 1..5
    EXPECT_TRUE(d.moved.empty());    // every move is at 40 or below
    EXPECT_TRUE(d.rescored.empty()); // at rank 40
    // Filtered rows are out of scope, not "more": nothing counted as left out.
    EXPECT_EQ(d.omitted.added, 0u);
    EXPECT_EQ(out.scope, "top 5; moves of 25+ places; score changes beyond CI only");
    // The method change is said all the same; counts of unlisted rank changes are not about
    // the top 5.
    EXPECT_EQ(d.overhauls.size(), 1u);
    EXPECT_EQ(d.shifted, 0u);
    // Cross-board lines only for models still listed as new, dropped or moved.
    EXPECT_TRUE(out.digest.empty());

    diff::digest_options significant{.max_rows = 0};
    significant.rules.significant_only = true;
    const auto kept = diff::digest(busy_report(), significant).boards[0].diff;
    EXPECT_EQ(kept.rescored.size(), 10u);
    for (const auto& s : kept.rescored) {
        EXPECT_TRUE(s.significant) << s.name;
    }
    EXPECT_EQ(kept.moved.size(), 30u);

    diff::digest_options models{.max_rows = 0};
    models.rules.models = {"M1*", "new2"};
    const auto named = diff::digest(busy_report(), models).boards[0].diff;
    EXPECT_EQ(named.moved.size(), 11u); // m1, m10..m19
    ASSERT_EQ(named.added.size(), 1u);
    EXPECT_EQ(named.added[0].raw_name, "new2");
}

TEST(Digest, SectionOptionsFollowTop) {
    EXPECT_EQ(diff::section_options({}).top_n, diff::default_top_n);
    diff::digest_options five;
    five.rules.top = 5;
    EXPECT_EQ(diff::section_options(five).top_n, 5);
}

TEST(Standings, TopNByRankWithTiesAndTheirChange) {
    const std::vector<entry> before = {row("a", 1, 1400), row("b", 2, 1390.5), row("c", 3, 1380),
                                       row("gone", 4, 1300)};
    // LMArena ranks ties alike: the top 2 is three rows.
    const std::vector<entry> after = {row("b", 1, 1391.5), row("new", 2, 1385), row("a", 2, 1400),
                                      row("c", 4, 1380), row("unranked", std::nullopt, 10)};
    const auto top = diff::standings(&before, after, 2);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].now.raw_name, "b");
    EXPECT_EQ(top[1].now.raw_name, "new"); // ties in the board's order
    EXPECT_EQ(top[2].now.raw_name, "a");
    EXPECT_TRUE(top[0].compared);
    EXPECT_EQ(top[0].rank_before, 2);
    EXPECT_TRUE(top[0].score_changed);
    EXPECT_EQ(diff::score_change_text(top[0]), "+1.0");
    EXPECT_FALSE(top[1].listed_before);
    EXPECT_EQ(diff::score_change_text(top[1]), "");
    EXPECT_FALSE(top[2].score_changed);
    // 0: every row, the unranked last.
    const auto all = diff::standings(&before, after, 0);
    ASSERT_EQ(all.size(), after.size());
    EXPECT_EQ(all.back().now.raw_name, "unranked");
    // No snapshot before: nothing compared.
    const auto first = diff::standings(nullptr, after, 2);
    EXPECT_FALSE(first[0].compared);
    EXPECT_FALSE(first[0].listed_before);
}

TEST(Standings, ScoresCompareAtThePublishedPrecision) {
    // openllm-v2 2024-12-10 -> 12-11: 2 decimals, then full precision.
    const std::vector<entry> before = {row("a", 1, 45.23), row("b", 2, 44.1)};
    const std::vector<entry> after = {row("a", 1, 45.2312345678), row("b", 2, 44.2345678)};
    const auto top = diff::standings(&before, after, 2);
    EXPECT_FALSE(top[0].score_changed);
    EXPECT_TRUE(top[1].score_changed);
}

TEST(Standings, RowsTheCallerMatchedStandAsRowsMatchedByIdentity) {
    std::vector<entry> before = {row("a", 1, 45.23), row("b", 2, 44.1), row("c", 3, 40),
                                 row("gone", 4, 39.5)};
    std::vector<entry> after = {row("b", 1, 44.2345678), row("new", 2, 41),
                                row("a", 2, 45.2312345678), row("c", 4, 40),
                                row("unranked", std::nullopt, 10)};
    for (std::size_t i = 0; i < after.size(); ++i) {
        after[i].row = i + 1;
    }
    diff::matched_before matched;
    for (const auto& e : after) {
        const auto old = std::ranges::find(before, e.model_key, &entry::model_key);
        matched.of_row.push_back(old == before.end()
                                     ? std::nullopt
                                     : std::optional(earlier_place{old->rank, old->score}));
    }
    for (const auto& e : before) {
        matched.scores.push_back(*e.score);
    }
    // Handed over in another order: board order is by rank, then row.
    std::vector<entry> shuffled(after.rbegin(), after.rend());
    std::ranges::reverse(matched.of_row);
    for (const int top : {0, 2}) {
        const auto expected = diff::standings(&before, after, top);
        const auto got = diff::standings(shuffled, matched, top);
        ASSERT_EQ(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].now->raw_name, expected[i].now.raw_name);
            EXPECT_EQ(got[i].compared, expected[i].compared);
            EXPECT_EQ(got[i].listed_before, expected[i].listed_before);
            EXPECT_EQ(got[i].rank_before, expected[i].rank_before);
            EXPECT_EQ(got[i].score_before, expected[i].score_before);
            EXPECT_EQ(got[i].score_changed, expected[i].score_changed) << expected[i].now.raw_name;
        }
    }
}

} // namespace
