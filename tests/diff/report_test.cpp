#include "lbtrack/diff/render.hpp"
#include "lbtrack/diff/report.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lbtrack;

entry row(std::string key, int rank) {
    entry e;
    e.model_key = key;
    e.raw_name = "Name-" + key;
    e.rank = rank;
    e.score = 1500 - rank;
    return e;
}

diff::board_snapshots board(std::string id, std::vector<entry> before, std::vector<entry> after,
                            bool first = false) {
    diff::board_snapshots b;
    b.context.source_id = id;
    b.context.source_title = "Board " + id;
    if (!first) {
        b.context.from = time_point(std::chrono::sys_days(std::chrono::year(2025) / 7 / 1));
    }
    b.context.to = time_point(std::chrono::sys_days(std::chrono::year(2025) / 7 / 2));
    b.before = std::move(before);
    b.after = std::move(after);
    return b;
}

TEST(RunReport, DigestListsAModelsPlaceOnEveryBoardInOneLine) {
    const auto report = diff::build_report(
        {board("text", {row("a", 1), row("b", 2), row("c", 3)},
               {row("b", 1), row("a", 2), row("c", 3)}),
         board("vision", {row("a", 1), row("c", 2)}, {row("a", 1), row("c", 2), row("b", 3)}),
         board("solo", {row("z", 1)}, {row("y", 1)})},
        {}, time_point{});
    ASSERT_EQ(report.boards.size(), 3u);
    // a moved on text and is on vision; b moved on text and is new on vision; c changed nowhere;
    // y and z changed on one board only and are listed nowhere else.
    ASSERT_EQ(report.digest.size(), 2u);
    EXPECT_EQ(report.digest[0].model_key, "b"); // a new entry at 3 outweighs a 1-place move
    EXPECT_EQ(report.digest[1].model_key, "a");
    const auto& b = report.digest[0].boards;
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(b[0].source_id, "text");
    EXPECT_EQ(b[0].from, 2);
    EXPECT_EQ(b[0].to, 1);
    EXPECT_EQ(b[1].source_id, "vision");
    EXPECT_FALSE(b[1].present_before);
    EXPECT_EQ(b[1].to, 3);

    const auto md = diff::render_markdown(report);
    EXPECT_NE(md.find("| Model | `text` | `vision` | `solo` |"), std::string::npos) << md;
    EXPECT_NE(md.find("| Name-b | ▲1 (2→1) | new at 3 |  |"), std::string::npos) << md;
    EXPECT_NE(md.find("| Name-a | ▼1 (1→2) | = 1 |  |"), std::string::npos) << md;
    const auto text = diff::render_text(report);
    EXPECT_NE(text.find("Name-b"), std::string::npos);
    EXPECT_NE(text.find("text ▲1 (2→1), vision new at 3"), std::string::npos) << text;
    const auto json = diff::render_json(report);
    EXPECT_NE(json.find("\"digest\":[{\"model_key\":\"b\",\"name\":\"Name-b\",\"boards\":[{"
                        "\"source\":\"text\",\"change\":\"moved\",\"from\":2,\"to\":1},{"
                        "\"source\":\"vision\",\"change\":\"added\",\"from\":null,\"to\":3}]}"),
              std::string::npos)
        << json;
}

TEST(RunReport, FirstSnapshotsAreNotNewsAboutModels) {
    const auto report = diff::build_report(
        {board("text", {}, {row("a", 1)}, true), board("vision", {}, {row("a", 1)}, true)}, {},
        time_point{});
    EXPECT_TRUE(report.digest.empty());
}

TEST(RenderText, ColourOnlyWhenAsked) {
    const auto report = diff::build_report(
        {board("text", {row("a", 1), row("b", 2)}, {row("b", 1), row("a", 2)})}, {}, time_point{});
    const auto plain = diff::render_text(report, {false});
    const auto coloured = diff::render_text(report, {true});
    EXPECT_EQ(plain.find('\x1b'), std::string::npos) << plain;
    EXPECT_NE(coloured.find("\x1b[32m▲1\x1b[0m"), std::string::npos) << coloured;
    EXPECT_NE(coloured.find("\x1b[31m▼1\x1b[0m"), std::string::npos) << coloured;
}

TEST(RenderJson, ReportIsOneVersionedObjectWithRfc3339Times) {
    auto report =
        diff::build_report({board("text", {row("a", 1)}, {row("a", 1)})}, {},
                           time_point(std::chrono::sys_days(std::chrono::year(2025) / 7 / 2)) +
                               std::chrono::hours(11) + std::chrono::minutes(5));
    report.failures.push_back("source 'x': fetch failed");
    const auto json = diff::render_json(report);
    EXPECT_EQ(json.rfind("{\"schema_version\":2,\"generated_at\":\"2025-07-02T11:05:00Z\","
                         "\"boards\":[{\"source\":{\"id\":\"text\"",
                         0),
              0u)
        << json;
    EXPECT_NE(json.find("\"from\":\"2025-07-01T00:00:00Z\",\"to\":\"2025-07-02T00:00:00Z\""),
              std::string::npos)
        << json;
    EXPECT_NE(json.find("\"failures\":[\"source 'x': fetch failed\"],"), std::string::npos) << json;
}

} // namespace
