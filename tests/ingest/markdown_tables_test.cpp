// Markdown leaderboard tables: the fixtures under tests/data/markdown reproduce the quirks of
// the real pages in ../shared/data/pages (see tests/data/markdown/README.md). The pages
// themselves are read by tests/realdata/markdown_pages_test.cpp.

#include "support/file_bytes.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/markdown_tables.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using lbtrack::parse_error;
using lbtrack::ingest::markdown_table;
using lbtrack::ingest::md_cell;
using lbtrack::ingest::read_markdown_tables;
using lbtrack::ingest::select_markdown_table;
using lbtrack::ingest::to_table;
using strings = std::vector<std::string>;
using lines_t = std::vector<std::size_t>;

std::vector<markdown_table> read_fixture(const std::string& name) {
    const fs::path p = fs::path(LBTRACK_TEST_DATA_DIR) / "markdown" / name;
    return read_markdown_tables(lbtrack::test::file_bytes(p), "test-board", p.string());
}

std::vector<markdown_table> read_text(std::string_view page) {
    return read_markdown_tables(page, "test-board", "page.md");
}

strings texts(const std::vector<md_cell>& cells) {
    strings out;
    for (const auto& c : cells) {
        out.push_back(c.text);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// superclue_sections.md

TEST(MarkdownTables, SuperclueTablesEachUnderTheirOwnHeading) {
    const auto tables = read_fixture("superclue_sections.md");
    ASSERT_EQ(tables.size(), 2u);

    const auto& open = tables[0];
    EXPECT_EQ(open.heading, "（2）5B~20B开源大模型排行榜");
    EXPECT_EQ(open.line, 6u);
    EXPECT_EQ(texts(open.header),
              (strings{"排名", "大模型", "机构", "输出价格", "总分", "", "医疗", "教育"}));
    ASSERT_EQ(open.rows.size(), 3u);
    EXPECT_EQ(open.row_lines, (lines_t{8, 9, 10}));

    // Two tildes in one heading must stay text, not become strikethrough.
    const auto& closed = tables[1];
    EXPECT_EQ(closed.heading, "（3）5B~20B与20B~100B闭源大模型排行榜");
    EXPECT_EQ(closed.line, 16u);
    EXPECT_EQ(texts(closed.header), (strings{"排名", "大模型", "机构", "总分"}));
}

TEST(MarkdownTables, SuperclueCellsAreTrimmedAndKeepDecorations) {
    const auto tables = read_fixture("superclue_sections.md");
    ASSERT_EQ(tables.size(), 2u);
    const auto& rows = tables[0].rows;
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(texts(rows[0]), (strings{"1", "DeepSeek-R1-Distill-Qwen-14B☛去体验", "深度求索",
                                       "0.7元", "69.9", "", "64.5", "83.8"}));
    EXPECT_EQ(rows[1][1].text, "qwen2.5-7b-instruct(new)☛去体验");
    // Padded with U+3000 on both sides and with ASCII spaces.
    EXPECT_EQ(rows[2][1].text, "glm-4-9b-chat");
    EXPECT_EQ(rows[2][6].text, "57.7");

    ASSERT_EQ(rows[0][1].links().size(), 1u);
    EXPECT_EQ(rows[0][1].links()[0].text, "去体验");
    EXPECT_EQ(rows[0][1].links()[0].url, "https://example.com/try?a=1&b=2");
    EXPECT_TRUE(rows[2][1].links().empty());
}

TEST(MarkdownTables, RowsOfEmptyCellsAreKeptWithTheirLine) {
    const auto tables = read_fixture("superclue_sections.md");
    ASSERT_EQ(tables.size(), 2u);
    const auto& t = tables[1];
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(texts(t.rows[0]), (strings{"1", "Doubao-pro☛去体验", "字节跳动", "80.1"}));
    EXPECT_EQ(texts(t.rows[1]), (strings{"", "", "", ""}));
    EXPECT_EQ(texts(t.rows[2]), (strings{"2", "moonshot-v1", "月之暗面", "78.0"}));
    EXPECT_EQ(t.row_lines, (lines_t{18, 19, 20}));
}

TEST(MarkdownTables, ToTableDropsTheSpacerColumn) {
    const auto tables = read_fixture("superclue_sections.md");
    ASSERT_FALSE(tables.empty());
    const auto t = to_table(tables[0]);
    EXPECT_EQ(t.header, (strings{"排名", "大模型", "机构", "输出价格", "总分", "医疗", "教育"}));
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0], (strings{"1", "DeepSeek-R1-Distill-Qwen-14B☛去体验", "深度求索", "0.7元",
                                  "69.9", "64.5", "83.8"}));
    EXPECT_EQ(t.row_lines, (lines_t{8, 9, 10}));
}

