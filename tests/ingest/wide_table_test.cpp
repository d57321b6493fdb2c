#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/csv_reader.hpp"
#include "lbtrack/ingest/payload_parser.hpp"
#include "lbtrack/ingest/wide_table.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using lbtrack::parse_error;
using lbtrack::ingest::read_csv;
using lbtrack::ingest::read_wide_table;
using lbtrack::ingest::table;
using cells_t = std::vector<std::string>;
using rows_t = std::vector<cells_t>;
using lines_t = std::vector<std::size_t>;

std::string fixture(const std::string& name) {
    const auto path = std::filesystem::path(LBTRACK_TEST_DATA_DIR) / "csv" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

table read(std::string_view csv) {
    return read_wide_table(read_csv(csv, "elo-wide", "result.csv"), "elo-wide", "result.csv");
}

/// Expects a parse_error at `row`/`column` naming the source and the file, containing `fragment`.
void expect_parse_error(std::string_view csv, std::size_t row, std::size_t column,
                        const std::string& fragment) {
    try {
        read(csv);
        ADD_FAILURE() << "no parse_error for: " << csv;
    } catch (const parse_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.source_id(), "elo-wide");
        EXPECT_EQ(e.origin(), "result.csv");
        EXPECT_EQ(e.row(), row) << what;
        EXPECT_EQ(e.column(), column) << what;
        EXPECT_NE(what.find("source 'elo-wide'"), std::string::npos) << what;
        EXPECT_NE(what.find("result.csv"), std::string::npos) << what;
        EXPECT_NE(what.find(fragment), std::string::npos) << what;
    }
}

// The newest date is the board, wherever its row is (here line 3 of 4); 0.0 and an empty cell
// mean "not on the board that day".
TEST(WideTable, NewestDateRowGivesOneRowPerModelOnTheBoard) {
    const auto t = read(fixture("elo_wide.csv"));
    EXPECT_EQ(t.header, (cells_t{"model", "value"}));
    EXPECT_EQ(t.rows, (rows_t{{"gpt-4-0314", "1190.25"},
                              {"claude-2.1", "1120.0"},
                              {"mistral-7b-instruct", "1072.5"}}));
    EXPECT_EQ(t.row_lines, (lines_t{3, 3, 3}));
}

TEST(WideTable, ZeroAndMissingValueWordsAreAbsent) {
    const auto t = read(",a,b,c,d,e\n20250101,0,-0.0,N/A, 0e0 ,1300\n");
    EXPECT_EQ(t.rows, (rows_t{{"e", "1300"}}));
}

TEST(WideTable, NoModelOnTheBoardGivesAnEmptyBoard) {
    const auto t = read(",a\n20250101,0.0\n");
    EXPECT_EQ(t.header, (cells_t{"model", "value"}));
    EXPECT_TRUE(t.rows.empty());
}

TEST(WideTable, EmptyTables) {
    expect_parse_error(",a,b\n", 1, 0, "the wide table has no date rows");
    expect_parse_error("date\n20250101\n", 1, 0, "the header has 1 column(s)");
}

TEST(WideTable, DateThatIsNotYyyymmdd) {
    expect_parse_error(",a\n20250101,1\n2025-01-02,2\n", 3, 1,
                       "the date cell '2025-01-02' is not a YYYYMMDD date");
    expect_parse_error(",a\n20250230,1\n", 2, 1, "the date cell '20250230' is not a YYYYMMDD");
    expect_parse_error(",a\n,1\n", 2, 1, "the date cell '' is not a YYYYMMDD date");
}

TEST(WideTable, NewestDateGivenTwice) {
    expect_parse_error(",a\n20250101,1\n20250102,2\n20250102,3\n", 4, 1,
                       "the newest date 20250102 is given twice (lines 3 and 4)");
    // An older date given twice does not matter: only the newest row is read.
    EXPECT_EQ(read(",a\n20250101,1\n20250101,1\n20250102,2\n").rows, (rows_t{{"a", "2"}}));
}

TEST(WideTable, ValueThatIsNotANumber) {
    expect_parse_error(",a,b\n20240101,x,1\n20250101,1200,12O0\n", 3, 3,
                       "the value '12O0' of model 'b' on 20250101 is not a number");
}

TEST(WideTable, ModelColumnWithoutAName) {
    expect_parse_error(",a,\n20250101,1200,1100\n", 2, 3,
                       "column 3 has a value on 20250101 but an empty header");
}

TEST(WideTable, PayloadParserReadsWideCsv) {
    lbtrack::source src;
    src.id = "elo-wide";
    src.format = "csv";
    src.layout = lbtrack::table_layout::wide;
    const auto t = lbtrack::ingest::parse_payload(fixture("elo_wide.csv"), src, "x.csv");
    EXPECT_EQ(t.header, (cells_t{"model", "value"}));
    EXPECT_EQ(t.rows.size(), 3u);
    src.format = "json";
    EXPECT_THROW(lbtrack::ingest::parse_payload("[]", src, "x.json"), lbtrack::validation_error);
}

} // namespace
