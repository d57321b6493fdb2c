// Bounded work on hostile HTML (issue 18 item 11): a page of nested unclosed tables took 820 MB
// at 75 KB and 7.3 GB at 225 KB; deep nesting is now refused before gumbo reads the page
// (estimate_html_nesting) and gumbo's memory is counted against a budget (gumbo_heap).
// Memory figures are bench/html_memory.sh's; these tests pin the outcome.

#include "fuzz/gumbo_depth.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/html_nesting.hpp"
#include "lbtrack/ingest/html_tables.hpp"
#include "lbtrack/ingest/payload_parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using lbtrack::parse_error;
using lbtrack::ingest::estimate_html_nesting;
using lbtrack::ingest::max_html_depth;
using lbtrack::ingest::read_html_tables;

std::string repeat(std::string_view unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) {
        out += unit;
    }
    return out;
}

/// The message of the parse_error reading `html` throws ("" and a failure when none).
std::string refusal(const std::string& html, std::size_t* row = nullptr) {
    try {
        read_html_tables(html, "test-board", "board.html");
    } catch (const parse_error& e) {
        EXPECT_EQ(e.source_id(), "test-board");
        EXPECT_EQ(e.origin(), "board.html");
        if (row != nullptr) {
            *row = e.row();
        }
        return e.what();
    }
    ADD_FAILURE() << "no parse_error for " << html.substr(0, 80);
    return "";
}

constexpr std::string_view nested_table = "<table><tr><td>";

TEST(HtmlNesting, NestedUnclosedTablesAreRefusedAtTheLimitWhateverTheirSize) {
    // The pages: 75, 150 and 225 KB of "<table><tr><td>".
    for (const std::size_t kb : {75, 150, 225}) {
        const std::string page = repeat(nested_table, kb * 1024 / nested_table.size());
        std::size_t row = 0;
        const std::string what = refusal(page, &row);
        EXPECT_NE(what.find(std::to_string(max_html_depth) + " deep"), std::string::npos) << what;
        EXPECT_EQ(row, 1u); // the line of the tag that went too deep
    }
}

TEST(HtmlNesting, ThroughEveryReaderOfHtml) {
    // An html source, and a Markdown page that embeds the same markup, refuse it alike.
    const std::string page = repeat(nested_table, 5000);
    for (const std::string format : {"html", "markdown"}) {
        lbtrack::source src;
        src.id = "test-board";
        src.format = format;
        try {
            lbtrack::ingest::parse_payload(format == "html" ? page : "# Board\n\n" + page + "\n",
                                           src, "board");
            ADD_FAILURE() << format << ": no parse_error";
        } catch (const parse_error& e) {
            EXPECT_NE(std::string(e.what()).find("deep"), std::string::npos)
                << format << ": " << e.what();
        }
    }
}

TEST(HtmlNesting, TablesNestedUpToTheLimitAreRead) {
    // Each "<table><tr><td>" opens four elements (table, implied tbody, tr, td) below <html>
    // and <body>: the most that fit under the limit are read, one more level is refused.
    const std::size_t fit = (max_html_depth - 2) / 4;
    const std::string inside = repeat(nested_table, fit) + "innermost";
    EXPECT_EQ(estimate_html_nesting(inside).depth, 2 + 4 * fit);
    const auto tables = read_html_tables(inside, "test-board", "board.html");
    ASSERT_EQ(tables.size(), fit);
    EXPECT_EQ(tables.back().header, std::vector<std::string>{"innermost"});
    EXPECT_NE(refusal(repeat(nested_table, fit + 1) + "x").find("deep"), std::string::npos);
}

TEST(HtmlNesting, TheRefusalNamesTheLineAndTheTag) {
    const std::string page =
        "<table>\n<tr><td>ok</td></tr>\n</table>\n" + repeat("<div>", max_html_depth) + "\n";
    std::size_t row = 0;
    const std::string what = refusal(page, &row);
    EXPECT_EQ(row, 4u);
    EXPECT_NE(what.find("<div>"), std::string::npos) << what;
    EXPECT_NE(what.find("level " + std::to_string(max_html_depth + 1)), std::string::npos) << what;
}

TEST(HtmlNesting, TextThatLooksLikeTagsDoesNotNest) {
    // Scripts, styles, comments, attribute values and a textarea hold "<div>" as text.
    const std::string tags = repeat("<div>", 2 * max_html_depth);
    const std::string page = "<script>" + tags + "</script><style>" + tags + "</style><!--" + tags +
                             "--><p title=\"" + tags + "\">x</p><textarea>" + tags +
                             "</textarea><table><tr><th>Model</th></tr><tr><td>a</td></tr>"
                             "</table>";
    EXPECT_LE(estimate_html_nesting(page).depth, 8u);
    EXPECT_EQ(read_html_tables(page, "test-board", "board.html").at(0).rows.size(), 1u);
}

