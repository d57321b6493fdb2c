#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/html_tables.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using lbtrack::parse_error;
using lbtrack::ingest::read_html_tables;
using lbtrack::ingest::select_table;
using lbtrack::ingest::table;
using cells_t = std::vector<std::string>;
using rows_t = std::vector<cells_t>;
using lines_t = std::vector<std::size_t>;

std::string fixture(const std::string& name) {
    const auto path = std::filesystem::path(LBTRACK_TEST_DATA_DIR) / "html" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<table> read(std::string_view html) {
    return read_html_tables(html, "test-board", "board.html");
}

/// The message of the parse_error `f` throws, after checking it names the source and origin.
template <typename F>
std::string parse_error_message(F&& f) {
    try {
        f();
    } catch (const parse_error& e) {
        EXPECT_EQ(e.source_id(), "test-board");
        EXPECT_EQ(e.origin(), "board.html");
        EXPECT_EQ(e.row(), 0u);
        EXPECT_EQ(e.column(), 0u);
        const std::string what = e.what();
        EXPECT_NE(what.find("source 'test-board'"), std::string::npos) << what;
        EXPECT_NE(what.find("board.html"), std::string::npos) << what;
        return what;
    }
    ADD_FAILURE() << "no parse_error";
    return "";
}

TEST(HtmlTables, OpenCompassLikePageHasBothTablesInOrder) {
    const auto tables = read(fixture("opencompass_like.html"));
    ASSERT_EQ(tables.size(), 2u);

    EXPECT_EQ(tables[0].header, (cells_t{"Dataset", "Category", "Metric"}));
    EXPECT_EQ(tables[0].rows, (rows_t{{"MMLU", "Knowledge", "Accuracy"},
                                      {"GSM8K", "Math & Reasoning", "Accuracy"}}));
    EXPECT_EQ(tables[0].row_lines, (lines_t{15, 16}));
}

TEST(HtmlTables, LeaderboardCellsRowspanSeparatorsAndLines) {
    const auto tables = read(fixture("opencompass_like.html"));
    ASSERT_EQ(tables.size(), 2u);
    const table& t = tables[1];
    // "Release&nbsp;Date": the no-break space reads as a plain space.
    EXPECT_EQ(t.header, (cells_t{"Rank", "Organization", "Model", "Release Date", "Average", "MMLU",
                                 "GSM8K"}));
    // The <th colspan="7"> section rows are gone; "OpenAI" (rowspan="2") is carried down; <br>
    // separates words while <b>77</b>.4 stays one number; the comment is not text; "&nbsp;-&nbsp;"
    // trims to "-"; colspan="2" repeats its text.
    EXPECT_EQ(
        t.rows,
        (rows_t{
            {"1", "OpenAI", "GPT-4o 2024-05-13", "2024-05", "77.4", "88.7", "94.2"},
            {"2", "OpenAI", "GPT-4o-mini", "2024-07", "70.1", "82.0", "-"},
            {"3", "Alibaba", "Qwen2.5-72B-Instruct", "2024-09", "73.6", "86.1", "95.8"},
            {"4", "Meta <AI>", "Llama-3.1-70B", "2024-07", "N/A", "not evaluated", "not evaluated"},
        }));
    EXPECT_EQ(t.row_lines, (lines_t{33, 42, 51, 60}));
}

TEST(HtmlTables, NestedTableIsItsOwnTableAfterTheOuterOne) {
    const auto tables = read(fixture("spans_nested.html"));
    ASSERT_EQ(tables.size(), 4u);

    const table& outer = tables[0];
    EXPECT_EQ(outer.header, (cells_t{"Model", "Scores", "Scores", "Notes"}));
    ASSERT_EQ(outer.rows.size(), 4u);
    // The nested table's text belongs to its cell, and its rows are not the outer table's.
    EXPECT_EQ(outer.rows[0], (cells_t{"alpha", "1.5", "2.5", "Sub Value x 10"}));
    EXPECT_EQ(outer.row_lines[0], 4u);

    const table& inner = tables[1];
    EXPECT_EQ(inner.header, (cells_t{"Sub", "Value"}));
    EXPECT_EQ(inner.rows, (rows_t{{"x", "10"}}));
    EXPECT_EQ(inner.row_lines, (lines_t{9}));
}

TEST(HtmlTables, OverlappingRowspansKeepColumnsAligned) {
    const auto tables = read(fixture("spans_nested.html"));
    ASSERT_EQ(tables.size(), 4u);
    const table& outer = tables[0];
    ASSERT_EQ(outer.rows.size(), 4u);
    EXPECT_EQ(outer.rows[1], (cells_t{"beta", "3", "4", "ok"}));
    EXPECT_EQ(outer.rows[2], (cells_t{"beta", "5", "4", "fine"}));
    EXPECT_EQ(outer.rows[3], (cells_t{"beta", "7", "8", "last"}));
    EXPECT_EQ(outer.row_lines, (lines_t{4, 13, 14, 15}));
}

TEST(HtmlTables, WithoutThTheFirstRowIsTheHeader) {
    const auto tables = read(fixture("spans_nested.html"));
    ASSERT_EQ(tables.size(), 4u);
    EXPECT_EQ(tables[2].header, (cells_t{"name", "score"}));
    EXPECT_EQ(tables[2].rows, (rows_t{{"gamma", "0.9"}}));
    EXPECT_EQ(tables[2].row_lines, (lines_t{19}));
}

TEST(HtmlTables, HeaderOnlyTableIsReturnedWithoutRows) {
    const auto tables = read(fixture("spans_nested.html"));
    ASSERT_EQ(tables.size(), 4u);
    EXPECT_EQ(tables[3].header, (cells_t{"Model", "Elo"}));
    EXPECT_TRUE(tables[3].rows.empty());
    EXPECT_TRUE(tables[3].row_lines.empty());
}

TEST(HtmlTables, PageWithoutTablesGivesNone) {
    EXPECT_TRUE(read("<html><body><p>Leaderboard moved</p></body></html>").empty());
    EXPECT_TRUE(read("").empty());
}

TEST(HtmlTables, EmptyTableHasNoHeaderAndNoRows) {
    const auto tables = read("<table></table>");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_TRUE(tables[0].header.empty());
    EXPECT_TRUE(tables[0].rows.empty());
}

TEST(HtmlTables, TheadHeaderBelowATitleRowAndShortRowsPadded) {
    const auto tables = read("<table><thead>\n"
                             "<tr><td colspan=3>Arena, 2025-07</td></tr>\n"
                             "<tr><th>Model</th><th>Elo</th><th>CI</th></tr>\n"
                             "</thead><tbody>\n"
                             "<tr><td>a</td><td>1300</td></tr>\n"
                             "<tr></tr>\n"
                             "<tr><td>b</td><td>1200</td><td>+5/-5</td><td>extra</td></tr>\n"
                             "</tbody></table>");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].header, (cells_t{"Model", "Elo", "CI"}));
    // The title row above the header is dropped, the empty <tr> skipped; a short row is padded,
    // a long one keeps its extra cell.
    EXPECT_EQ(tables[0].rows, (rows_t{{"a", "1300", ""}, {"b", "1200", "+5/-5", "extra"}}));
    EXPECT_EQ(tables[0].row_lines, (lines_t{5, 7}));
}

