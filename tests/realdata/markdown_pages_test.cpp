// The real Markdown pages of ../shared/data/pages (LBTRACK_SHARED_DATA): table counts, headings,
// lines and row counts as their README states them. Skipped, with the reason, when absent.

#include "support/file_bytes.hpp"
#include "support/lbtrack_cli.hpp"

#include "lbtrack/ingest/markdown_tables.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using lbtrack::ingest::markdown_table;
using lbtrack::ingest::read_markdown_tables;
using lbtrack::ingest::to_table;

fs::path shared_pages() {
    return fs::path(lbtrack::test::shared_data_dir()) / "pages";
}

std::vector<markdown_table> read_page(const std::string& name) {
    const fs::path p = shared_pages() / name;
    return read_markdown_tables(lbtrack::test::file_bytes(p), "real-page", p.string());
}

#define LBTRACK_SKIP_WITHOUT_PAGES()                                                               \
    if (!fs::is_directory(shared_pages())) {                                                       \
        GTEST_SKIP() << "no real pages at " << shared_pages().string()                             \
                     << " (set LBTRACK_SHARED_DATA)";                                              \
    }

TEST(MarkdownTablesRealPages, SuperclueOpen5bTo20b) {
    LBTRACK_SKIP_WITHOUT_PAGES();
    const auto tables = read_page("superclue-open-5b-20b.md");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].heading, "（2）5B~20B开源大模型排行榜");
    EXPECT_EQ(tables[0].line, 2u);
    EXPECT_EQ(tables[0].rows.size(), 14u);
    const auto t = to_table(tables[0]);
    EXPECT_EQ(t.header.size(), 11u); // 12 columns less the spacer
    EXPECT_EQ(t.header.at(5), "医疗");
    EXPECT_EQ(t.rows.at(0).at(5), "64.5");
}

TEST(MarkdownTablesRealPages, LmarenaZhHasOneMainTable) {
    LBTRACK_SKIP_WITHOUT_PAGES();
    const auto tables = read_page("lmarena-zh-2025-06-27.md");
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].heading, "排行榜");
    EXPECT_EQ(tables[0].line, 13u);
    ASSERT_EQ(tables[0].rows.size(), 209u);
    EXPECT_EQ(tables[0].row_lines.front(), 15u);
    EXPECT_EQ(tables[0].row_lines.back(), 223u);
    const auto t = to_table(tables[0], {"模型名"});
    EXPECT_EQ(t.rows.at(0).at(2), "Gemini-2.5-Pro");
}

TEST(MarkdownTablesRealPages, LlmRoundupHasTwoTables) {
    LBTRACK_SKIP_WITHOUT_PAGES();
    const auto tables = read_page("llm-roundup-2024-01.md");
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_EQ(tables[0].heading, "对话 LLM 排行榜 (Open LLM Leaderboard)");
    EXPECT_EQ(tables[0].line, 27u);
    EXPECT_EQ(tables[0].rows.size(), 9u);
    EXPECT_EQ(tables[1].line, 70u);
    EXPECT_EQ(tables[1].rows.size(), 8u);
    EXPECT_EQ(tables[1].header.at(0).text, "模型");
}

} // namespace
