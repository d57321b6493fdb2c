// Names come from pages lbtrack does not control. In the text and Markdown reports, a name
// holding ESC[2J (clear the screen), an OSC 8 hyperlink, the C1 byte 0x9b (CSI) or a line break
// is shown escaped: it can neither drive the reader's terminal nor start a forged line of the
// text report or split a row of a Markdown table (issue 16, item 2).

#include "lbtrack/diff/render.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace {

using namespace lbtrack;

const std::string clear_screen = "Clear\x1b[2Jme";
const std::string hyperlink = "\x1b]8;;https://evil.example/\x1b\\Click\x1b]8;;\x1b\\";
const std::string csi = "C1\xc2\x9b"
                        "31mred";
const std::string forged = "Legit\n  + Forged-Model                                     rank    1";
const std::string piped = "a | b\nc";

diff::run_report hostile_report() {
    diff::board_diff d;
    for (const auto& name : {clear_screen, hyperlink, csi, forged, piped}) {
        entry e;
        e.raw_name = name;
        e.model_key = "key";
        e.rank = 1;
        e.score = 1;
        d.added.push_back(e);
    }
    d.moved.push_back({"m", forged, 5, 2});
    d.rescored.push_back({"m", csi, 1300, 1290, true});
    d.metric_changes.push_back({"m", hyperlink, "price\n| x |", 1, 2, "$\x1b[2J", "$", {}});
    d.metadata_changes.push_back({"m", clear_screen, "license", "MIT", "Evil\nLine"});
    d.new_leader = diff::leader_change{forged, clear_screen};
    diff::run_report report;
    report.generated_at = time_point(std::chrono::sys_days(std::chrono::year(2025) / 6 / 27));
    diff::diff_context ctx;
    ctx.source_id = "board";
    ctx.source_title = "Board";
    ctx.to = report.generated_at;
    report.boards.push_back({ctx, d, {}});
    report.failures.push_back("source 'x': cell '\x1b[2J\nforged failure'");
    return report;
}

/// Each line of `text`.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

void expect_no_raw_controls(const std::string& out) {
    EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
    EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos) << out;
    EXPECT_EQ(out.find('\r'), std::string::npos) << out;
}

TEST(RenderControlCharacters, TheTextReportEscapesThemAndNoNameStartsALine) {
    const auto text = diff::render_text(hostile_report());
    expect_no_raw_controls(text);
    EXPECT_NE(text.find("Clear\\u001b[2Jme"), std::string::npos) << text;
    EXPECT_NE(text.find("\\u001b]8;;https://evil.example/\\u001b\\Click"), std::string::npos)
        << text;
    EXPECT_NE(text.find("C1\\u009b31mred"), std::string::npos) << text;
    EXPECT_NE(text.find("Legit\\n  + Forged-Model"), std::string::npos) << text;
    for (const auto& line : lines_of(text)) {
        EXPECT_FALSE(line.starts_with("  + Forged-Model")) << text;
        EXPECT_FALSE(line.starts_with("forged failure")) << text;
        EXPECT_FALSE(line.starts_with("Line")) << text;
    }
}

TEST(RenderControlCharacters, TheTextReportKeepsItsOwnColours) {
    // The report's own styling is still written (colour on); only the names' escapes are not.
    const auto text = diff::render_text(hostile_report(), {true});
    EXPECT_NE(text.find("\x1b[1m"), std::string::npos);
    EXPECT_EQ(text.find("\x1b[2J"), std::string::npos) << text;
    EXPECT_EQ(text.find("\x1b]8"), std::string::npos) << text;
    EXPECT_EQ(text.find("\xc2\x9b"), std::string::npos) << text;
}

TEST(RenderControlCharacters, EveryMarkdownTableRowStaysOneRowWithItsCells) {
    const auto md = diff::render_markdown(hostile_report());
    expect_no_raw_controls(md);
    EXPECT_NE(md.find("| 1 | Clear\\\\u001b\\[2Jme | 1 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| 1 | a \\| b\\\\nc | 1 |"), std::string::npos) << md;
    EXPECT_NE(md.find("C1\\\\u009b31mred"), std::string::npos) << md;
    // A table row is one line that starts and ends with '|', with as many unescaped '|' as the
    // header row of its table.
    std::size_t header_bars = 0;
    bool in_table = false;
    const auto bars = [](const std::string& line) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            n += line[i] == '|' && (i == 0 || line[i - 1] != '\\') ? 1 : 0;
        }
        return n;
    };
    std::size_t rows = 0;
    for (const auto& line : lines_of(md)) {
        if (line.empty()) {
            in_table = false;
            continue;
        }
        if (!in_table && line.starts_with("| ")) {
            in_table = true;
            header_bars = bars(line);
            continue;
        }
        if (in_table) {
            ++rows;
            EXPECT_TRUE(line.starts_with("|") && line.ends_with("|")) << line << "\n" << md;
            EXPECT_EQ(bars(line), header_bars) << line << "\n" << md;
        }
    }
    EXPECT_GE(rows, 10u) << md; // the tables were there to check
    for (const auto& line : lines_of(md)) {
        EXPECT_FALSE(line.starts_with("  + Forged-Model")) << md;
        EXPECT_FALSE(line.starts_with("forged failure")) << md;
    }
}

TEST(RenderControlCharacters, JsonAndHtmlKeepTheNamesAsStored) {
    // They escape by their own rules: the JSON string holds the name itself.
    const auto json = diff::render_json(hostile_report());
    EXPECT_NE(json.find("Clear\\u001b[2Jme"), std::string::npos) << json;
    EXPECT_EQ(json.find('\x1b'), std::string::npos);
}

} // namespace
