// Golden Markdown reports of real pairs of days from ../shared/data (LBTRACK_SHARED_DATA): the
// two files replayed into a fresh database, then `lbtrack diff --format md`. Each was read by
// hand against the raw files (issue 15; docs/reports.md gives the figures):
// - lmarena-text 2024-10-24 -> 10-29: 3 new, 1 dropped; 2 rank moves listed, 9 ties within CI,
//   75 rank changes caused by the arrivals and departures and 50 ties made or broken counted;
// - openllm-v2 2024-12-10 -> 12-11: 2 decimals -> full precision; 13 new models and no value
//   change at 2 decimals;
// - lmarena-catalog-text 2025-11-06 -> 12-11: a catalog release recomputing every rating (258 of
//   258), reported once;
// - superclue 2023-05-24 -> 05-30: 西湖大模型 overtakes MiniMax (45.38 -> 49.46 against 46.45): two
//   moves listed, the 4 rank changes below the 2 newcomers counted;
// - ceval 2023-06-06 -> 06-09: the five-shot table on both days; Bloomz-mt printed as
//   Bloomz-mt-176B with the same 39.0 at rank 6: reported as a likely rename (no alias says
//   they are one, so they are not merged);
// - a quiet day: ceval's page of 2023-07-14 changed, its board did not (`run` says so).
// Each pair's HTML report is pinned too, made with the 90 days of history before its second day
// (the charts draw the period), and rendered in headless Chromium by tests/render.
// To accept an intended change: LBTRACK_UPDATE_GOLDEN=1, then review `git diff tests/data/golden`.

#include "../app/golden_file.hpp"

#include "lbtrack/core/environment.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

class RealReportGolden : public cli_test {
protected:
    void TearDown() override {
        if (!dir_.empty()) {
            fs::remove_all(dir_);
        }
    }

    /// Links `names` of ../shared/data/<folder> into a fresh folder for replay; false (and
    /// `skipped_`) when one is absent.
    bool link_files(const std::string& folder, const std::vector<std::string>& names) {
        const fs::path root = fs::path(shared_data_dir()) / folder;
        for (const auto& name : names) {
            if (!fs::exists(root / name)) {
                skipped_ = true;
                return false;
            }
        }
        if (!dir_.empty()) {
            fs::remove_all(dir_);
        }
        dir_ = fs::temp_directory_path() /
               ("lbtrack-golden-" + folder + "-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        for (const auto& name : names) {
            fs::create_symlink(root / name, dir_ / name);
        }
        return true;
    }

    /// The Markdown diff of `source` between two files of ../shared/data/<folder>, or "" with
    /// `skipped_` set when the data is absent.
    std::string report(const std::string& source, const std::string& folder,
                       const std::string& from, const std::string& to) {
        if (!link_files(folder, {from, to})) {
            return {};
        }
        const auto replay = lbtrack({"replay", "--source", source, dir_.string()});
        EXPECT_EQ(replay.exit_code, 0) << replay.err;
        const auto diff = lbtrack({"diff", "--source", source, "--format", "md"});
        EXPECT_EQ(diff.exit_code, 0) << diff.err;
        return diff.out;
    }

    /// The HTML diff of `source` from the file `from` to the file `to`, after replaying every
    /// file of the 90 days up to `to` (what a deployment would have stored), or "" with
    /// `skipped_` set when the data is absent.
    std::string html_with_history(const std::string& source, const std::string& folder,
                                  const std::string& from, const std::string& to) {
        const fs::path root = fs::path(shared_data_dir()) / folder;
        if (!fs::exists(root / from) || !fs::exists(root / to)) {
            skipped_ = true;
            return {};
        }
        const auto day = [](const std::string& name) { return name.substr(0, 10); };
        // Files are named YYYY-MM-DD.<ext>: 90 days before `to` as a name compares as a date.
        const auto first = [&] {
            const std::chrono::year_month_day to_day{
                std::chrono::year(std::stoi(to.substr(0, 4))),
                std::chrono::month(static_cast<unsigned>(std::stoi(to.substr(5, 2)))),
                std::chrono::day(static_cast<unsigned>(std::stoi(to.substr(8, 2))))};
            const std::chrono::year_month_day start{std::chrono::sys_days(to_day) -
                                                    std::chrono::days(90)};
            return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(start.year()),
                               static_cast<unsigned>(start.month()),
                               static_cast<unsigned>(start.day()));
        }();
        std::vector<std::string> names;
        for (const auto& item : fs::directory_iterator(root)) {
            const auto name = item.path().filename().string();
            if (name.size() > 10 && day(name) >= first && day(name) <= day(to)) {
                names.push_back(name);
            }
        }
        if (!link_files(folder, names)) {
            return {};
        }
        const auto replay = lbtrack({"replay", "--source", source, dir_.string()});
        EXPECT_EQ(replay.exit_code, 0) << replay.err;
        const auto diff = lbtrack(
            {"diff", "--source", source, "--from", day(from), "--to", day(to), "--format", "html"});
        EXPECT_EQ(diff.exit_code, 0) << diff.err;
        return diff.out;
    }

    static bool has(const std::string& text, const std::string& what) {
        return text.find(what) != std::string::npos;
    }

    /// A number printed with more decimals than any board publishes (value_precision.hpp):
    /// full-precision exports and float noise must print at a published precision.
    static bool has_long_decimals(const std::string& text) {
        static const std::regex long_number(R"([0-9]\.[0-9]{7,})");
        return std::regex_search(text, long_number);
    }

    fs::path dir_;
    bool skipped_ = false;
};

