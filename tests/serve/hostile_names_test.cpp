// Every string in lbtrack's database came from a page lbtrack does not control. A board whose
// names and title hold markup, quotes, control characters and a script URL must come out inert in
// HTML (text, attributes, inline SVG), valid in Atom and JSON, and readable in CSV: checked with
// Python's HTML, XML, JSON and CSV parsers.

#include "serve/serve_test_support.hpp"

#include <set>

namespace {

using namespace lbtrack::test;

const std::vector<std::string>& hostile_names() {
    static const std::vector<std::string> names = {
        "<script>alert(1)</script>",     "\"><img src=x onerror=alert(2)>",
        "it's \"quoted\" & <b>bold</b>", std::string("ctl\x01\x02\x1b[2J\x7f") + "name\x0b",
        "javascript:alert(3)",           "org/<iframe src=x>",
        "文心一言 4.0 ‘中文’",
    };
    return names;
}

/// Every byte percent-encoded: an encoder apart from the server's.
std::string encode_all(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
        out += fmt::format("%{:02X}", c);
    }
    return out;
}

bool is_control(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

/// `text` as the HTML and XML escaping leaves it: control characters dropped.
std::string without_controls(const std::string& text) {
    std::string out;
    for (const unsigned char c : text) {
        if (!is_control(c)) {
            out += static_cast<char>(c);
        }
    }
    return out;
}

class HostileNames : public serve_test {
protected:
    void SetUp() override {
        serve_test::SetUp();
        const auto& names = hostile_names();
        std::vector<test_row> first;
        std::vector<test_row> second;
        for (std::size_t i = 0; i < names.size(); ++i) {
            test_row r{names[i], static_cast<int>(i + 1), 100.0 - static_cast<double>(i)};
            r.variant = i == 1 ? "\"><x onclick=alert(5)>" : "";
            if (i % 2 == 0) {
                first.push_back(r);
            }
            r.rank = static_cast<int>(names.size() - i);
            second.push_back(r);
        }
        put_board("evil", day(2025, 7, 1), first, title);
        put_board("evil", day(2025, 7, 2), second, title);
        start();
    }

    /// `shows_every_name`: the page lists every row of the board.
    void expect_inert_html(const std::string& target, bool shows_every_name = false) {
        const auto r = get(target);
        ASSERT_EQ(r.status, 200u) << target;
        const auto doc = inspect("html", r.body);
        ASSERT_TRUE(doc->ok) << target << ": " << doc->error;
        for (const char* tag : {"script", "img", "iframe", "b", "x"}) {
            int64_t n = 0;
            EXPECT_NE(doc->root["tags"][tag].get(n), simdjson::SUCCESS)
                << target << " has a <" << tag << "> element";
        }
        EXPECT_EQ(simdjson::dom::array(doc->root["event_attributes"]).size(), 0u)
            << target << ": " << doc->json.substr(0, 400);
        EXPECT_EQ(simdjson::dom::array(doc->root["script_links"]).size(), 0u) << target;
        EXPECT_EQ(int64_t(doc->root["control_characters"]), 0) << target;
        const auto text = str(doc->root, "text");
        // The names are shown as text, markup and all.
        for (const auto& name : hostile_names()) {
            if (shows_every_name) {
                EXPECT_NE(text.find(without_controls(name)), std::string::npos)
                    << target << " does not show " << name;
            }
        }
    }

    const std::string title = "<svg onload=alert(4)> “Board” & co";
};

TEST_F(HostileNames, HtmlPagesShowTheNamesAsText) {
    expect_inert_html("/boards/evil", true);
    expect_inert_html("/models?q=", true);
    for (const std::string target : {"/", "/boards/evil?as_of=2025-07-01", "/boards/evil/diff",
                                     "/movers?since=2025-06-01", "/models?q=%3Cscript"}) {
        expect_inert_html(target);
    }
    for (const auto& name : hostile_names()) {
        expect_inert_html("/models/" + encode_all(lowercase(name)));
    }
    const auto board = get("/boards/evil");
    const auto doc = inspect("html", board.body);
    EXPECT_NE(str(doc->root, "text").find(title), std::string::npos);
}

TEST_F(HostileNames, FeedsAreWellFormedAtomAndTheirContentIsInert) {
    std::vector<std::string> feeds = {"/feed.atom", "/boards/evil/feed.atom"};
    for (const auto& name : hostile_names()) {
        feeds.push_back("/models/" + encode_all(lowercase(name)) + "/feed.atom");
    }
    for (const auto& target : feeds) {
        const auto r = get(target);
        ASSERT_EQ(r.status, 200u) << target;
        EXPECT_EQ(r.header("content-type"), "application/atom+xml; charset=utf-8");
        const auto doc = inspect("atom", r.body);
        ASSERT_TRUE(doc->ok) << target << ": " << doc->error;
        EXPECT_EQ(int64_t(doc->root["control_characters"]), 0) << target;
        for (simdjson::dom::element e : simdjson::dom::array(doc->root["entries"])) {
            const auto content = inspect("html", str(e, "content"));
            ASSERT_TRUE(content->ok) << target;
            for (const char* tag : {"script", "img", "iframe", "b", "x"}) {
                int64_t n = 0;
                EXPECT_NE(content->root["tags"][tag].get(n), simdjson::SUCCESS)
                    << target << " entry content has a <" << tag << ">";
            }
            EXPECT_EQ(simdjson::dom::array(content->root["event_attributes"]).size(), 0u);
        }
    }
    // The board's title reaches the feed as text.
    const auto board = inspect("atom", get("/boards/evil/feed.atom").body);
    EXPECT_NE(str(board->root, "title").find(title), std::string::npos);
}

TEST_F(HostileNames, JsonAndCsvCarryTheNamesExactly) {
    const auto doc = inspect("json", get("/boards/evil.json").body);
    ASSERT_TRUE(doc->ok) << doc->error;
    std::set<std::string> shown;
    for (simdjson::dom::element row : simdjson::dom::array(doc->root["rows"])) {
        shown.insert(str(row, "model"));
    }
    const auto csv = inspect("csv", get("/boards/evil.csv").body);
    ASSERT_TRUE(csv->ok) << csv->error;
    std::set<std::string> in_csv;
    for (simdjson::dom::element row : simdjson::dom::array(csv->root)) {
        in_csv.insert(std::string(std::string_view(row.at(2))));
    }
    for (const auto& name : hostile_names()) {
        // Control characters survive as JSON escapes and as CSV text.
        EXPECT_TRUE(shown.contains(name)) << name;
        EXPECT_TRUE(in_csv.contains(name)) << name;
    }
}

} // namespace
