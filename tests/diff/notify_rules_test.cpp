#include "lbtrack/diff/notify_rules.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lbtrack;

entry row(std::string key, int rank, double score) {
    entry e;
    e.model_key = key;
    e.raw_name = "Name-" + key;
    e.rank = rank;
    e.score = score;
    e.ci_plus = 3;
    e.ci_minus = 3;
    return e;
}

diff::board_snapshots board(std::string id, std::vector<entry> before, std::vector<entry> after) {
    diff::board_snapshots b;
    b.context.source_id = id;
    b.context.source_title = id;
    b.context.from = time_point(std::chrono::sys_days(std::chrono::year(2025) / 7 / 1));
    b.context.to = time_point(std::chrono::sys_days(std::chrono::year(2025) / 7 / 2));
    b.before = std::move(before);
    b.after = std::move(after);
    return b;
}

diff::run_report sample() {
    // text: claude jumps 5 -> 1 (new leader, +40), gpt drops 1 -> 2, qwen 30 -> 25, a newcomer
    // at 40; vision: qwen 3 -> 2. qwen passes y on the text board (a rank change that passes
    // nobody present on both days is a shift, not a move).
    std::vector<entry> before{row("gpt-5", 1, 1450),
                              row("x2", 2, 1440),
                              row("x3", 3, 1430),
                              row("x4", 4, 1420),
                              row("claude-opus-4", 5, 1410),
                              row("y", 26, 1295),
                              row("qwen3-max", 30, 1300)};
    std::vector<entry> after{row("claude-opus-4", 1, 1460),
                             row("gpt-5", 2, 1451),
                             row("x2", 3, 1440),
                             row("x3", 4, 1430),
                             row("x4", 5, 1420),
                             row("qwen3-max", 25, 1302),
                             row("y", 27, 1290),
                             row("newbie", 40, 1200)};
    return diff::build_report(
        {board("lmarena-text", before, after),
         board("lmarena-vision", {row("a", 1, 1300), row("b", 2, 1290), row("qwen3-max", 3, 1280)},
               {row("a", 1, 1300), row("qwen3-max", 2, 1295), row("b", 3, 1290)})},
        {}, time_point(std::chrono::sys_days(std::chrono::year(2025) / 7 / 2)));
}

TEST(NotifyRules, Patterns) {
    EXPECT_TRUE(diff::matches_pattern("claude*", "Claude-Opus-4"));
    EXPECT_TRUE(diff::matches_pattern("*opus*", "claude-opus-4"));
    EXPECT_TRUE(diff::matches_pattern("gpt-5", "GPT-5"));
    EXPECT_FALSE(diff::matches_pattern("gpt-5", "gpt-5-mini"));
    EXPECT_TRUE(diff::matches_pattern("lmarena-*", "lmarena-vision"));
    EXPECT_FALSE(diff::matches_pattern("o3-mini", "o3-mini-high"));
}

TEST(NotifyRules, NoRulesKeepEverything) {
    const auto report = sample();
    const auto kept = diff::apply_rules(report, {});
    ASSERT_EQ(kept.boards.size(), 2u);
    EXPECT_EQ(kept.boards[0].diff.moved.size(), report.boards[0].diff.moved.size());
    EXPECT_EQ(kept.digest.size(), report.digest.size());
    EXPECT_TRUE(diff::worth_sending(kept));
}

TEST(NotifyRules, ModelsBoardsTopAndThresholds) {
    const auto report = sample();
    diff::notify_rules only_claude;
    only_claude.models = {"claude*"};
    auto kept = diff::apply_rules(report, only_claude);
    ASSERT_EQ(kept.boards.size(), 1u); // vision had nothing about claude
    ASSERT_TRUE(kept.boards[0].diff.new_leader);
    ASSERT_EQ(kept.boards[0].diff.moved.size(), 1u);
    EXPECT_EQ(kept.boards[0].diff.moved[0].model_key, "claude-opus-4");
    EXPECT_TRUE(kept.boards[0].diff.added.empty());

    diff::notify_rules top10;
    top10.top = 10;
    kept = diff::apply_rules(report, top10);
    for (const auto& m : kept.boards[0].diff.moved) {
        EXPECT_NE(m.model_key, "qwen3-max"); // 30 -> 25: outside the top 10
    }
    EXPECT_TRUE(kept.boards[0].diff.added.empty()); // the newcomer is 40th

    diff::notify_rules big_moves;
    big_moves.min_rank_move = 3;
    big_moves.boards = {"lmarena-text"};
    kept = diff::apply_rules(report, big_moves);
    ASSERT_EQ(kept.boards.size(), 1u);
    ASSERT_EQ(kept.boards[0].diff.moved.size(), 2u); // claude 5->1, qwen 30->25
    EXPECT_TRUE(kept.digest.empty());                // one board left: no cross-board line

    diff::notify_rules significant;
    significant.significant_only = true;
    kept = diff::apply_rules(report, significant);
    for (const auto& s : kept.boards[0].diff.rescored) {
        EXPECT_TRUE(s.significant) << s.model_key;
    }
    diff::notify_rules large_scores;
    large_scores.min_score_change = 10;
    kept = diff::apply_rules(report, large_scores);
    ASSERT_EQ(kept.boards[0].diff.rescored.size(), 1u);
    EXPECT_EQ(kept.boards[0].diff.rescored[0].model_key, "claude-opus-4");
}

TEST(NotifyRules, NothingPassedMeansQuiet) {
    diff::notify_rules nobody;
    nobody.models = {"no-such-model"};
    auto report = sample();
    auto kept = diff::apply_rules(report, nobody);
    EXPECT_TRUE(kept.boards.empty());
    EXPECT_FALSE(diff::worth_sending(kept));
    report.failures.push_back("source 'x': fetch failed");
    kept = diff::apply_rules(report, nobody);
    EXPECT_TRUE(diff::worth_sending(kept)); // a failed source is always worth telling
    nobody.failures = false;
    EXPECT_FALSE(diff::worth_sending(diff::apply_rules(report, nobody)));
}

TEST(NotifyRules, SubjectSummarisesTheDigest) {
    EXPECT_EQ(diff::notification_subject(sample()),
              "Leaderboards 2025-07-02: new leader on lmarena-text (Name-claude-opus-4), 1 new, "
              "7 moved");
    diff::run_report empty;
    empty.generated_at = time_point(std::chrono::sys_days(std::chrono::year(2025) / 7 / 2));
    EXPECT_EQ(diff::notification_subject(empty), "Leaderboards 2025-07-02: no changes");
}

} // namespace
