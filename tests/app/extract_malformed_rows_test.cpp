// `lbtrack extract` on a source with malformed_rows = skip: the rows it leaves out reach the
// user as warnings (origin, line, reason, count), and the run goes on.

#include "cli_test_support.hpp"

#include <fstream>

namespace {

using namespace lbtrack::test;

void write_source(const std::string& config, const std::string& policy) {
    std::ofstream(config) << "[[source]]\nid = \"board\"\nurl = \"file:///x\"\nformat = \"csv\"\n"
                          << policy
                          << "[source.columns]\nmodel = \"Model\"\nscore = \"pass@1_plus\"\n";
}

TEST(ExtractMalformedRows, SkippedRowsAreWarnedAboutWithACount) {
    temp_dir dir;
    const auto config = dir.path() + "/sources.toml";
    write_source(config, "malformed_rows = \"skip\"\n");
    const auto file = dir.path() + "/mbpp.csv";
    // EvalPlus mbpp.csv 2023-12-05: a comma missing before the link of one row.
    std::ofstream(file) << "Model,pass@1_base,pass@1_plus,prompted,link\n"
                           "A,80.1,70.2,TRUE,https://example.org/a\n"
                           "B,54.6,44.4,FALSEhttps://example.org/b\n"
                           "C,49.9,42.1,FALSE,https://example.org/c\n";
    cli_env env;
    const auto r = run_lbtrack({"--config", config, "extract", "--source", "board", file}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2 rows"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("source 'board': " + file +
                         ", line 3, column 5: row left out (malformed_rows = skip): expected 5 "
                         "fields as in the header, found 4"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("source 'board': " + file + ": skipped 1 of 3 rows"), std::string::npos)
        << r.err;

    // The default refuses the payload, naming source, file, row and column.
    write_source(config, "");
    const auto strict =
        run_lbtrack({"--config", config, "extract", "--source", "board", file}, env);
    EXPECT_EQ(strict.exit_code, 1) << strict.err;
    EXPECT_NE(strict.err.find("source 'board': " + file +
                              ", row 3, column 5: expected 5 fields as in the header, found 4"),
              std::string::npos)
        << strict.err;
}

} // namespace
