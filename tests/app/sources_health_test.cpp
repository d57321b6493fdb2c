// `lbtrack sources` for monitoring: --format json, exit 1 when a source failed or is older than
// its max_age_hours, columns as wide as their cells.

#include "cli_test_support.hpp"
#include "output/source_health.hpp"

#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace lbtrack::test;
using lbtrack::app::health;
using lbtrack::app::health_of;

lbtrack::time_point at_hours(long long h) {
    return lbtrack::time_point(std::chrono::hours(h));
}

lbtrack::store::last_fetch fetched_at(long long hours, const std::string& status) {
    return {"-", lbtrack::store::fetch_status_of(status),
            static_cast<long long>(std::chrono::seconds(std::chrono::hours(hours)).count())};
}

TEST(SourceHealth, AgeCountsOnlyWithMaxAge) {
    lbtrack::source src;
    EXPECT_EQ(health_of(src, std::nullopt, at_hours(100)), health::never);
    EXPECT_EQ(health_of(src, fetched_at(0, "stored"), at_hours(10000)), health::ok);
    src.max_age = std::chrono::hours(24);
    EXPECT_EQ(health_of(src, std::nullopt, at_hours(100)), health::stale);
    EXPECT_EQ(health_of(src, fetched_at(90, "unchanged"), at_hours(100)), health::ok);
    EXPECT_EQ(health_of(src, fetched_at(70, "stored"), at_hours(100)), health::stale);
}

TEST(SourceHealth, FailedOutranksAgeAndDisabledIsNotJudged) {
    lbtrack::source src;
    src.max_age = std::chrono::hours(24);
    EXPECT_EQ(health_of(src, fetched_at(10, "failed"), at_hours(100)), health::failed);
    EXPECT_EQ(health_of(src, fetched_at(99, "failed"), at_hours(100)), health::failed);
    src.max_age = std::chrono::hours(0);
    src.enabled = false;
    EXPECT_EQ(health_of(src, fetched_at(99, "failed"), at_hours(100)), health::disabled);
}

class Sources : public cli_test {
protected:
    /// The real config with max_age_hours added to the source `id`, written to a temp file.
    std::string config_with_max_age(const std::string& id, int hours) {
        auto text = read_file(real_config());
        const auto key = "id = \"" + id + "\"\n";
        const auto at = text.find(key);
        EXPECT_NE(at, std::string::npos);
        text.insert(at + key.size(), "max_age_hours = " + std::to_string(hours) + "\n");
        const auto path = dir_.path() + "/sources.toml";
        std::ofstream(path) << text;
        std::filesystem::copy_file(std::string(LBTRACK_SOURCE_DIR) + "/config/models.toml",
                                   dir_.path() + "/models.toml");
        return path;
    }
    temp_dir dir_;
};

TEST_F(Sources, JsonListsEverySourceAndSaysHealthy) {
    const auto r = lbtrack({"sources", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
    EXPECT_TRUE(bool(doc["healthy"]));
    simdjson::dom::array listed;
    ASSERT_EQ(doc["sources"].get(listed), simdjson::SUCCESS);
    // As many entries as [[source]] tables in the config.
    const auto config = read_file(real_config());
    std::size_t tables = 0;
    for (auto at = config.find("\n[[source]]\n"); at != std::string::npos;
         at = config.find("\n[[source]]\n", at + 1)) {
        ++tables;
    }
    EXPECT_EQ(listed.size(), tables);
    for (auto s : listed) {
        EXPECT_TRUE(s["last_fetch"].is_null());
        // Never fetched: "never", or "disabled" for a source `run` leaves alone.
        const std::string_view health(s["health"]);
        EXPECT_TRUE(health == "never" || health == "disabled") << health;
    }
}

TEST_F(Sources, ExitsOneWhenTheLastFetchFailed) {
    // An enabled source (a disabled one's failures are not judged), its host unreachable.
    ASSERT_EQ(lbtrack({"run", "--source", "lmarena-catalog-text", "--mirror",
                       "https://raw.githubusercontent.com/=http://127.0.0.1:9/"})
                  .exit_code,
              1);
    const auto text = lbtrack({"sources"});
    EXPECT_EQ(text.exit_code, 1) << text.out;
    const auto json = lbtrack({"sources", "--format", "json"});
    EXPECT_EQ(json.exit_code, 1);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(json.out).get(doc), simdjson::SUCCESS) << json.out;
    EXPECT_FALSE(bool(doc["healthy"]));
    std::size_t failed = 0;
    simdjson::dom::array listed;
    ASSERT_EQ(doc["sources"].get(listed), simdjson::SUCCESS);
    for (auto s : listed) {
        if (std::string_view(s["health"]) == "failed") {
            ++failed;
            EXPECT_EQ(std::string_view(s["last_fetch"]["status"]), "failed");
        }
    }
    EXPECT_EQ(failed, 1u) << json.out;
}

TEST_F(Sources, ExitsOneWhenOlderThanMaxAge) {
    // The replayed fixture files are dated in the past: older than any max_age of a few days.
    const auto config = config_with_max_age("lmarena-text", 48);
    const auto replay = run_lbtrack(
        {"--config", config, "replay", "--source", "lmarena-text", fixture("lmarena")}, env_);
    ASSERT_EQ(replay.exit_code, 0) << replay.err;
    const auto stale = run_lbtrack({"--config", config, "sources"}, env_);
    EXPECT_EQ(stale.exit_code, 1) << stale.out;
    EXPECT_NE(stale.out.find("stale"), std::string::npos) << stale.out;
    // The same history without the age limit is healthy.
    EXPECT_EQ(lbtrack({"sources"}).exit_code, 0);
}

TEST_F(Sources, ColumnsLineUpWhateverTheIdLength) {
    const auto r = lbtrack({"sources"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::istringstream lines(r.out);
    std::string header;
    std::getline(lines, header);
    const auto url_column = header.find("URL");
    ASSERT_NE(url_column, std::string::npos);
    std::size_t rows = 0;
    for (std::string line; std::getline(lines, line); ++rows) {
        // Every URL starts under the header's URL: no cell pushed the row out of line.
        ASSERT_GT(line.size(), url_column) << line;
        EXPECT_EQ(line[url_column - 2], ' ') << line;
        EXPECT_NE(line[url_column], ' ') << line;
    }
    EXPECT_GT(rows, 0u);
}

} // namespace