TEST_F(RealReportGolden, LmarenaTextMovesAmongModelsOnBothDays) {
    const auto md = report("lmarena-text", "lmarena-text", "2024-10-24.csv", "2024-10-29.csv");
    if (skipped_) {
        GTEST_SKIP() << "no lmarena-text history under " << shared_data_dir();
    }
    EXPECT_TRUE(has(md, "### New models (3)")) << md;
    EXPECT_TRUE(has(md, "### Dropped models (1)")) << md;
    EXPECT_TRUE(has(md, "### Rank moves (2)")) << md;
    EXPECT_TRUE(has(md, "| WizardLM-70B-v1.0 | 83 | 89 | ▼6 |")) << md;
    EXPECT_TRUE(has(md, "_Not listed: 75 rank changes caused only by 3 new and 1 dropped models; "
                        "50 rank changes from ties made or broken, no model passed._"))
        << md;
    EXPECT_TRUE(has(md, "_9 rank change(s) within the board's confidence intervals")) << md;
    expect_golden(md, "lmarena-text-2024-10-29.md");
}

TEST_F(RealReportGolden, OpenllmV2RoundingIsNotChange) {
    const auto md = report("openllm-v2", "openllm-v2", "2024-12-10.csv", "2024-12-11.csv");
    if (skipped_) {
        GTEST_SKIP() << "no openllm-v2 history under " << shared_data_dir();
    }
    EXPECT_TRUE(has(md, "### New models (13)")) << md;
    EXPECT_FALSE(has(md, "### Score changes")) << md;
    EXPECT_FALSE(has(md, "### Metric changes")) << md;
    EXPECT_FALSE(has(md, "### Rank moves")) << md;
    // 12-11's values are full-precision floats: printed at 2 decimals, 12-10's precision.
    EXPECT_FALSE(has_long_decimals(md)) << md;
    expect_golden(md, "openllm-v2-2024-12-11.md");
}

TEST_F(RealReportGolden, LmarenaCatalogReleaseIsOneMethodChange) {
    const auto md = report("lmarena-catalog-text", "lmarena-catalog-text", "2025-11-06.json",
                           "2025-12-11.json");
    if (skipped_) {
        GTEST_SKIP() << "no lmarena-catalog-text history under " << shared_data_dir();
    }
    EXPECT_TRUE(has(md, "**every score changed (258 rows) at once: a recomputation, or a change of "
                        "method or format upstream? Not listed row by row.**"))
        << md;
    EXPECT_FALSE(has(md, "### Score changes")) << md;
    EXPECT_TRUE(has(md, "### New models (24)")) << md;
    EXPECT_FALSE(has_long_decimals(md)) << md;
    expect_golden(md, "lmarena-catalog-text-2025-12-11.md");
}

TEST_F(RealReportGolden, SuperclueOvertakingAmidNewcomers) {
    const auto md = report("superclue", "superclue", "2023-05-24.md", "2023-05-30.md");
    if (skipped_) {
        GTEST_SKIP() << "no superclue history under " << shared_data_dir();
    }
    EXPECT_TRUE(has(md, "### Rank moves (2)")) << md;
    EXPECT_TRUE(has(md, "| 西湖大模型 | 8 | 7 | ▲1 |")) << md;
    EXPECT_TRUE(has(md, "| MiniMax | 7 | 8 | ▼1 |")) << md;
    EXPECT_TRUE(has(md, "_Not listed: 4 rank changes caused only by 2 new models._")) << md;
    expect_golden(md, "superclue-2023-05-30.md");
}

