#include "diff_builders.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

using namespace lbtrack;

diff::diff_context context() {
    diff::diff_context ctx;
    ctx.source_id = "board";
    ctx.source_title = "A | board";
    ctx.from = time_point(std::chrono::sys_days(std::chrono::year(2025) / 6 / 26));
    ctx.to = time_point(std::chrono::sys_days(std::chrono::year(2025) / 6 / 27));
    ctx.from_rows = 2;
    ctx.to_rows = 2;
    return ctx;
}

diff::run_report one(const diff::board_diff& d) {
    diff::run_report report;
    report.generated_at = context().to;
    report.boards.push_back({context(), d, {}});
    return report;
}

diff::board_diff sample() {
    diff::board_diff d;
    entry added;
    added.raw_name = "pipe|name*";
    added.model_key = "pipe-name";
    added.rank = 3;
    added.score = 1300.5;
    d.added.push_back(added);
    d.moved.push_back({"m", "Mover", 5, 2});
    d.rescored.push_back({"m", "Mover", 1300, 1290, true});
    d.new_leader = diff::leader_change{"Old \"Leader\"", "New"};
    return d;
}

TEST(RenderMarkdown, EscapesNamesAndShowsEachSection) {
    const auto md = diff::render_markdown(one(sample()));
    EXPECT_NE(md.find("## A \\| board (`board`)"), std::string::npos) << md;
    EXPECT_NE(md.find("Compared 2025-06-26 → 2025-06-27 (2 → 2 rows)."), std::string::npos) << md;
    EXPECT_NE(md.find("**New leader:** New (was Old \"Leader\")"), std::string::npos) << md;
    EXPECT_NE(md.find("| 3 | pipe\\|name\\* | 1300.5 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| Mover | 5 | 2 | ▲3 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| Mover | 1300 | 1290 | -10 | yes |"), std::string::npos) << md;
    EXPECT_EQ(md.find("Dropped models"), std::string::npos) << md;
}

TEST(RenderMarkdown, SaysNoChanges) {
    const auto md = diff::render_markdown(one(diff::board_diff{}));
    EXPECT_NE(md.find("No changes."), std::string::npos);
}

TEST(RenderAll, MethodChangeOnceAtTheTopOfTheBoardAndCountsOfUnlistedMoves) {
    auto d = sample();
    d.overhauls.push_back({"score", 258, 258});
    d.overhauls.push_back({"rank_stylectrl", 140, 152});
    d.added.push_back(d.added[0]);
    d.dropped.push_back(d.added[0]);
    d.shifted = 75;
    d.retied = 1;
    const auto md = diff::render_markdown(one(d));
    EXPECT_NE(md.find("**every score changed (258 rows) at once: a recomputation, or a change of "
                      "method or format upstream? Not listed row by row.**"),
              std::string::npos)
        << md;
    EXPECT_NE(md.find("**140 of 152 values of rank\\_stylectrl changed at once:"),
              std::string::npos)
        << md;
    EXPECT_LT(md.find("every score changed"), md.find("### New models")) << md;
    EXPECT_NE(md.find("_Not listed: 75 rank changes caused only by 2 new and 1 dropped models; 1 "
                      "rank change from ties made or broken, no model passed._"),
              std::string::npos)
        << md;
    const auto text = diff::render_text(one(d));
    EXPECT_NE(text.find("! every score changed (258 rows)"), std::string::npos) << text;
    EXPECT_NE(text.find("not listed: 75 rank changes"), std::string::npos) << text;
    const auto json = diff::render_json(one(d));
    EXPECT_NE(json.find("\"shifted\":75,\"retied\":1"), std::string::npos) << json;
    EXPECT_NE(json.find("\"overhauls\":[{\"field\":\"score\",\"changed\":258,\"compared\":258,"
                        "\"ranking\":false},"),
              std::string::npos)
        << json;
    const auto html = diff::render_html(one(d));
    EXPECT_NE(html.find("every score changed (258 rows)"), std::string::npos);
    EXPECT_NE(html.find("Not listed: 75 rank changes"), std::string::npos);
}

