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
//   moves listed, the 4 rank changes below the 2 newcomers counted.
// To accept an intended change: LBTRACK_UPDATE_GOLDEN=1, then review `git diff tests/data/golden`.

#include "../app/golden_file.hpp"

#include "lbtrack/core/environment.hpp"

#include <filesystem>
#include <fstream>

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

    /// The Markdown diff of `source` between two files of ../shared/data/<folder>, or "" with
    /// `skipped_` set when the data is absent.
    std::string report(const std::string& source, const std::string& folder,
                       const std::string& from, const std::string& to) {
        const fs::path root = fs::path(shared_data_dir()) / folder;
        if (!fs::exists(root / from) || !fs::exists(root / to)) {
            skipped_ = true;
            return {};
        }
        // Only the two days: replay takes a folder of dated files.
        dir_ = fs::temp_directory_path() /
               ("lbtrack-golden-" + source + "-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        for (const auto& name : {from, to}) {
            fs::create_symlink(root / name, dir_ / name);
        }
        const auto replay = lbtrack({"replay", "--source", source, dir_.string()});
        EXPECT_EQ(replay.exit_code, 0) << replay.err;
        const auto diff = lbtrack({"diff", "--source", source, "--format", "md"});
        EXPECT_EQ(diff.exit_code, 0) << diff.err;
        return diff.out;
    }

    static bool has(const std::string& text, const std::string& what) {
        return text.find(what) != std::string::npos;
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

} // namespace
