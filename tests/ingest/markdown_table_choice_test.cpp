// read_markdown_table (what parse_payload uses: the chosen table only, converted row by row,
// parsing stopped after it) against what it must equal: read_markdown_tables, then
// select_markdown_table, then to_table. Every choice of every table of every page below is
// compared cell by cell, line by line, and so are the errors.

#include "support/file_bytes.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/markdown_tables.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using lbtrack::parse_error;
using lbtrack::ingest::markdown_table_choice;
using lbtrack::ingest::read_markdown_table;
using lbtrack::ingest::read_markdown_tables;
using lbtrack::ingest::select_markdown_table;
using lbtrack::ingest::table;
using lbtrack::ingest::to_table;
using strings = std::vector<std::string>;

/// The fixtures, and small pages with the cases the fixtures do not have.
std::vector<std::pair<std::string, std::string>> pages() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& entry : fs::directory_iterator(fs::path(LBTRACK_TEST_DATA_DIR) / "markdown")) {
        if (entry.path().extension() == ".md" && entry.path().filename() != "README.md") {
            out.emplace_back(entry.path().filename().string(),
                             lbtrack::test::file_bytes(entry.path()));
        }
    }
    out.emplace_back("prose above a header", "# T\n表1：排名\n| a | b |\n|---|---|\n| 1 | 2 |\n"
                                             "\nmore prose\n| c |\n|:-:|\n| 3 |\n|  |\n");
    out.emplace_back("empty header, text further down",
                     "| a |  |  |\n|---|---|-|\n| 1 |  |  |\n|  |  |  |\n| 2 | note |  |\n");
    out.emplace_back("links", "| model | org |\n|---|---|\n| [![b](b.png)](u1) [Name](u2) | x |\n"
                              "| Qwen3-14B☛[去体验](u) | [Org](o) |\n| plain | y |\n");
    out.emplace_back("short rows and a BOM", "\xEF\xBB\xBF| a | b | c |\r\n|---|---|---|\r\n"
                                             "| 1 |\r\n| 2 | **x** |\r\n\r\n| d |\r\n|-|\r\n");
    out.emplace_back("front matter", "---\ntitle: x\n---\n| a |\n|---|\n| 1 |\n");
    out.emplace_back("no table", "# Title\n\nsome | prose\n");
    return out;
}

/// Every choice worth trying on `page`: no choice, each table by index, each header cell,
/// index and header together (matching and not), an index past the end, a header no table
/// has, and link readings of every header cell.
std::vector<markdown_table_choice> choices(const std::string& page) {
    const auto tables = read_markdown_tables(page, "b", "o");
    std::vector<markdown_table_choice> out{{}, {std::nullopt, {"no such header"}, {}, {}, {}}};
    out.push_back({tables.size(), {}, {}, {}, {}});
    for (std::size_t i = 0; i < tables.size(); ++i) {
        out.push_back({i, {}, {}, {}, {}});
        out.push_back({std::nullopt, {}, {}, {}, {tables[i].heading}});
        out.push_back({std::nullopt, {}, {}, {}, {tables[i].caption}});
        out.push_back({i == 0 ? 1 : 0, {}, {}, {}, {tables[i].heading + "?"}});
        for (const auto& cell : tables[i].header) {
            out.push_back({std::nullopt, {" " + cell.text + " "}, {}, {}, {}});
            out.push_back(
                {std::nullopt, {"no such header", cell.text}, {}, {}, {tables[i].heading}});
            out.push_back({i, {cell.text}, {}, {}, {}});
            out.push_back({i == 0 ? 1 : 0, {cell.text}, {}, {}, {}});
            out.push_back({i, {}, {cell.text}, {}, {}});
            out.push_back({i, {}, {}, {cell.text}, {}});
            out.push_back({i, {}, {cell.text}, {cell.text}, {}});
        }
    }
    return out;
}

/// What read_markdown_table must give: the table, or the error's message.
std::pair<std::optional<table>, std::string> expected(const std::string& page,
                                                      const markdown_table_choice& c) {
    try {
        const auto tables = read_markdown_tables(page, "b", "o");
        return {to_table(select_markdown_table(tables, c, "b", "o"), c.link_text_columns,
                         c.text_without_link_columns),
                ""};
    } catch (const parse_error& e) {
        return {std::nullopt, e.what()};
    }
}

std::string describe(const markdown_table_choice& c) {
    std::ostringstream s;
    s << "index " << (c.index ? std::to_string(*c.index) : "none") << ", headers '";
    for (const auto& h : c.required_headers) {
        s << h << "' '";
    }
    s << "', heading '" << (c.heading.empty() ? std::string() : c.heading.front())
      << "', link text of " << c.link_text_columns.size() << " column(s), outside links of "
      << c.text_without_link_columns.size();
    return s.str();
}

TEST(MarkdownTableChoice, EqualsReadingEveryTableThenSelectingAndConverting) {
    std::size_t compared = 0;
    std::size_t errors = 0;
    for (const auto& [name, page] : pages()) {
        for (const auto& c : choices(page)) {
            SCOPED_TRACE(name + ": " + describe(c));
            const auto [want, message] = expected(page, c);
            try {
                const table got = read_markdown_table(page, c, "b", "o");
                ASSERT_TRUE(want.has_value()) << "no error; expected: " << message;
                EXPECT_EQ(got.header, want->header);
                EXPECT_EQ(got.rows, want->rows);
                EXPECT_EQ(got.row_lines, want->row_lines);
            } catch (const parse_error& e) {
                EXPECT_FALSE(want.has_value()) << "unexpected error: " << e.what();
                EXPECT_EQ(std::string(e.what()), message);
                ++errors;
            }
            ++compared;
        }
    }
    // The pages above give both kinds of outcome, many times over.
    EXPECT_GT(compared, 100u);
    EXPECT_GT(errors, 10u);
}

TEST(MarkdownTableChoice, EmptyHeaderColumnWithTextFurtherDownIsKept) {
    // Which empty-header columns go is known only once the whole table is read.
    const auto t = read_markdown_table(
        "| a |  |  |\n|---|---|-|\n| 1 |  |  |\n|  |  |  |\n| 2 | note |  |\n", {}, "b", "o");
    EXPECT_EQ(t.header, (strings{"a", ""}));
    EXPECT_EQ(t.rows, (std::vector<strings>{{"1", ""}, {"", ""}, {"2", "note"}}));
    EXPECT_EQ(t.row_lines, (std::vector<std::size_t>{3, 4, 5}));
}

TEST(MarkdownTableChoice, FirstTableWithTheHeaderIsTheOneRead) {
    // The second table is chosen by its header, not the first (no such header) nor the third
    // (the same header, later), and its rows keep their page lines.
    const std::string two = "| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n| 3 |\n";
    const auto t = read_markdown_table(two + "\n| b |\n|---|\n| 9 |\n",
                                       {std::nullopt, {"b"}, {}, {}, {}}, "b", "o");
    EXPECT_EQ(t.rows, (std::vector<strings>{{"2"}, {"3"}}));
    EXPECT_EQ(t.row_lines, (std::vector<std::size_t>{7, 8}));
}

} // namespace
