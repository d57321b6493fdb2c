// Golden files of the Markdown and JSON reports of one pair of days, and the shape of replay's
// HTML report: the LMArena fixtures (tests/data/lmarena, 2025-07-01 -> 2025-07-02, real-shaped
// rows; the goldens of real pairs of days are tests/realdata/report_golden_real_test.cpp's). A
// renderer change shows up here as a readable diff of the whole report. To accept an intended
// change, run the test with LBTRACK_UPDATE_GOLDEN=1 and review `git diff tests/data/golden`.

#include "golden_file.hpp"

#include "lbtrack/core/environment.hpp"

#include <fstream>

namespace {

using namespace lbtrack::test;

class ReportGolden : public cli_test {
protected:
    void SetUp() override {
        cli_test::SetUp();
        const auto r = lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    std::string report(const std::string& format, std::vector<std::string> limits = {}) {
        std::vector<std::string> args{"diff", "--source",   "lmarena-text", "--from", "2025-07-01",
                                      "--to", "2025-07-02", "--format",     format};
        args.insert(args.end(), limits.begin(), limits.end());
        const auto r = lbtrack(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r.out;
    }
};

// Limited to the board's top 5: the changes at rank 5 or better on either day, and the models
// that entered or left the top 5.
TEST_F(ReportGolden, MarkdownOfTheTopFive) {
    expect_golden(report("md", {"--top", "5"}), "lmarena-text-2025-07-02.md");
}

// Everything, with the standings (the top 10 with their changes).
TEST_F(ReportGolden, Json) {
    expect_golden(report("json"), "lmarena-text-2025-07-02.json");
}

TEST_F(ReportGolden, SameSnapshotsSameReport) {
    // Dated by the snapshots, not the clock: two calls give identical bytes.
    EXPECT_EQ(report("json"), report("json"));
    EXPECT_EQ(report("html"), report("html"));
}

} // namespace

namespace {

using namespace lbtrack::test;

class ReplayReport : public cli_test {};

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

TEST_F(ReplayReport, HtmlIsOnePageWithASectionPerDay) {
    // Issue 15: `replay --report html` wrote one complete document per day into one stream.
    const auto r =
        lbtrack({"replay", "--source", "lmarena-text", "--report", "html", fixture("lmarena")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(occurrences(r.out, "<!doctype html>"), 1u) << r.out;
    EXPECT_EQ(occurrences(r.out, "</html>"), 1u);
    EXPECT_TRUE(r.out.starts_with("<!doctype html>"));
    EXPECT_TRUE(r.out.ends_with("</html>\n"));
    EXPECT_NE(r.out.find("First snapshot, 2025-07-01"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Compared 2025-07-01 → 2025-07-02"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("id=\"board-2\""), std::string::npos);
    // 07-03 repeats 07-02's board: no snapshot, no section.
    EXPECT_EQ(occurrences(r.out, "<h2 id=\"board-"), 2u);
}

} // namespace
