#include "lbtrack/core/errors.hpp"
#include "lbtrack/diff/render.hpp"

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
    const auto md = diff::render_markdown(sample(), context());
    EXPECT_NE(md.find("## A \\| board (`board`)"), std::string::npos) << md;
    EXPECT_NE(md.find("Compared 2025-06-26 → 2025-06-27 (2 → 2 rows)."), std::string::npos) << md;
    EXPECT_NE(md.find("**New leader:** New (was Old \"Leader\")"), std::string::npos) << md;
    EXPECT_NE(md.find("| 3 | pipe\\|name\\* | 1300.5 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| Mover | 5 | 2 | ▲3 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| Mover | 1300 | 1290 | -10 | yes |"), std::string::npos) << md;
    EXPECT_EQ(md.find("Dropped models"), std::string::npos) << md;
}

TEST(RenderMarkdown, SaysNoChanges) {
    const auto md = diff::render_markdown({}, context());
    EXPECT_NE(md.find("No changes."), std::string::npos);
}

TEST(RenderJson, EscapesQuotesAndKeepsSchemaVersion) {
    const auto json = diff::render_json(sample(), context());
    EXPECT_NE(json.find("\"schema_version\":1"), std::string::npos) << json;
    EXPECT_NE(json.find("\"from\":\"Old \\\"Leader\\\"\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"moved\":[{\"model_key\":\"m\",\"name\":\"Mover\",\"from\":5,\"to\":2}]"),
              std::string::npos)
        << json;
}

TEST(RenderFormat, UnknownNameIsAUsageError) {
    EXPECT_EQ(diff::parse_report_format("md"), diff::report_format::markdown);
    EXPECT_THROW(diff::parse_report_format("pdf"), usage_error);
}

} // namespace