TEST(RenderAll, AQuietDaySaysWhichBoardsWereCheckedAndSinceWhen) {
    diff::run_report report;
    report.generated_at = context().to;
    report.unchanged.push_back({"lmarena-text", context().from});
    report.unchanged.push_back({"superclue", std::nullopt});
    const auto md = diff::render_markdown(report);
    // Which boards, that all are unchanged, and the last change of any of them.
    const std::string quiet = "No changes: 2 boards checked (lmarena-text, superclue), all "
                              "unchanged; the last change was on 2025-06-26 (lmarena-text).";
    EXPECT_NE(md.find(quiet), std::string::npos) << md;
    EXPECT_NE(md.find("- `lmarena-text`: unchanged since 2025-06-26"), std::string::npos) << md;
    EXPECT_NE(md.find("- `superclue`: unchanged\n"), std::string::npos) << md;
    const auto text = diff::render_text(report);
    EXPECT_NE(text.find(quiet), std::string::npos) << text;
    EXPECT_NE(text.find("unchanged since 2025-06-26"), std::string::npos) << text;
    const auto html = diff::render_html(report);
    EXPECT_NE(html.find(quiet), std::string::npos) << html;
    // Not "0 boards compared": the summary counts the boards checked.
    EXPECT_NE(html.find("<p>2 boards checked, 0 with a new snapshot, 0 with changes;"),
              std::string::npos);
    EXPECT_NE(html.find("Unchanged boards (2)"), std::string::npos);
    EXPECT_TRUE(html.ends_with("</html>\n"));
    const auto json = diff::render_json(report);
    EXPECT_NE(
        json.find("\"unchanged\":[{\"source\":\"lmarena-text\",\"last_change\":"
                  "\"2025-06-26T00:00:00Z\"},{\"source\":\"superclue\",\"last_change\":null}]"),
        std::string::npos)
        << json;
    // A board with changes: no "No changes" line, the unchanged ones still listed.
    auto busy = one(sample());
    busy.unchanged = report.unchanged;
    EXPECT_EQ(diff::render_markdown(busy).find("No changes:"), std::string::npos);
    EXPECT_NE(diff::render_markdown(busy).find("## Unchanged boards (2)"), std::string::npos);
    // Every source failed: nothing was checked, so no "No changes" line; the failures say why.
    diff::run_report failed;
    failed.generated_at = context().to;
    failed.failures.push_back("source 'x': fetch failed");
    const auto failed_md = diff::render_markdown(failed);
    EXPECT_EQ(failed_md.find("No changes"), std::string::npos) << failed_md;
    EXPECT_NE(failed_md.find("## Failed sources"), std::string::npos) << failed_md;
}

TEST(RenderJson, EscapesQuotesAndKeepsSchemaVersion) {
    const auto json = diff::render_json(one(sample()));
    EXPECT_NE(json.find("\"schema_version\":2"), std::string::npos) << json;
    EXPECT_NE(json.find("\"from\":\"Old \\\"Leader\\\"\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"moved\":[{\"model_key\":\"m\",\"name\":\"Mover\",\"from\":5,\"to\":2}]"),
              std::string::npos)
        << json;
}

TEST(RenderFormat, UnknownNameIsAUsageError) {
    EXPECT_EQ(diff::parse_report_format("md"), diff::report_format::markdown);
    EXPECT_THROW(diff::parse_report_format("pdf"), usage_error);
}

diff::board_diff priced() {
    diff::board_diff d;
    d.metric_changes.push_back({"a", "Qwen3-14B", "price", 0.7, 0.8, "元", "元"});
    d.metric_changes.push_back({"b", "b|x", "cost", 0.06, 0.05, "$/百萬代幣", "$/百萬代幣"});
    d.metric_changes.push_back({"c", "C", "price", 1, 1, "元/M", "元"});
    return d;
}

