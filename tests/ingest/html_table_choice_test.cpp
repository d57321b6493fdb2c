// Choosing the table of an HTML page by header alternatives and by the heading, <summary> or
// <caption> before it, and dropping full-width caption rows (vectara's layout table, lmarena's
// "Model" / "Model Name" posts).

#include "support/file_bytes.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/html_tables.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

using lbtrack::parse_error;
using lbtrack::ingest::html_table_choice;
using lbtrack::ingest::read_html_tables_with_headings;
using lbtrack::ingest::table;
using lbtrack::ingest::take_html_table;
using strings = std::vector<std::string>;
using rows_t = std::vector<strings>;

std::string page() {
    return lbtrack::test::file_bytes(std::filesystem::path(LBTRACK_TEST_DATA_DIR) / "html" /
                                     "headings_layout.html");
}

table take(const html_table_choice& choice) {
    return take_html_table(read_html_tables_with_headings(page(), "test-board", "p.html"), choice,
                           "test-board", "p.html");
}

TEST(HtmlTableChoice, TablesCarryTheirHeadingCaptionOrSummary) {
    std::string last;
    const auto tables = read_html_tables_with_headings(page(), "b", "o", &last);
    ASSERT_EQ(tables.size(), 3u);
    EXPECT_EQ(tables[0].heading, "In memoriam");
    EXPECT_EQ(tables[1].heading, "Leaderboard (zero-shot)");
    EXPECT_EQ(tables[2].heading, "Five-shot results"); // its own <caption> wins
    EXPECT_EQ(last, "Five-shot");
}

TEST(HtmlTableChoice, AnyOfSeveralHeaderNames) {
    // The layout table comes first and has neither name.
    EXPECT_EQ(take({std::nullopt, {"Model", "Model Name"}, {}}).header,
              (strings{"Model Name", "Score", "Org"}));
    EXPECT_EQ(take({std::nullopt, {"Model"}, {}}).rows, (rows_t{{"model-a", "75.0", "A"}}));
}

TEST(HtmlTableChoice, HeadingContainsTextCaseInsensitively) {
    EXPECT_EQ(take({std::nullopt, {}, {"FIVE-SHOT"}}).rows.size(), 1u);
    EXPECT_EQ(take({std::nullopt, {"Model Name"}, {"zero-shot"}}).rows.size(), 2u);
    EXPECT_THROW(take({std::nullopt, {"Model"}, {"zero-shot"}}), parse_error);
    EXPECT_THROW(take({0, {}, {"zero-shot"}}), parse_error);
}

TEST(HtmlTableChoice, FullWidthCaptionRowIsNotAModel) {
    EXPECT_EQ(take({1, {}, {}}).rows, (rows_t{{"model-a", "71.2", "A"}, {"model-b", "65.0", "B"}}));
}

TEST(HtmlTableChoice, NoMatchSaysSoAndListsTheTables) {
    try {
        take({std::nullopt, {"Elo"}, {"arena"}});
        ADD_FAILURE() << "no parse_error";
    } catch (const parse_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("no table matching the choice (a header cell \"Elo\" and a heading or "
                            "caption containing \"arena\")"),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("Model Name | Score | Org"), std::string::npos) << what;
    }
}

} // namespace
