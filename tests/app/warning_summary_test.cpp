// A payload's warnings are bounded per kind (issue 16, item 7: a 10⁶-row JSON printed 33,201
// warning lines): the first few of each kind, then one line counting the rest.

#include "cli_test_support.hpp"
#include "pipeline/warning_summary.hpp"

#include <fmt/format.h>

#include <fstream>

namespace {

using namespace lbtrack::test;
using lbtrack::app::summarize_warnings;

TEST(WarningSummary, KeepsTheFirstOfEachKindAndCountsTheRest) {
    std::vector<std::string> warnings;
    for (int row = 1; row <= 12; ++row) {
        warnings.push_back(fmt::format("source 'b': day.csv: rows {} ('m{}') and {} ('m{}') are "
                                       "the same row: stored once",
                                       row, row, row + 100, row));
        if (row == 3 || row == 9) {
            warnings.push_back(
                fmt::format("source 'b': day.csv, line {}, column 2: row left out", row));
        }
    }
    const auto shown = summarize_warnings(warnings, 5);
    ASSERT_EQ(shown.size(), 5u + 2u + 1u);
    EXPECT_EQ(shown[0], warnings[0]);
    EXPECT_EQ(shown[3], warnings[3]); // the second kind, in its place
    EXPECT_EQ(shown[7], "7 more warning(s) like 'source 'b': day.csv: rows 1 ('m1') and 101 ('m1') "
                        "are the same row: stored once' not shown (-v shows every one)");
}

TEST(WarningSummary, FewWarningsAreShownAsTheyAre) {
    const std::vector<std::string> warnings{"a 'x' 1", "a 'y' 2", "b"};
    EXPECT_EQ(summarize_warnings(warnings, 5), warnings);
}

class WarningBound : public cli_test {};

TEST_F(WarningBound, ExtractOfABoardRepeatingEveryRowPrintsAFewWarningsAndACount) {
    temp_dir dir;
    const auto config = dir.path() + "/sources.toml";
    std::ofstream(config) << "[[source]]\nid = \"rep\"\nurl = \"file:///x.csv\"\nformat = "
                             "\"csv\"\n[source.columns]\nmodel = \"model\"\nscore = \"score\"\n";
    const auto file = dir.path() + "/day.csv";
    {
        std::ofstream out(file);
        out << "model,score\n";
        for (int i = 0; i < 400; ++i) {
            out << "model-" << i << "," << 1000 - i << "\n";
            out << "model-" << i << "," << 1000 - i << "\n";
        }
    }
    const auto r = run_lbtrack({"--config", config, "extract", "--source", "rep", file}, env_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t lines = 0;
    for (const char c : r.err) {
        lines += c == '\n' ? 1 : 0;
    }
    EXPECT_LE(lines, 10u) << r.err;
    EXPECT_NE(r.err.find("395 more warning(s) like"), std::string::npos) << r.err;
    // -v shows every one.
    const auto all =
        run_lbtrack({"--config", config, "-v", "extract", "--source", "rep", file}, env_);
    EXPECT_NE(all.err.find("'model-399'"), std::string::npos);
}

} // namespace