TEST(RenderMarkdown, MetricChangesSectionWithUnits) {
    const auto md = diff::render_markdown(one(priced()));
    EXPECT_EQ(md.find("No changes."), std::string::npos) << md;
    EXPECT_NE(md.find("### Metric changes (3)\n\n| Model | Metric | From | To | Change |\n"
                      "|---|---|---:|---:|---:|\n"),
              std::string::npos)
        << md;
    EXPECT_NE(md.find("| Qwen3-14B | price | 0.7元 | 0.8元 | +0.1 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| b\\|x | cost | 0.06\\$/百萬代幣 | 0.05\\$/百萬代幣 | -0.01 |"),
              std::string::npos)
        << md;
    EXPECT_NE(md.find("| C | price | 1元 | 1元/M | unit changed |"), std::string::npos) << md;
}

TEST(RenderText, MetricChangeLines) {
    const auto text = diff::render_text(one(priced()));
    EXPECT_NE(text.find("  $ Qwen3-14B"), std::string::npos) << text;
    EXPECT_NE(text.find(" price 0.7元 -> 0.8元 (+0.1)\n"), std::string::npos) << text;
    EXPECT_NE(text.find(" price 1元 -> 1元/M (unit changed)\n"), std::string::npos) << text;
}

TEST(RenderText, ScoreDeltaAtThePrecisionOfTheScores) {
    diff::board_diff d;
    d.rescored.push_back({"m", "M", 1374.5, 1380.2, false});
    const auto text = diff::render_text(one(d));
    EXPECT_NE(text.find("score 1374.5 -> 1380.2 (+5.7)"), std::string::npos) << text;
}

TEST(RenderJson, MetricChangesCarryTheirUnits) {
    const auto json = diff::render_json(one(priced()));
    EXPECT_NE(json.find("\"metric_changes\":[{\"model_key\":\"a\",\"name\":\"Qwen3-14B\","
                        "\"metric\":\"price\",\"from\":0.7,\"to\":0.8,\"unit\":\"元\","
                        "\"from_unit\":\"元\"},"),
              std::string::npos)
        << json;
    EXPECT_NE(diff::render_json(one(diff::board_diff{}))
                  .find("\"metric_changes\":[],\"metadata_changes\":[],"),
              std::string::npos);
}

} // namespace

// Issue 15: openllm-v2 (from 2024-12-11) and the LMArena catalog publish full-precision floats,
// and reports printed every digit. A spelling past any published precision prints at 2
// decimals (3 significant digits below 1); JSON keeps every digit for machines.
TEST(RenderAll, FullPrecisionValuesPrintAtAPublishedPrecision) {
    diff::board_diff d;
    const double full = 38.7525412608276;
    const double noise = 0.1 + 0.2;
    const double small = 0.0123456789012345;
    d.added.push_back(test::row("full", 1, full));
    d.added.push_back(test::row("noise", 2, noise));
    d.added.push_back(test::row("small", 3, small));
    d.added.push_back(test::row("published", 4, 45.125));
    d.rescored.push_back({"r", "rescored", 1486.6027120272704, 1490.25, false});
    const auto md = diff::render_markdown(one(d));
    EXPECT_NE(md.find("| 1 | full | 38.75 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| 2 | noise | 0.3 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| 3 | small | 0.0123 |"), std::string::npos) << md;
    // Three decimals are a published precision: kept.
    EXPECT_NE(md.find("| 4 | published | 45.125 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| rescored | 1486.6 | 1490.25 | +3.65 |"), std::string::npos) << md;
    for (const auto& text : {md, diff::render_html(one(d)), diff::render_text(one(d), {})}) {
        EXPECT_EQ(text.find("38.7525"), std::string::npos) << text;
        EXPECT_EQ(text.find("0.30000"), std::string::npos) << text;
    }
    const auto json = diff::render_json(one(d));
    EXPECT_NE(json.find(fmt::format("{}", full)), std::string::npos) << json;
}