// ---------------------------------------------------------------------------------------------
// arena_linked.md

TEST(MarkdownTables, ArenaHeaderAndRows) {
    const auto tables = read_fixture("arena_linked.md");
    ASSERT_EQ(tables.size(), 1u);
    const auto& t = tables[0];
    EXPECT_EQ(t.heading, "排行榜");
    EXPECT_EQ(t.line, 11u);
    EXPECT_EQ(texts(t.header), (strings{"排名(UB)", "排名(StyleCtrl)", "模型名", "分数", "置信区间",
                                        "票数", "服务商", "知识截止日期"}));
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.row_lines, (lines_t{13, 14, 15}));
    EXPECT_EQ(texts(t.rows[0]), (strings{"1", "1", "Gemini-2.5-Pro", "1477", "+5/-5", "12,327",
                                         "Google", "暂无数据"}));
    EXPECT_EQ(t.rows[1][1].text, "2");
    EXPECT_EQ(t.rows[1][2].text, "o3-2025-04-16 (high)");
    EXPECT_EQ(t.rows[1][7].text, "2023/10");
}

TEST(MarkdownTables, LinksInCellsKeepTextAndUrl) {
    const auto tables = read_fixture("arena_linked.md");
    ASSERT_EQ(tables.size(), 1u);
    const auto& rows = tables[0].rows;
    ASSERT_EQ(rows.size(), 3u);
    ASSERT_EQ(rows[0][2].links().size(), 1u);
    EXPECT_EQ(rows[0][2].links()[0].text, "Gemini-2.5-Pro");
    EXPECT_EQ(rows[0][2].links()[0].url, "http://x");
    ASSERT_EQ(rows[1][2].links().size(), 1u);
    EXPECT_EQ(rows[1][2].links()[0].url, "https://openai.com/o3");
}

TEST(MarkdownTables, EscapesBreaksAndEntitiesInCells) {
    const auto tables = read_fixture("arena_linked.md");
    ASSERT_EQ(tables.size(), 1u);
    const auto& row = tables[0].rows.at(2);
    ASSERT_EQ(row.size(), 8u);
    EXPECT_EQ(row[2].text, "GPT|Pipe Edition");
    EXPECT_EQ(row[6].text, "A & B");
    EXPECT_EQ(row[4].text, "+5/-6");
}

TEST(MarkdownTables, ToTableTakesLinkTextInNamedColumns) {
    const auto tables = read_fixture("arena_linked.md");
    ASSERT_EQ(tables.size(), 1u);
    const auto plain = to_table(tables[0]);
    EXPECT_EQ(plain.rows.at(1).at(2), "o3-2025-04-16 (high)");

    const auto linked = to_table(tables[0], {"模型名"});
    EXPECT_EQ(linked.header, plain.header);
    ASSERT_EQ(linked.rows.size(), 3u);
    EXPECT_EQ(linked.rows[0][2], "Gemini-2.5-Pro");
    EXPECT_EQ(linked.rows[1][2], "o3-2025-04-16");
    EXPECT_EQ(linked.rows[2][2], "GPT|Pipe Edition"); // no link: the cell text
    EXPECT_EQ(linked.rows[0][6], "Google");           // other columns unchanged
    EXPECT_EQ(linked.row_lines, (lines_t{13, 14, 15}));
}

TEST(MarkdownTables, ToTableLinkTextDropsSuperclueDecorationOnlyWhenAsked) {
    const auto tables = read_fixture("superclue_sections.md");
    ASSERT_EQ(tables.size(), 2u);
    // SuperCLUE's link is the decoration: asking for link text in 大模型 gives "去体验", which is
    // why that source keeps the cell text and strips the decoration during extraction.
    EXPECT_EQ(to_table(tables[0], {"大模型"}).rows.at(0).at(1), "去体验");
    EXPECT_EQ(to_table(tables[0], {"no such column"}).rows.at(0).at(1),
              "DeepSeek-R1-Distill-Qwen-14B☛去体验");
}