TEST(HtmlTables, RowHeadersInBodyRowsAreData) {
    const auto tables = read("<table><tr><th>Model</th><th>Score</th></tr>"
                             "<tr><th scope=row>a</th><td>1</td></tr></table>");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].rows, (rows_t{{"a", "1"}}));
}

TEST(HtmlTables, RowspanStopsAtTheEndOfItsRowGroupAndZeroMeansToThere) {
    const auto tables = read("<table><thead><tr><th rowspan=2>Org</th><th>Model</th></tr></thead>"
                             "<tbody><tr><td rowspan=0>Acme</td><td>a</td></tr>"
                             "<tr><td>b</td></tr><tr><td>c</td></tr></tbody>"
                             "<tbody><tr><td>Other</td><td>d</td></tr></tbody></table>");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].header, (cells_t{"Org", "Model"}));
    EXPECT_EQ(tables[0].rows,
              (rows_t{{"Acme", "a"}, {"Acme", "b"}, {"Acme", "c"}, {"Other", "d"}}));
}

TEST(HtmlTables, RowspanCarriedRightOfTheRowsOwnCells) {
    const auto tables =
        read("<table><tr><th>A</th><th>B</th><th>C</th></tr>"
             "<tr><td>1</td><td>2</td><td rowspan=2>3</td></tr><tr><td>4</td></tr></table>");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].rows, (rows_t{{"1", "2", "3"}, {"4", "", "3"}}));
}

TEST(HtmlTables, CellTextCollapsesWhitespaceAndSkipsScripts) {
    const auto tables =
        read("<table><tr><th> Model\n\t name </th></tr>"
             "<tr><td>\n  <p>first</p><p>second</p><script>x()</script>"
             "<style>td{}</style>&amp;&#x41;&nbsp;&nbsp;<i>b</i>c</td></tr></table>");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].header, (cells_t{"Model name"}));
    EXPECT_EQ(tables[0].rows, (rows_t{{"first second &A bc"}}));
}

TEST(HtmlTables, AbsurdColspanIsCappedAsBrowsersDo) {
    const auto tables = read("<table><tr><th colspan=99999999>x</th></tr></table>");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].header.size(), 1000u);
}

/// A cell of `text_size` bytes spanning 1000 columns down the whole body, above `rows` rows of
/// one cell each, a <tr> per line from line 2.
std::string spanned_page(std::size_t text_size, std::size_t rows) {
    std::string page = "<table><tr><th>Model</th></tr><tr><td colspan=1000 rowspan=0>" +
                       std::string(text_size, 'x');
    for (std::size_t i = 0; i < rows; ++i) {
        page += "\n<tr><td>a";
    }
    return page + "</table>";
}

