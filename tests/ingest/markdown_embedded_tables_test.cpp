// Tables of a Markdown page that are not pipe tables: console print-outs in code blocks
// (arena-hard-auto's README), HTML tables (lmarena's 2023 blog posts), and choosing a table by
// the heading, caption or <summary> before it (ceval, cmmlu, arena-hard-auto).

#include "support/file_bytes.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/markdown_tables.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using lbtrack::parse_error;
using lbtrack::ingest::markdown_table_choice;
using lbtrack::ingest::read_markdown_table;
using lbtrack::ingest::read_markdown_tables;
using lbtrack::ingest::table;
using strings = std::vector<std::string>;
using rows_t = std::vector<strings>;
using lines_t = std::vector<std::size_t>;

std::string fixture(const std::string& name) {
    return lbtrack::test::file_bytes(fs::path(LBTRACK_TEST_DATA_DIR) / "markdown" / name);
}

table read(const std::string& page, const markdown_table_choice& choice) {
    return read_markdown_table(page, choice, "test-board", "page.md");
}

markdown_table_choice by_heading(std::string heading, strings headers = {}) {
    markdown_table_choice c;
    c.required_headers = std::move(headers);
    c.heading = {std::move(heading)};
    return c;
}

// ---------------------------------------------------------------------------------------------
// Console tables

TEST(MarkdownConsoleTables, LabelledLinesBecomeColumnsNamedByTheirLabels) {
    const auto tables = read_markdown_tables(fixture("console_blocks.md"), "b", "o");
    // The install block (a shell pipe, no labels) is no table; then two labelled blocks and two
    // pandas blocks.
    ASSERT_EQ(tables.size(), 4u);
    const auto t = read(fixture("console_blocks.md"), {});
    EXPECT_EQ(t.header, (strings{"model", "score", "95% CI", "average #tokens"}));
    EXPECT_EQ(t.rows, (rows_t{{"model-a", "86.4", "(-1.3, 1.3)", "691"},
                              {"model-b-with-a-very-long-name", "82.2", "(-1.9, 1.6)", "567"}}));
    EXPECT_EQ(t.row_lines, (lines_t{12, 13}));
}

TEST(MarkdownConsoleTables, PandasPrintOutDropsTheRowNumber) {
    const auto t = read(fixture("console_blocks.md"), {2, {}, {}, {}, {}});
    EXPECT_EQ(t.header, (strings{"Model", "Scores (%)", "CI (%)"}));
    EXPECT_EQ(t.rows, (rows_t{{"model-d-2025", "87.6", "(-0.8 / +1.0)"},
                              {"model-e", "82.7", "(-1.4 / +1.3)"},
                              {"model-f", "8.0", "(-1.0 / +0.9)"}}));
    EXPECT_EQ(t.row_lines, (lines_t{29, 30, 31}));
}

TEST(MarkdownConsoleTables, BlockChosenByTheHeadingOrTheParagraphBeforeIt) {
    const std::string page = fixture("console_blocks.md");
    // "Leaderboard" is in both headings: the first block under one is taken.
    EXPECT_EQ(read(page, by_heading("leaderboard")).rows.front().front(), "model-a");
    // The command line above the rows is not a row.
    EXPECT_EQ(read(page, {1, {}, {}, {}, {}}).rows,
              (rows_t{{"model-c", "92.0", "(0.0, 0.0)", "1399"},
                      {"model-a", "81.0", "(-2.1, 2.0)", "691"}}));
    // The lead-in paragraph right above a block is its caption.
    EXPECT_EQ(read(page, by_heading("creative writing")).rows.front().front(), "model-e");
    EXPECT_EQ(read(page, by_heading("Official Configuration")).rows.front().front(),
              "model-d-2025");
    // Heading and header together: both must hold.
    EXPECT_EQ(read(page, by_heading("v2", {"score", "Scores (%)"})).rows.size(), 3u);
    EXPECT_EQ(read(page, by_heading("Style Control", {"Scores (%)"})).rows.size(), 3u);
    EXPECT_EQ(read(page, by_heading("Style Control", {"score"})).rows.size(), 2u);
    // An index must satisfy the other rules too.
    EXPECT_THROW(read(page, {0, {}, {}, {}, {"creative"}}), parse_error);
}