TEST(MarkdownTables, TextOutsideLinksOfEveryCell) {
    const auto tables = read_fixture("superclue_sections.md");
    ASSERT_EQ(tables.size(), 2u);
    const auto& rows = tables[0].rows;
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0][1].text_outside_links(), "DeepSeek-R1-Distill-Qwen-14B☛");
    EXPECT_EQ(rows[1][1].text_outside_links(), "qwen2.5-7b-instruct(new)☛");
    EXPECT_EQ(rows[2][1].text_outside_links(), "glm-4-9b-chat"); // no link: the whole text
    EXPECT_EQ(rows[0][3].text_outside_links(), "0.7元");
    // Markup outside the link is removed as in `text`.
    EXPECT_EQ(tables[1].rows.at(0).at(1).text_outside_links(), "Doubao-pro☛");
}

TEST(MarkdownTables, ToTableTextWithoutLinksInNamedColumns) {
    const auto tables = read_fixture("superclue_sections.md");
    ASSERT_EQ(tables.size(), 2u);
    const auto t = to_table(tables[0], {}, {" 大模型 "});
    EXPECT_EQ(t.header, (strings{"排名", "大模型", "机构", "输出价格", "总分", "医疗", "教育"}));
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0], (strings{"1", "DeepSeek-R1-Distill-Qwen-14B☛", "深度求索", "0.7元", "69.9",
                                  "64.5", "83.8"}));
    EXPECT_EQ(t.rows[1][1], "qwen2.5-7b-instruct(new)☛");
    EXPECT_EQ(t.rows[2][1], "glm-4-9b-chat");
    EXPECT_EQ(t.row_lines, (lines_t{8, 9, 10}));
}

TEST(MarkdownTables, TextWithoutLinksKeepsTextOnBothSidesAndEntities) {
    const auto tables = read_text("| model | n |\n|---|---|\n| A &amp; [x](u)  B [y](v) | 1 |\n"
                                  "| [only](u) | 2 |\n");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].rows.at(0).at(0).text_outside_links(), "A & B");
    const auto t = to_table(tables[0], {}, {"model"});
    EXPECT_EQ(t.rows.at(0).at(0), "A & B");
    EXPECT_EQ(t.rows.at(1).at(0), ""); // all link: nothing outside
    // A column named in both lists takes its link text.
    EXPECT_EQ(to_table(tables[0], {"model"}, {"model"}).rows.at(1).at(0), "only");
}

// ---------------------------------------------------------------------------------------------
// jekyll_post.md

TEST(MarkdownTables, JekyllPostFrontMatterIsNeitherHeadingNorTable) {
    const auto tables = read_fixture("jekyll_post.md");
    ASSERT_EQ(tables.size(), 2u);
    const auto& hf = tables[0];
    EXPECT_EQ(hf.heading, "对话 LLM 排行榜 (Open LLM Leaderboard)");
    EXPECT_EQ(hf.line, 14u);
    EXPECT_EQ(texts(hf.header), (strings{"Model", "Average", "ARC"}));
    ASSERT_EQ(hf.rows.size(), 2u);
    EXPECT_EQ(hf.row_lines, (lines_t{16, 17}));
    EXPECT_EQ(texts(hf.rows[1]), (strings{"01-ai/Yi-6B", "54.08", "55.55"}));
}