TEST(HtmlNesting, ClosedOrImpliedEndsDoNotAccumulate) {
    // Elements a page leaves open that the parser closes (cells, rows, list items, paragraphs,
    // options, a table met outside a cell) or that the page closes itself: repeated far past
    // the limit, the page stays flat.
    struct markup {
        std::string_view around;
        std::string_view unit;
    };
    for (const auto& [around, unit] :
         {markup{"<table>", "<tr><td>a<td>b"}, markup{"<ul>", "<li>x"}, markup{"", "<p>para"},
          markup{"<select>", "<option>o"}, markup{"<dl>", "<dd>d<dt>t"}, markup{"", "<table><tr>"},
          markup{"", "<div>x</div>"}, markup{"", "<span>x</span>"}, markup{"", "<a href=#>l</a>"},
          markup{"<table><tr>", "<td><div>x</td>"}, markup{"", "<x-a>x</x-a>"}}) {
        const std::string page = std::string(around) + repeat(unit, 4 * max_html_depth);
        const std::size_t estimate = estimate_html_nesting(page).depth;
        EXPECT_LE(estimate, 8u) << unit;
        EXPECT_LE(estimate, lbtrack::fuzz::gumbo_element_depth(page) + 2) << unit;
    }
}

TEST(HtmlNesting, FormattingReopenedOnEveryLineRunsOutOfTheParsersBudget) {
    // 200 unclosed <b> in a paragraph: every following "<p>x" makes the parser reopen all 200
    // (ten thousand bytes of nodes for four bytes of page). A few such lines parse; many are
    // refused by gumbo's memory budget, not by a crash or an exhausted machine.
    std::string open = "<p>";
    for (int i = 0; i < 200; ++i) {
        open += "<b id=" + std::to_string(i) + ">";
    }
    EXPECT_LE(estimate_html_nesting(open + "x").depth, max_html_depth);
    EXPECT_NO_THROW(read_html_tables(open + repeat("<p>x", 50), "test-board", "board.html"));
    const std::string what = refusal(open + repeat("<p>x", 2000));
    EXPECT_NE(what.find("HTML parser needs more than"), std::string::npos) << what;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(HtmlNesting, EstimateFollowsGumboOnEveryFixturePage) {
    // Real-shaped pages: the estimate is gumbo's stack, give or take a void element as a leaf
    // (gumbo's tree has it one below) and an implied element.
    std::size_t pages = 0;
    for (const char* dir : {"html", "markdown", "fuzz/html", "fuzz/markdown"}) {
        for (const auto& entry : std::filesystem::directory_iterator(
                 std::filesystem::path(LBTRACK_TEST_DATA_DIR) / dir)) {
            const std::string page = read_file(entry.path());
            const std::size_t estimate = estimate_html_nesting(page).depth;
            const std::size_t gumbo = lbtrack::fuzz::gumbo_element_depth(page);
            EXPECT_LE(gumbo, estimate + 1) << entry.path();
            EXPECT_LE(estimate, gumbo + 2) << entry.path();
            ++pages;
        }
    }
    EXPECT_GT(pages, 10u);
}

TEST(HtmlNesting, EstimateNeverFarBelowGumboOnHostileMarkup) {
    // Markup that nests through the parser's less obvious rules, each repeated far past what a
    // page needs: the estimate may read deeper than gumbo, never much shallower.
    for (const std::string_view unit : {"<b><div></b>",
                                        "<b id=1><p>x",
                                        "<i><p>z",
                                        "<table><div>",
                                        "<svg><g>",
                                        "<svg><div>",
                                        "<math><mi><div>",
                                        "<svg><foreignObject><div>",
                                        "<div/>",
                                        "<svg><g/>",
                                        "<nobr>x",
                                        "<button><div>",
                                        "<form><div>",
                                        "<h1><h2>",
                                        "<object>",
                                        "<template><div>",
                                        "<frameset>",
                                        "<table><caption><div>",
                                        "<table><td><table>",
                                        "<em></p><em>",
                                        "<q><div></q>",
                                        "<a><div></a>",
                                        "<b><table><td></b><b>",
                                        "<u><u></u></p><u>t",
                                        "<script><!--<script></script>--><div>",
                                        "<s id=a><s id=b><s id=c><s id=d></div>",
                                        "<x-a><x-b></x-a>",
                                        "<p><span>x",
                                        "<select><div>",
                                        "<ruby><rb><rt>"}) {
        const std::string page = repeat(unit, 150);
        const std::size_t estimate = estimate_html_nesting(page, page.size()).depth;
        const std::size_t gumbo = lbtrack::fuzz::gumbo_element_depth(page);
        EXPECT_TRUE(lbtrack::fuzz::estimate_holds(estimate, gumbo))
            << unit << ": estimate " << estimate << ", gumbo " << gumbo;
    }
}

} // namespace
