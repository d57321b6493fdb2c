#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/mirror.hpp"
#include "lbtrack/settings/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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
        settings::load_config(std::filesystem::path(LBTRACK_SOURCE_DIR) / "config/sources.toml");
    const auto& src = cfg.find("lmarena-text");
    EXPECT_EQ(src.format, "csv");
    EXPECT_TRUE(
        src.url.starts_with("https://raw.githubusercontent.com/fboulnois/llm-leaderboard-csv/"));
    EXPECT_EQ(src.optional_columns, (std::vector<std::string>{"rank_stylectrl"}));
    EXPECT_EQ(src.columns.score, "arena_score");
    ASSERT_EQ(src.columns.metrics.size(), 1u);
    EXPECT_EQ(src.columns.metrics[0].first, "rank_stylectrl");
    EXPECT_THROW(cfg.find("nope"), usage_error);
}

TEST(Config, SyntaxErrorNamesFileAndLine) {
    const auto path = write_temp("syntax.toml", "[[source]]\nid = \"x\"\nurl = \n");
    try {
        settings::load_config(path);
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
        settings::load_config(path);
        FAIL() << "expected config_error";
    } catch (const config_error& e) {
        EXPECT_EQ(e.key(), "source[0].columns.scroe");
        EXPECT_EQ(e.line(), 8u);
    }
}

TEST(Config, MissingRequiredKeyAndBadTypes) {
    EXPECT_THROW(settings::load_config(
                     write_temp("nourl.toml", "[[source]]\nid = \"x\"\nformat = \"csv\"\n")),
                 config_error);
    EXPECT_THROW(settings::load_config(write_temp(
                     "badtimeout.toml", "[[source]]\nid = \"x\"\nurl = \"u\"\nformat = \"csv\"\n"
                                        "timeout_seconds = \"soon\"\n[source.columns]\n"
                                        "model = \"m\"\nscore = \"s\"\n")),
                 config_error);
    EXPECT_THROW(settings::load_config("/nonexistent/sources.toml"), config_error);
}

TEST(Config, FormatOptionsAndColumnAliases) {
    const auto cfg = settings::load_config(write_temp(
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
    EXPECT_THROW(settings::load_config(
                     write_temp("badptr.toml", "[[source]]\nid = \"j\"\nurl = \"u\"\n"
                                               "format = \"json\"\nrows_pointer = \"rows\"\n"
                                               "[source.columns]\nmodel = \"m\"\nscore = \"s\"\n")),
                 config_error);
}

// The real file: a plain run follows the boards still published; archived ones are kept for
// replay and fetched only when named.
TEST(Config, PlainRunFetchesOnlyEnabledSources) {
    const auto cfg =
        settings::load_config(std::filesystem::path(LBTRACK_SOURCE_DIR) / "config/sources.toml");
    std::vector<std::string> fetched;
    for (const auto* src : cfg.to_fetch({})) {
        fetched.push_back(src->id);
    }
    EXPECT_NE(std::ranges::find(fetched, "lmarena-catalog-text"), fetched.end());
    EXPECT_NE(std::ranges::find(fetched, "livebench"), fetched.end());
    EXPECT_EQ(std::ranges::find(fetched, "openllm-v2"), fetched.end());
    EXPECT_EQ(std::ranges::find(fetched, "lmarena-text"), fetched.end());
    EXPECT_FALSE(cfg.find("lmarena-text").enabled);
    ASSERT_EQ(cfg.to_fetch({"lmarena-text"}).size(), 1u);
    EXPECT_EQ(cfg.to_fetch({"lmarena-text"})[0]->id, "lmarena-text");
    EXPECT_LT(cfg.to_fetch({}).size(), cfg.sources.size());
}

TEST(Config, BoardShapeKeys) {
    const auto cfg = settings::load_config(write_temp(
        "shapes.toml",
        "[[source]]\nid = \"lb\"\nurl = \"u\"\nformat = \"csv\"\nenabled = false\n"
        "score_mean_of = [\"*\"]\nscore_order = \"lower\"\nduplicates = \"keep-best\"\n"
        "malformed_rows = \"skip\"\noptional_columns = [\"a\", \"b\"]\n"
        "reference_rows = [\"Random\"]\nlayout = \"wide\"\n"
        "[source.columns]\nmodel = \"#1\"\nci_lower = \"lo\"\nci_upper = \"hi\"\n"
        "[[source]]\nid = \"cat\"\nurl = \"u\"\nformat = \"json\"\nrows_pointer = \"/full\"\n"
        "json_key_column = \"model\"\n[source.columns]\nmodel = \"model\"\nrank = \"r\"\n"));
    const auto& lb = cfg.find("lb");
    EXPECT_FALSE(lb.enabled);
    EXPECT_EQ(lb.score_mean_of, (std::vector<std::string>{"*"}));
    EXPECT_FALSE(lb.higher_is_better);
    EXPECT_EQ(lb.duplicates, duplicate_policy::keep_best);
    EXPECT_EQ(lb.malformed_rows, malformed_row_policy::skip);
    EXPECT_EQ(lb.optional_columns, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(lb.reference_rows, (std::vector<std::string>{"Random"}));
    EXPECT_EQ(lb.layout, table_layout::wide);
    EXPECT_EQ(lb.columns.model, "#1");
    EXPECT_EQ(lb.columns.ci_lower, "lo");
    EXPECT_TRUE(lb.columns.score.empty());
    const auto& cat = cfg.find("cat");
    EXPECT_TRUE(cat.enabled);
    EXPECT_TRUE(cat.higher_is_better);
    EXPECT_EQ(cat.duplicates, duplicate_policy::keep_first);
    EXPECT_EQ(cat.json_key_column, "model");
}

TEST(Config, BoardShapeMistakesNameFileLineAndKey) {
    const auto fails = [](const std::string& name, const std::string& text, const std::string& key,
                          std::size_t line) {
        const auto path = write_temp(name, text);
        try {
            settings::load_config(path);
            ADD_FAILURE() << "expected config_error for " << name;
        } catch (const config_error& e) {
            EXPECT_EQ(e.key(), key) << e.what();
            EXPECT_EQ(e.line(), line) << e.what();
            EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
        }
    };
    const std::string head = "[[source]]\nid = \"x\"\nurl = \"u\"\nformat = \"csv\"\n";
    // An empty model mapping is a config error at load time, not an error on every row.
    fails("emptymodel.toml", head + "[source.columns]\nmodel = \"\"\nscore = \"s\"\n",
          "source[0].columns.model", 6);
    fails("badpolicy.toml",
          head + "duplicates = \"keep-last\"\n[source.columns]\nmodel = \"m\"\nscore = \"s\"\n",
          "source[0].duplicates", 5);
    fails("badorder.toml",
          head + "score_order = \"down\"\n[source.columns]\nmodel = \"m\"\nscore = \"s\"\n",
          "source[0].score_order", 5);
    fails("badenabled.toml",
          head + "enabled = \"no\"\n[source.columns]\nmodel = \"m\"\nscore = \"s\"\n",
          "source[0].enabled", 5);
    fails("halfci.toml",
          head + "[source.columns]\nmodel = \"m\"\nscore = \"s\"\nci_lower = \"lo\"\n",
          "source[0].columns", 5);
    fails("norank.toml", head + "[source.columns]\nmodel = \"m\"\n", "source[0].columns", 5);
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
