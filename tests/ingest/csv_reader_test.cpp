#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/csv_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using lbtrack::parse_error;
using lbtrack::ingest::read_csv;
using lbtrack::ingest::table;
using rows_t = std::vector<std::vector<std::string>>;

table read(std::string_view bytes) {
    return read_csv(bytes, "test-board", "board.csv");
}

/// Reads `bytes`, expecting a parse_error at `row`/`column` whose message names the source, the
/// origin, the position and contains `fragment`.
void expect_parse_error(std::string_view bytes, std::size_t row, std::size_t column,
                        const std::string& fragment) {
    try {
        read(bytes);
        ADD_FAILURE() << "no parse_error for: " << bytes;
    } catch (const parse_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.source_id(), "test-board");
        EXPECT_EQ(e.origin(), "board.csv");
        EXPECT_EQ(e.row(), row) << what;
        EXPECT_EQ(e.column(), column) << what;
        EXPECT_NE(what.find("source 'test-board'"), std::string::npos) << what;
        EXPECT_NE(what.find("board.csv"), std::string::npos) << what;
        EXPECT_NE(what.find("row " + std::to_string(row)), std::string::npos) << what;
        if (column > 0) {
            EXPECT_NE(what.find("column " + std::to_string(column)), std::string::npos) << what;
        }
        EXPECT_NE(what.find(fragment), std::string::npos) << what;
    }
}

TEST(CsvReader, ReadsHeaderRowsAndTheLineOfEachRow) {
    const auto t = read("rank,model,score\n1,a,10\n2,b,9\n");
    EXPECT_EQ(t.header, (std::vector<std::string>{"rank", "model", "score"}));
    EXPECT_EQ(t.rows, (rows_t{{"1", "a", "10"}, {"2", "b", "9"}}));
    EXPECT_EQ(t.row_lines, (std::vector<std::size_t>{2, 3}));
}

TEST(CsvReader, QuotedFieldsKeepCommasAndUndoubleQuotes) {
    const auto t = read("model,org\n\"Vendor, Inc. \"\"Pro\"\" model\",\"\"\"\"\n");
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0][0], "Vendor, Inc. \"Pro\" model");
    EXPECT_EQ(t.rows[0][1], "\"");
}

TEST(CsvReader, EmptyFieldsQuotedOrNot) {
    const auto t = read("a,b,c\n,\"\",\n");
    EXPECT_EQ(t.rows, (rows_t{{"", "", ""}}));
}

TEST(CsvReader, EmbeddedLineBreaksAreKeptAndCountedInRowLines) {
    const auto t = read("model,notes\n"
                        "a,\"first\nsecond\r\nthird\"\n"
                        "b,plain\n");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0][1], "first\nsecond\r\nthird");
    EXPECT_EQ(t.row_lines, (std::vector<std::size_t>{2, 5}));
}