TEST(MarkdownTables, TableWithoutOuterPipesAfterListsAndProse) {
    const auto tables = read_fixture("jekyll_post.md");
    ASSERT_EQ(tables.size(), 2u);
    const auto& t = tables[1];
    EXPECT_EQ(t.heading, "價格表");
    EXPECT_EQ(t.line, 28u);
    EXPECT_EQ(texts(t.header), (strings{"編號", "模型", "輸出價格"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.row_lines, (lines_t{30, 31}));
    EXPECT_EQ(texts(t.rows[0]), (strings{"1", "Qwen1.5-14B-Chat", "$0.06/百萬代幣"}));
    EXPECT_EQ(texts(t.rows[1]), (strings{"2", "Yi-34B-Chat", "暂无数据"}));
}

// ---------------------------------------------------------------------------------------------
// Small pages written inline

TEST(MarkdownTables, FrontMatterRightAboveATable) {
    // Without skipping it, "title: x" over "---" would be a setext heading.
    const auto tables = read_text("---\ntitle: x\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].heading, "");
    EXPECT_EQ(tables[0].line, 4u);
    EXPECT_EQ(tables[0].row_lines, (lines_t{6}));
}

TEST(MarkdownTables, UnclosedFrontMatterIsOrdinaryMarkdown) {
    const auto tables = read_text("---\n# Title\n\n| a |\n|---|\n| 1 |\n");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].heading, "Title");
    EXPECT_EQ(tables[0].row_lines, (lines_t{6}));
}

TEST(MarkdownTables, CrlfBomAndNumericEntities) {
    const auto tables =
        read_text("\xEF\xBB\xBF# Board\r\n\r\n| 模型 | 分数 |\r\n|---|---|\r\n| &#x4E2D;&#25991; | "
                  "&#0; |\r\n|  |  |\r\n| b | 2 |\r\n");
    ASSERT_EQ(tables.size(), 1u);
    const auto& t = tables[0];
    EXPECT_EQ(t.heading, "Board");
    EXPECT_EQ(t.line, 3u);
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0][0].text, "中文");
    EXPECT_EQ(t.rows[0][1].text, "\xEF\xBF\xBD");
    EXPECT_EQ(t.row_lines, (lines_t{5, 6, 7}));
}

TEST(MarkdownTables, LineOfRowsWhenOnlyABodyRowHasText) {
    // Header and first row empty: the lines come from the row that has text.
    const auto tables = read_text("text\n\n|  |  |\n|--|--|\n|  |  |\n| x |  |\n");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].line, 3u);
    EXPECT_EQ(tables[0].row_lines, (lines_t{5, 6}));
}

TEST(MarkdownTables, ShortRowsArePaddedAndInlineMarkupRemoved) {
    const auto tables = read_text("| a | b | c |\n|---|---|---|\n| *x* ![logo](l.png) | "
                                  "[**y**  z](u \"t\") |\n| `p  q` | <span>r</span>s | t |\n");
    ASSERT_EQ(tables.size(), 1u);
    const auto& rows = tables[0].rows;
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(texts(rows[0]), (strings{"x", "y z", ""}));
    ASSERT_EQ(rows[0][1].links().size(), 1u);
    EXPECT_EQ(rows[0][1].links()[0].text, "y z");
    EXPECT_EQ(rows[0][1].links()[0].url, "u");
    EXPECT_EQ(texts(rows[1]), (strings{"p q", "rs", "t"}));
}

TEST(MarkdownTables, SingleDashDelimiterCellsAsGithubRendersThem) {
    // md4c 0.4.8 alone wants three characters per delimiter cell; GFM takes one.
    const auto tables = read_text("| a | b | c |\n|-|:-|--:|\n| 1 | 2 | 3 |\n");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(texts(tables[0].rows.at(0)), (strings{"1", "2", "3"}));
}

TEST(MarkdownTables, BodyRowsOfDashesAreValuesNotDelimiters) {
    const auto tables = read_text("| a | b |\n|-|-|\n| - | - |\n|-|--|\n| 1 | 2 |\n");
    ASSERT_EQ(tables.size(), 1u);
    const auto& rows = tables[0].rows;
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(texts(rows[0]), (strings{"-", "-"}));
    EXPECT_EQ(texts(rows[1]), (strings{"-", "--"}));
    EXPECT_EQ(tables[0].row_lines, (lines_t{3, 4, 5}));
}

TEST(MarkdownTables, TableRightBelowProseKeepsPageLines) {
    // GitHub renders a paragraph then a table; md4c 0.4.8 alone would see one paragraph.
    const auto tables = read_text("# T\n表1：排名\n| a | b |\n|---|---|\n| 1 | 2 |\n"
                                  "\nmore prose\n| c |\n|:-:|\n| 3 |\n|  |\n");
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_EQ(tables[0].heading, "T");
    EXPECT_EQ(tables[0].line, 3u);
    EXPECT_EQ(tables[0].row_lines, (lines_t{5}));
    EXPECT_EQ(texts(tables[1].header), (strings{"c"}));
    EXPECT_EQ(tables[1].line, 8u);
    EXPECT_EQ(tables[1].row_lines, (lines_t{10, 11}));
}

TEST(MarkdownTables, ProseWithPipesIsNotATable) {
    // A line with a pipe right above a header row is left as md4c sees it: one paragraph.
    EXPECT_TRUE(read_text("a | b\nc | d\n---|---\n").empty());
    EXPECT_TRUE(read_text("text\n- | -\n\nx -|- y\n").empty());
}

