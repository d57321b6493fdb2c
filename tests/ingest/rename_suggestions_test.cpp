// The rename rule on hand-made transitions: a drop and a new row that continue each other are a
// rename; a score that moved, votes that shrank or jumped, or a second candidate are not.

#include "lbtrack/ingest/rename_suggestions.hpp"

#include <gtest/gtest.h>

namespace {

using lbtrack::ingest::board_row;
using lbtrack::ingest::board_transition;
using lbtrack::ingest::find_renames;

board_row arena_row(std::string name, int rank, double score, long long votes, double ci = 3) {
    board_row r;
    r.model_key = name;
    r.model_name = name;
    r.printed_name = std::move(name);
    r.rank = rank;
    r.score = score;
    r.ci_plus = ci;
    r.ci_minus = ci;
    r.votes = votes;
    return r;
}

/// LMArena 2024-10-24 .. 10-29 in small: the renamed row, a model retired and a model new.
board_transition claude_rename() {
    board_transition t{"lmarena-text", "2024-10-24", "2024-10-29", {}, {}};
    t.dropped = {arena_row("Claude 3.5 Sonnet", 10, 1268, 79710, 2),
                 arena_row("Old-Model-7B", 120, 1050, 9000)};
    t.added = {arena_row("Claude 3.5 Sonnet (20241022)", 6, 1286, 7284, 6),
               arena_row("Claude 3.5 Sonnet (20240620)", 11, 1268, 81086)};
    return t;
}

TEST(RenameSuggestions, ADropAndANewRowThatContinueEachOtherAreARename) {
    const auto found = find_renames(claude_rename());
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].before.printed_name, "Claude 3.5 Sonnet");
    EXPECT_EQ(found[0].after.printed_name, "Claude 3.5 Sonnet (20240620)");
    EXPECT_EQ(found[0].after_date, "2024-10-29");
    EXPECT_FALSE(found[0].same_name);
    EXPECT_EQ(lbtrack::ingest::alias_toml(found[0]),
              "[[model]]\nname = \"Claude 3.5 Sonnet (20240620)\"\n"
              "aliases = [{ name = \"Claude 3.5 Sonnet\", until = \"2024-10-28\" }]");
}

TEST(RenameSuggestions, AScoreOutsidePrecisionAndIntervalIsNoRename) {
    auto t = claude_rename();
    t.added[1].score = 1272; // 4 points: outside both +3/-2 intervals
    EXPECT_TRUE(find_renames(t).empty());
    t.added[1].score = 1270; // inside both intervals, on a board with votes
    EXPECT_EQ(find_renames(t).size(), 1u);
}

TEST(RenameSuggestions, WithoutVotesOnlyOneStepOfThePrintedPrecisionCounts) {
    // A benchmark board: two decimals, no votes, no interval.
    board_transition t{"openllm", "2024-08-01", "2024-08-08", {}, {}};
    board_row before;
    before.printed_name = "someone/model-7b";
    before.score = 41.27;
    before.rank = 300;
    board_row after = before;
    after.printed_name = "someone/model-7b-v2";
    after.score = 41.28;
    t.dropped = {before};
    t.added = {after, board_row{}};
    t.added[1].printed_name = "other/x";
    t.added[1].score = 12.5;
    EXPECT_EQ(find_renames(t).size(), 1u);
    t.added[0].score = 41.30; // 0.03: three steps of 0.01
    EXPECT_TRUE(find_renames(t).empty());
}

TEST(RenameSuggestions, VotesThatShrinkOrJumpAreNoRename) {
    auto t = claude_rename();
    t.added[1].votes = 79000; // 710 fewer votes: another model
    EXPECT_TRUE(find_renames(t).empty());
    t.added[1].votes = 79700; // 10 fewer: a recount's trim
    EXPECT_EQ(find_renames(t).size(), 1u);
    t.added[1].votes = 79710 + 45000; // more than half as many again
    EXPECT_TRUE(find_renames(t).empty());
}

TEST(RenameSuggestions, ARankFarAwayIsNoRename) {
    auto t = claude_rename();
    t.added[1].rank = 30;
    EXPECT_TRUE(find_renames(t).empty());
}

TEST(RenameSuggestions, AnAmbiguousPairIsRefused) {
    auto t = claude_rename();
    // A second new row that continues the dropped one as well: neither is suggested.
    t.added.push_back(arena_row("Claude 3.5 Sonnet (copy)", 11, 1268, 80000));
    EXPECT_TRUE(find_renames(t).empty());
    // Two dropped rows that one new row continues: refused too.
    t = claude_rename();
    t.dropped.push_back(arena_row("Claude 3.5 Sonnet (old)", 11, 1268, 79800));
    EXPECT_TRUE(find_renames(t).empty());
}

TEST(RenameSuggestions, DifferentVariantsAreNoRename) {
    auto t = claude_rename();
    t.added[1].variant = "fp8";
    EXPECT_TRUE(find_renames(t).empty());
}

TEST(RenameSuggestions, OneNameResolvedApartIsMarkedSameName) {
    auto t = claude_rename();
    t.added[1].printed_name = "claude 3.5  sonnet"; // one name as clean_model_name reads it
    const auto found = find_renames(t);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(found[0].same_name);
    // The old model's alias must reach the later day itself.
    EXPECT_EQ(lbtrack::ingest::alias_item(found[0]),
              "{ name = \"Claude 3.5 Sonnet\", until = \"2024-10-29\" }");
}

TEST(RenameSuggestions, PrecisionAndDates) {
    board_transition t;
    t.dropped = {board_row{}, board_row{}};
    t.dropped[0].score = 1268;
    t.dropped[1].score = 45.1;
    EXPECT_EQ(lbtrack::ingest::score_decimals(t), 1);
    t.dropped[1].score = 45.125;
    EXPECT_EQ(lbtrack::ingest::score_decimals(t), 3);
    EXPECT_EQ(lbtrack::ingest::day_before("2024-10-29"), "2024-10-28");
    EXPECT_EQ(lbtrack::ingest::day_before("2025-03-01"), "2025-02-28");
    EXPECT_EQ(lbtrack::ingest::day_before("2024-01-01"), "2023-12-31");
    EXPECT_EQ(lbtrack::ingest::day_before("not a date"), "not a date");
}

} // namespace