TEST(CsvReader, CrlfAndLoneCrLineEnds) {
    const auto crlf = read("a,b\r\n1,2\r\n3,4\r\n");
    EXPECT_EQ(crlf.header, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(crlf.rows, (rows_t{{"1", "2"}, {"3", "4"}}));
    EXPECT_EQ(crlf.row_lines, (std::vector<std::size_t>{2, 3}));

    const auto cr = read("a,b\r1,2\r3,4");
    EXPECT_EQ(cr.rows, (rows_t{{"1", "2"}, {"3", "4"}}));
    EXPECT_EQ(cr.row_lines, (std::vector<std::size_t>{2, 3}));
}

TEST(CsvReader, SkipsUtf8ByteOrderMark) {
    const auto t = read("\xEF\xBB\xBFrank,model\n1,a\n");
    EXPECT_EQ(t.header[0], "rank");
    EXPECT_EQ(t.row_lines, (std::vector<std::size_t>{2}));
}

TEST(CsvReader, LastRecordWithoutLineBreak) {
    EXPECT_EQ(read("a,b\n1,2").rows, (rows_t{{"1", "2"}}));
    EXPECT_EQ(read("a,b\n1,\"x\"").rows, (rows_t{{"1", "x"}}));
    EXPECT_EQ(read("a,b\n1,").rows, (rows_t{{"1", ""}}));
}

TEST(CsvReader, TrailingBlankLinesAreIgnored) {
    const auto t = read("a,b\n1,2\n\n\r\n  \n\t\n");
    EXPECT_EQ(t.rows, (rows_t{{"1", "2"}}));
    EXPECT_EQ(t.row_lines, (std::vector<std::size_t>{2}));
}

TEST(CsvReader, HeaderOnlyGivesNoRows) {
    const auto t = read("a,b\n");
    EXPECT_EQ(t.header.size(), 2u);
    EXPECT_TRUE(t.rows.empty());
}

TEST(CsvReader, SingleColumnKeepsBlankLinesBetweenRecordsAsEmptyCells) {
    const auto t = read("model\na\n\nb\n\n");
    EXPECT_EQ(t.rows, (rows_t{{"a"}, {""}, {"b"}}));
    EXPECT_EQ(t.row_lines, (std::vector<std::size_t>{2, 3, 4}));
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineAndColumnWhereItOpened) {
    expect_parse_error("a,b,c\n1,2,3\n4,\"x\nyyy\nzzz\n", 3, 2, "unterminated quoted field");
}

TEST(CsvReader, QuoteInsideAnUnquotedField) {
    expect_parse_error("a,b,c\n1,2,3\n1,ab\"c,3\n", 3, 2, "quote inside an unquoted field");
    expect_parse_error("a,b,c\n1, \"x\",3\n", 2, 2, "quote inside an unquoted field");
}

TEST(CsvReader, GarbageAfterClosingQuote) {
    expect_parse_error("a,b,c\n1,\"ab\"c,3\n", 2, 2, "unexpected 'c' after the closing quote");
    expect_parse_error("a,b\n1,\"ab\" \n", 2, 2, "unexpected ' ' after the closing quote");
}

TEST(CsvReader, GarbageAfterAQuotedCellSpanningLinesNamesTheLineOfTheGarbage) {
    expect_parse_error("a,b\n1,\"x\ny\"z\n", 3, 2, "after the closing quote");
}

TEST(CsvReader, TooFewFieldsPointsAtTheFirstMissingColumn) {
    const std::string header = "rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,"
                               "license,knowledge_cutoff,url\n";
    expect_parse_error(header + "1,1,Gemini-2.5-Pro,1472,+5/-5,22146,Google,Proprietary,,x\n" +
                           "2,2,o3,1450,+5/-5,100,OpenAI,Proprietary,\n",
                       3, 10, "expected 10 fields as in the header, found 9");
}

TEST(CsvReader, TooManyFieldsPointsAtTheFirstExtraColumn) {
    expect_parse_error("a,b,c\n1,2,3\n1,2,3,4,5\n", 3, 4,
                       "expected 3 fields as in the header, found 5");
}

TEST(CsvReader, WrongFieldCountNamesTheLineWhereTheRecordStarts) {
    expect_parse_error("a,b,c\n1,\"multi\nline\"\n", 2, 3,
                       "expected 3 fields as in the header, found 2");
}

TEST(CsvReader, BlankLineBetweenRecordsIsAFieldCountError) {
    expect_parse_error("a,b\n1,2\n\n3,4\n", 3, 2, "found 1 (a blank line)");
}

TEST(CsvReader, EmptyPayloadHasNoHeader) {
    expect_parse_error("", 1, 0, "empty payload");
    expect_parse_error("\xEF\xBB\xBF", 1, 0, "empty payload");
    expect_parse_error("\n\r\n", 1, 0, "empty payload");
}

TEST(CsvReader, BlankHeaderLineIsAnError) {
    expect_parse_error("\na,b\n1,2\n", 1, 0, "header line is blank");
}

TEST(CsvReader, ReadsFixtureFileWithBomCrlfAndMultilineCell) {
    const auto path = std::filesystem::path(LBTRACK_TEST_DATA_DIR) / "csv" / "bom_crlf_quoted.csv";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path;
    std::ostringstream bytes;
    bytes << in.rdbuf();

    const auto t = read_csv(bytes.str(), "fixture", path.string());
    EXPECT_EQ(t.header, (std::vector<std::string>{"rank", "model", "arena_score", "notes"}));
    EXPECT_EQ(t.rows, (rows_t{{"1", "Claude 3.5 Sonnet (20241022)", "1283",
                               "multi\r\nline, with \"quotes\""},
                              {"2", "o3-mini", "1305", ""}}));
    EXPECT_EQ(t.row_lines, (std::vector<std::size_t>{2, 4}));
}

TEST(CsvReader, LargeBoardKeepsEveryRowAndLine) {
    std::string csv = "rank,model,score\n";
    constexpr int rows = 20000;
    for (int i = 0; i < rows; ++i) {
        csv += std::to_string(i + 1) + ",\"Model, " + std::to_string(i) + "\"," +
               std::to_string(2000 - i) + "\n";
    }
    const auto t = read(csv);
    ASSERT_EQ(t.rows.size(), static_cast<std::size_t>(rows));
    EXPECT_EQ(t.rows.back()[1], "Model, 19999");
    EXPECT_EQ(t.row_lines.back(), static_cast<std::size_t>(rows + 1));
}

} // namespace