TEST(MarkdownTables, LinkTextSkipsLinksWithoutText) {
    // A badge image wrapped in a link has no text: the name is the next link.
    const auto tables = read_text("| model |\n|---|\n| [![b](b.png)](u1) [Name](u2) |\n");
    ASSERT_EQ(tables.size(), 1u);
    const auto& cell = tables[0].rows.at(0).at(0);
    EXPECT_EQ(cell.text, "Name");
    ASSERT_EQ(cell.links().size(), 2u);
    EXPECT_EQ(cell.links()[0].text, "");
    EXPECT_EQ(cell.links()[0].url, "u1");
    EXPECT_EQ(to_table(tables[0], {"model"}).rows.at(0).at(0), "Name");
}

TEST(MarkdownTables, EmptyHeaderWithFilledCellsIsKept) {
    const auto tables = read_text("| a |  |\n|---|---|\n| 1 | note |\n|  |  |\n");
    ASSERT_EQ(tables.size(), 1u);
    const auto t = to_table(tables[0]);
    EXPECT_EQ(t.header, (strings{"a", ""}));
    EXPECT_EQ(t.rows, (std::vector<strings>{{"1", "note"}, {"", ""}}));
}

TEST(MarkdownTables, NearestHeadingIsKeptForLaterTables) {
    const auto tables =
        read_text("# A\n\n| x |\n|---|\n| 1 |\n\nprose\n\n| y |\n|---|\n| 2 |\n\n## B\n\n| z |\n"
                  "|---|\n| 3 |\n");
    ASSERT_EQ(tables.size(), 3u);
    EXPECT_EQ(tables[0].heading, "A");
    EXPECT_EQ(tables[1].heading, "A");
    EXPECT_EQ(tables[2].heading, "B");
}

TEST(MarkdownTables, PageWithoutTables) {
    EXPECT_TRUE(read_text("").empty());
    EXPECT_TRUE(read_text("# Title\n\n- a | b\n\nsome | prose\n").empty());
}

// ---------------------------------------------------------------------------------------------
// Selection

TEST(MarkdownTables, SelectByIndexAndByHeader) {
    const auto tables = read_fixture("jekyll_post.md");
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_EQ(&select_markdown_table(tables, 1, "", "b", "o"), &tables[1]);
    EXPECT_EQ(&select_markdown_table(tables, std::nullopt, "模型", "b", "o"), &tables[1]);
    EXPECT_EQ(&select_markdown_table(tables, std::nullopt, "  Model ", "b", "o"), &tables[0]);
    EXPECT_EQ(&select_markdown_table(tables, 0, "ARC", "b", "o"), &tables[0]);
    EXPECT_EQ(&select_markdown_table(tables, std::nullopt, "", "b", "o"), &tables[0]);
}

TEST(MarkdownTables, SelectNamesWhatWasLookedForAndWhatWasFound) {
    const auto tables = read_fixture("jekyll_post.md");
    const auto expect_error = [&](std::optional<std::size_t> index, const std::string& header,
                                  const strings& fragments) {
        try {
            select_markdown_table(tables, index, header, "test-board", "post.md");
            ADD_FAILURE() << "no parse_error";
        } catch (const parse_error& e) {
            const std::string what = e.what();
            EXPECT_EQ(e.source_id(), "test-board");
            EXPECT_EQ(e.origin(), "post.md");
            EXPECT_EQ(e.row(), 0u);
            EXPECT_EQ(e.column(), 0u);
            for (const auto& f : fragments) {
                EXPECT_NE(what.find(f), std::string::npos) << f << " not in: " << what;
            }
        }
    };
    const strings found{
        "no table matching the choice", "2 table(s)", "对话 LLM 排行榜 (Open LLM Leaderboard)",
        "Model | Average | ARC",        "價格表",     "編號 | 模型 | 輸出價格"};
    auto by_header = found;
    by_header.push_back("\"排名\"");
    expect_error(std::nullopt, "排名", by_header);
    auto by_index = found;
    by_index.push_back("#2");
    expect_error(2, "", by_index);
    auto both = found;
    both.push_back("table #1 (0-based) with a header cell \"Model\"");
    expect_error(1, "Model", both);

    EXPECT_THROW(select_markdown_table({}, std::nullopt, "", "b", "o"), parse_error);
}

} // namespace