TEST_F(RealReportGolden, CevalFiveShotTableWithOneModelRenamed) {
    const auto md = report("ceval", "ceval", "2023-06-06.md", "2023-06-09.md");
    if (skipped_) {
        GTEST_SKIP() << "no ceval history under " << shared_data_dir();
    }
    // 06-09 added a zero-shot table above the five-shot one; the config keeps the five-shot
    // one, whose only change is the name Bloomz-mt -> Bloomz-mt-176B (39.0 at rank 6 on both
    // days): asked once as a likely rename, not listed as a new and a dropped model.
    EXPECT_TRUE(has(md, "**Likely renamed:** Bloomz-mt → Bloomz-mt-176B? Same rank (6) and "
                        "score (39) on both days"))
        << md;
    EXPECT_FALSE(has(md, "### New models")) << md;
    EXPECT_FALSE(has(md, "### Dropped models")) << md;
    EXPECT_FALSE(has(md, "### Top 10")) << md;
    EXPECT_FALSE(has(md, "### Score changes")) << md;
    EXPECT_FALSE(has(md, "### Rank moves")) << md;
    EXPECT_FALSE(has(md, "at once")) << md; // no method change on the table compared
    expect_golden(md, "ceval-2023-06-09.md");
}

/// `report` with the lines that carry the time of the run (the clock, not the data) masked.
std::string without_run_time(std::string report) {
    static const std::regex run_time(
        R"(20[0-9]{2}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2} UTC|T[0-9:]+Z)?)");
    static const std::regex kept_date(R"(2023-06-09)");
    std::string out;
    std::istringstream lines(report);
    std::string line;
    while (std::getline(lines, line)) {
        // The data's own date (the last change) stays; any other date is the run's.
        if (!std::regex_search(line, kept_date)) {
            line = std::regex_replace(line, run_time, "[run time]");
        }
        out += line + "\n";
    }
    return out;
}

TEST_F(RealReportGolden, QuietDaySaysWhatWasCheckedAndSinceWhen) {
    // ceval on 2023-07-14: the README changed, the five-shot table did not.
    if (!link_files("ceval", {"2023-06-09.md"})) {
        GTEST_SKIP() << "no ceval history under " << shared_data_dir();
    }
    ASSERT_EQ(lbtrack({"replay", "--source", "ceval", dir_.string()}).exit_code, 0);
    const fs::path page = fs::path(shared_data_dir()) / "ceval" / "2023-07-14.md";
    ASSERT_TRUE(fs::exists(page));
    fs::create_symlink(page, dir_ / "README.md");
    const auto run = [&](const std::string& format) {
        const auto r = lbtrack({"run", "--source", "ceval", "--mirror",
                                "https://raw.githubusercontent.com/hkust-nlp/ceval/main/=file://" +
                                    dir_.string() + "/",
                                "--report", format});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r.out;
    };
    const auto md = run("md");
    EXPECT_TRUE(has(md, "No changes: 1 board checked (ceval), unchanged since 2023-06-09.")) << md;
    EXPECT_TRUE(has(md, "- `ceval`: unchanged since 2023-06-09\n")) << md;
    expect_golden(without_run_time(md), "ceval-quiet-2023-07-14.md");
    const auto html = run("html");
    EXPECT_TRUE(html.starts_with("<!doctype html>")) << html;
    EXPECT_TRUE(html.ends_with("</html>\n"));
    expect_golden(without_run_time(html), "ceval-quiet-2023-07-14.html");
}

// The HTML reports of the pairs, each with its period's history: standings, charts, lists.
TEST_F(RealReportGolden, HtmlReportsWithTheirPeriod) {
    struct pair {
        const char* source;
        const char* from;
        const char* to;
        const char* golden;
    };
    for (const auto& p :
         {pair{"lmarena-text", "2024-10-24.csv", "2024-10-29.csv", "lmarena-text-2024-10-29.html"},
          pair{"openllm-v2", "2024-12-10.csv", "2024-12-11.csv", "openllm-v2-2024-12-11.html"},
          pair{"ceval", "2023-06-06.md", "2023-06-09.md", "ceval-2023-06-09.html"},
          pair{"superclue", "2023-05-24.md", "2023-05-30.md", "superclue-2023-05-30.html"},
          pair{"lmarena-catalog-text", "2025-11-06.json", "2025-12-11.json",
               "lmarena-catalog-text-2025-12-11.html"}}) {
        SCOPED_TRACE(p.source);
        const auto html = html_with_history(p.source, p.source, p.from, p.to);
        if (skipped_) {
            GTEST_SKIP() << "no " << p.source << " history under " << shared_data_dir();
        }
        // Every board section opens with its standings and charts, before the lists.
        const auto standings = html.find("<h3>Top ");
        const auto charts = html.find("<div class=\"charts\">");
        EXPECT_NE(standings, std::string::npos);
        EXPECT_LT(standings, charts);
        const auto lists = html.find("<h3>", charts);
        EXPECT_LT(charts, lists);
        EXPECT_TRUE(has(html, "over time</title>")) << "bump chart";
        EXPECT_FALSE(has_long_decimals(html));
        expect_golden(html, p.golden);
    }
}

} // namespace