TEST(MarkdownConsoleTables, PageWithoutTheBoardSaysNoTableMatchesTheChoice) {
    // arena-hard-auto 2024-03-31 .. 04-13: a win-rate print-out, no "score" board yet.
    const std::string page = fixture("console_no_board.md");
    ASSERT_EQ(read_markdown_tables(page, "b", "o").size(), 1u);
    try {
        read(page, by_heading("", {"score", "Scores (%)"}));
        ADD_FAILURE() << "no parse_error";
    } catch (const parse_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.source_id(), "test-board");
        EXPECT_NE(what.find("no table matching the choice"), std::string::npos) << what;
        EXPECT_NE(what.find("\"score\" or \"Scores (%)\""), std::string::npos) << what;
        EXPECT_NE(what.find("win-rate"), std::string::npos) << what;
    }
}

// ---------------------------------------------------------------------------------------------
// HTML inside Markdown, <summary>, section rows

TEST(MarkdownHtmlBlocks, HtmlTablesAreTablesOfThePageInOrder) {
    const auto tables = read_markdown_tables(fixture("html_blocks.md"), "b", "o");
    ASSERT_EQ(tables.size(), 4u);
    EXPECT_EQ(tables[1].caption, "Table 1. Elo ratings of the models.");
    EXPECT_EQ(tables[2].caption, "Five-shot");
    EXPECT_EQ(tables[3].caption, "Zero-shot");

    markdown_table_choice c;
    c.required_headers = {"Model Name", "Model"};
    const auto t = read(fixture("html_blocks.md"), c);
    EXPECT_EQ(t.header, (strings{"Rank", "Model", "Elo Rating", "Description"}));
    EXPECT_EQ(t.rows, (rows_t{{"1", "🥇 model-a", "1274", "Chat model by Org A"},
                              {"2", "model-b", "1224", "Org B"}}));
    // Page lines, front matter and blank lines between the HTML blocks counted.
    EXPECT_EQ(t.row_lines, (lines_t{18, 20}));
}

TEST(MarkdownHtmlBlocks, SummaryChoosesThePipeTableBelowIt) {
    const auto zero = read(fixture("html_blocks.md"), by_heading("zero-shot"));
    EXPECT_EQ(zero.rows, (rows_t{{"model-c", "83.1", "91.2", "88.0"}}));
    EXPECT_EQ(read(fixture("html_blocks.md"), by_heading("Scores", {"模型"})).rows.size(), 3u);
}

TEST(MarkdownHtmlBlocks, SingleCellSectionRowsAreNotDataAndBoldIsItsNumber) {
    const auto five = read(fixture("html_blocks.md"), by_heading("Five-shot"));
    EXPECT_EQ(five.rows, (rows_t{{"model-c", "84.82", "92.93", "90.26"},
                                 {"model-d", "82.80", "93.84", "89.65"},
                                 {"model-e", "80.1", "81.2", "80.5"}}));
    EXPECT_EQ(five.row_lines, (lines_t{32, 33, 35}));
    // Two columns: a row with one cell of text is a model without a score, kept.
    const auto two = read("| m | s |\n|---|---|\n| a |\n| b | 1 |\n", {});
    EXPECT_EQ(two.rows, (rows_t{{"a", ""}, {"b", "1"}}));
}

TEST(MarkdownHtmlBlocks, HtmlTagLineRightUnderATableEndsIt) {
    // cmmlu 2024-07 .. 2024-12: `</details>` with no blank line above; GitHub ends the table
    // there, md4c alone read an empty row.
    const auto t = read("<details>\n<summary>Five-shot</summary>\n\n| m | a | b |\n|---|---|---|\n"
                        "| x | 1 | 2 |\n</details>\n",
                        {});
    EXPECT_EQ(t.rows, (rows_t{{"x", "1", "2"}}));
    EXPECT_EQ(t.row_lines, (lines_t{6}));
}

} // namespace
