#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/payload_parser.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lbtrack;

source with_format(std::string format) {
    source src;
    src.id = "board";
    src.format = std::move(format);
    return src;
}

TEST(PayloadParser, DispatchesOnTheSourceFormat) {
    EXPECT_EQ(ingest::parse_payload("model,score\na,1\n", with_format("csv"), "x").rows.size(), 1u);

    auto json = with_format("json");
    json.rows_pointer = "/rows";
    const auto j =
        ingest::parse_payload(R"({"rows":[{"model":"a","score":1},{"model":"b"}]})", json, "x");
    ASSERT_EQ(j.rows.size(), 2u);
    EXPECT_EQ(j.header, (std::vector<std::string>{"model", "score"}));

    auto html = with_format("html");
    html.table_header = {"Model"};
    const auto h = ingest::parse_payload(
        "<table><tr><th>x</th></tr><tr><td>1</td></tr></table>"
        "<table><tr><th>Rank</th><th>Model</th></tr><tr><td>1</td><td>Qwen</td></tr></table>",
        html, "x");
    ASSERT_EQ(h.rows.size(), 1u);
    EXPECT_EQ(h.rows[0][1], "Qwen");

    auto md = with_format("markdown");
    md.table_index = 1;
    md.link_text_columns = {"模型名"};
    const auto m = ingest::parse_payload("# a\n\n| x |\n|---|\n| 1 |\n\n## b\n\n| 排名 | 模型名 |\n"
                                         "|---|---|\n| 1 | [Gemini-2.5-Pro](http://x) |\n",
                                         md, "x");
    ASSERT_EQ(m.rows.size(), 1u);
    EXPECT_EQ(m.rows[0][1], "Gemini-2.5-Pro");
}

// A mirror or captive portal answering 200 with an HTML page where CSV was expected must fail
// clearly, not parse as a one-column CSV with a strange header.
TEST(PayloadParser, HtmlPageWhereCsvOrJsonWasExpectedIsAParseError) {
    const std::string page = "\n  <!DOCTYPE html><html><body>Rate limited</body></html>";
    for (const char* format : {"csv", "json"}) {
        try {
            ingest::parse_payload(page, with_format(format), "http://mirror/x.csv");
            FAIL() << "expected parse_error for " << format;
        } catch (const parse_error& e) {
            EXPECT_NE(std::string(e.what()).find("payload is an HTML page"), std::string::npos)
                << e.what();
            EXPECT_NE(std::string(e.what()).find("http://mirror/x.csv"), std::string::npos);
        }
    }
}

TEST(PayloadParser, MissingTableNamesWhatWasLookedFor) {
    auto html = with_format("html");
    html.table_header = {"Elo"};
    EXPECT_THROW(ingest::parse_payload("<table><tr><th>Model</th></tr></table>", html, "x"),
                 parse_error);
}

} // namespace
