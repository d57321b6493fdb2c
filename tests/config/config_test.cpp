#include "config.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/mirror.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <system_error>

namespace {

using namespace lbtrack;

/// A config file in the temp dir, removed when the test is done with it (they piled up in /tmp,
/// six per run).
class temp_config {
public:
    temp_config(const std::string& name, const std::string& text)
        : path_(std::filesystem::temp_directory_path() /
                ("lbtrack-config-" + std::to_string(::getpid()) + "-" + name)) {
        std::ofstream(path_) << text;
    }
    ~temp_config() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    temp_config(const temp_config&) = delete;
    temp_config& operator=(const temp_config&) = delete;

    operator const std::filesystem::path&() const { return path_; }
    std::string string() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

temp_config write_temp(const std::string& name, const std::string& text) {
    return temp_config(name, text);
}

// Every example config in config/ must load (STYLE: each config exercised by a test).
TEST(Config, RealSourcesFileLoads) {
    const auto cfg =
        app::load_config(std::filesystem::path(LBTRACK_SOURCE_DIR) / "config/sources.toml");
    const auto& src = cfg.find("lmarena-text");
    EXPECT_EQ(src.format, "csv");
    EXPECT_TRUE(src.url.starts_with("https://github.com/fboulnois/llm-leaderboard-csv/"));
    EXPECT_EQ(src.columns.score, "arena_score");
    ASSERT_EQ(src.columns.metrics.size(), 1u);
    EXPECT_EQ(src.columns.metrics[0].first, "rank_stylectrl");
    EXPECT_THROW(cfg.find("nope"), usage_error);
}

TEST(Config, SyntaxErrorNamesFileAndLine) {
    const auto path = write_temp("syntax.toml", "[[source]]\nid = \"x\"\nurl = \n");
    try {
        app::load_config(path);
        FAIL() << "expected config_error";
    } catch (const config_error& e) {
        EXPECT_EQ(e.line(), 3u);
        EXPECT_NE(std::string(e.what()).find(path.string() + ":3"), std::string::npos) << e.what();
    }
}

TEST(Config, UnknownKeyNamesKeyAndLine) {
    const auto path = write_temp("unknown.toml", "[[source]]\nid = \"x\"\nurl = \"file:///x\"\n"
                                                 "format = \"csv\"\n[source.columns]\n"
                                                 "model = \"m\"\nscore = \"s\"\nscroe = \"t\"\n");
    try {
        app::load_config(path);
        FAIL() << "expected config_error";
    } catch (const config_error& e) {
        EXPECT_EQ(e.key(), "source[0].columns.scroe");
        EXPECT_EQ(e.line(), 8u);
    }
}

TEST(Config, MissingRequiredKeyAndBadTypes) {
    EXPECT_THROW(
        app::load_config(write_temp("nourl.toml", "[[source]]\nid = \"x\"\nformat = \"csv\"\n")),
        config_error);
    EXPECT_THROW(app::load_config(write_temp(
                     "badtimeout.toml", "[[source]]\nid = \"x\"\nurl = \"u\"\nformat = \"csv\"\n"
                                        "timeout_seconds = \"soon\"\n[source.columns]\n"
                                        "model = \"m\"\nscore = \"s\"\n")),
                 config_error);
    EXPECT_THROW(app::load_config("/nonexistent/sources.toml"), config_error);
}

TEST(Config, FormatOptionsAndColumnAliases) {
    const auto cfg = app::load_config(write_temp(
        "formats.toml", "[[source]]\nid = \"md\"\nurl = \"file:///x.md\"\nformat = \"markdown\"\n"
                        "table_index = 2\nlink_text_columns = [\"模型名\"]\n"
                        "[source.columns]\nmodel = \"模型名\"\nscore = \"分数\"\n"
                        "[source.column_aliases]\n\"分数\" = [\"得分\", \"Score\"]\n"
                        "[[source]]\nid = \"js\"\nurl = \"https://x/api\"\nformat = \"json\"\n"
                        "rows_pointer = \"/data/rows\"\n[source.columns]\nmodel = \"model.name\"\n"
                        "score = \"model.average_score\"\n"));
    const auto& md = cfg.find("md");
    EXPECT_EQ(md.table_index, std::optional<std::size_t>(2));
    EXPECT_EQ(md.link_text_columns, (std::vector<std::string>{"模型名"}));
    EXPECT_EQ(md.column_aliases.at("分数"), (std::vector<std::string>{"得分", "Score"}));
    EXPECT_EQ(cfg.find("js").rows_pointer, "/data/rows");
    EXPECT_THROW(app::load_config(write_temp("badptr.toml",
                                             "[[source]]\nid = \"j\"\nurl = \"u\"\n"
                                             "format = \"json\"\nrows_pointer = \"rows\"\n"
                                             "[source.columns]\nmodel = \"m\"\nscore = \"s\"\n")),
                 config_error);
}

TEST(Mirror, LongestPrefixWins) {
    const std::vector<ingest::mirror_rule> rules{
        ingest::parse_mirror_rule("https://a/=file:///m/"),
        ingest::parse_mirror_rule("https://a/b/=http://127.0.0.1:9/")};
    EXPECT_EQ(ingest::apply_mirrors("https://a/b/x.csv", rules), "http://127.0.0.1:9/x.csv");
    EXPECT_EQ(ingest::apply_mirrors("https://a/c.csv", rules), "file:///m/c.csv");
    EXPECT_EQ(ingest::apply_mirrors("https://z/c.csv", rules), "https://z/c.csv");
    EXPECT_THROW(ingest::parse_mirror_rule("no-equals"), usage_error);
}

TEST(When, DatesTimestampsAndSpans) {
    using namespace std::chrono;
    const lbtrack::time_point now = lbtrack::time_point(sys_days(year(2025) / 7 / 10)) + hours(12);
    EXPECT_EQ(app::parse_when("2025-07-01", now),
              lbtrack::time_point(sys_days(year(2025) / 7 / 2)) - microseconds(1));
    EXPECT_EQ(app::parse_when("2025-07-01T10:30:00Z", now),
              lbtrack::time_point(sys_days(year(2025) / 7 / 1)) + hours(10) + minutes(30));
    EXPECT_EQ(app::parse_when("30d", now), now - hours(24 * 30));
    EXPECT_THROW(app::parse_when("2025-02-30", now), usage_error);
    EXPECT_THROW(app::parse_when("yesterday", now), usage_error);
}

} // namespace