TEST(HtmlTables, SpansCopyingTextBeyondTheCellBudgetAreRefusedAtTheirRow) {
    // Seen fuzzing: html_fuzz ran out of 2 GB on 4.3 KB of spans. Each row holds 1000 copies of
    // 100 bytes (132 KB laid out): 5 rows and the spanning one stay under the 1 MiB floor (plus
    // 32 bytes per page byte), 10 do not.
    EXPECT_EQ(read(spanned_page(100, 5)).at(0).rows.size(), 6u);
    try {
        read(spanned_page(100, 10));
        ADD_FAILURE() << "no parse_error";
    } catch (const parse_error& e) {
        EXPECT_EQ(e.origin(), "board.html");
        EXPECT_GT(e.row(), 5u); // the <tr> that ran out, past the 5 that fit
        EXPECT_LE(e.row(), 11u);
        EXPECT_NE(std::string(e.what()).find("MiB of cells"), std::string::npos) << e.what();
    }
}

TEST(HtmlTables, SelectByIndex) {
    const auto tables = read(fixture("opencompass_like.html"));
    EXPECT_EQ(&select_table(tables, 1, "", "test-board", "board.html"), &tables[1]);
    EXPECT_EQ(&select_table(tables, 0, "Dataset", "test-board", "board.html"), &tables[0]);
}

TEST(HtmlTables, SelectByHeaderCellTrimmedAndCaseSensitive) {
    const auto tables = read(fixture("opencompass_like.html"));
    EXPECT_EQ(&select_table(tables, std::nullopt, " MMLU ", "test-board", "board.html"),
              &tables[1]);
    EXPECT_EQ(&select_table(tables, std::nullopt, "Release Date", "test-board", "board.html"),
              &tables[1]);
    EXPECT_EQ(&select_table(tables, std::nullopt, "", "test-board", "board.html"), &tables[0]);
    const std::string what = parse_error_message(
        [&] { select_table(tables, std::nullopt, "mmlu", "test-board", "board.html"); });
    EXPECT_NE(what.find("no table whose header has a cell 'mmlu'"), std::string::npos) << what;
}

TEST(HtmlTables, SelectErrorListsTheTablesFound) {
    const auto tables = read(fixture("opencompass_like.html"));
    const std::string what = parse_error_message(
        [&] { select_table(tables, std::nullopt, "Elo", "test-board", "board.html"); });
    EXPECT_NE(what.find("no table whose header has a cell 'Elo'"), std::string::npos) << what;
    EXPECT_NE(what.find("the page has 2 table(s):"), std::string::npos) << what;
    EXPECT_NE(what.find("table 0: [Dataset | Category | Metric]"), std::string::npos) << what;
    EXPECT_NE(what.find("table 1: [Rank | Organization | Model | Release Date | Average | MMLU | "
                        "GSM8K]"),
              std::string::npos)
        << what;
}

TEST(HtmlTables, SelectIndexOutOfRange) {
    const auto tables = read(fixture("opencompass_like.html"));
    const std::string what =
        parse_error_message([&] { select_table(tables, 2, "", "test-board", "board.html"); });
    EXPECT_NE(what.find("no table at index 2 (0-based)"), std::string::npos) << what;
    EXPECT_NE(what.find("table 1: [Rank"), std::string::npos) << what;
}

TEST(HtmlTables, SelectIndexWhoseHeaderLacksTheRequiredCell) {
    const auto tables = read(fixture("opencompass_like.html"));
    const std::string what =
        parse_error_message([&] { select_table(tables, 0, "Model", "test-board", "board.html"); });
    EXPECT_NE(what.find("table 0 has no header cell 'Model'"), std::string::npos) << what;
}

TEST(HtmlTables, SelectOnAPageWithoutTables) {
    const std::vector<table> none;
    const std::string what = parse_error_message(
        [&] { select_table(none, std::nullopt, "", "test-board", "board.html"); });
    EXPECT_NE(what.find("the page has no <table>"), std::string::npos) << what;
}

TEST(HtmlTables, SelectErrorListsAtMostTwentyTables) {
    std::string html;
    for (int i = 0; i < 25; ++i) {
        html += "<table><tr><th>c" + std::to_string(i) + "</th></tr></table>";
    }
    const auto tables = read(html);
    ASSERT_EQ(tables.size(), 25u);
    const std::string what = parse_error_message(
        [&] { select_table(tables, std::nullopt, "Elo", "test-board", "board.html"); });
    EXPECT_NE(what.find("table 19: [c19]; and 5 more"), std::string::npos) << what;
    EXPECT_EQ(what.find("table 20:"), std::string::npos) << what;
}

} // namespace
