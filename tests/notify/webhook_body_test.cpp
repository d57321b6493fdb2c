// webhook_body for each style, parsed back with simdjson: the fields each service reads, its
// size limits with long reports, and the escaping that keeps a model name from becoming markup
// or a mention.

#include "notify_test_util.hpp"

#include "lbtrack/notify/sinks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using lbtrack::notify::notification;
using lbtrack::notify::webhook_body;
using lbtrack::notify::webhook_style;
using lbtrack::test::contains;
using lbtrack::test::count_code_points;
using lbtrack::test::count_of;
using lbtrack::test::parse_json;
using lbtrack::test::string_at;

notification sample() {
    notification note;
    note.subject = "lmarena-text: new leader Gemini 2.5 Pro";
    note.text = "lmarena-text (2025-06-27)\n  1  Gemini 2.5 Pro   1470  ▲1\n  2  o3  1451  ▼1\n";
    note.markdown = "## lmarena-text\n| # | model |\n|---|---|\n| 1 | Gemini 2.5 Pro |\n";
    note.html = "<h2>lmarena-text</h2>";
    note.json = "{\"schema_version\":2,\"boards\":[{\"source\":\"lmarena-text\"}]}\n";
    return note;
}

/// `count` distinct report lines, each `width` characters of `fill` after a line number.
std::string numbered_lines(std::size_t count, std::size_t width, const std::string& fill = "x") {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text += fmt::format("{:05} ", i);
        for (std::size_t j = 0; j < width; ++j) {
            text += fill;
        }
        text += '\n';
    }
    return text;
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        lines.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return lines;
}

/// The lines inside the ``` block of a Slack section or Discord message, and what follows it.
struct fenced {
    std::vector<std::string> lines;
    std::string after;
};

fenced inside_fence(std::string_view text) {
    fenced out;
    const auto open = text.find("```\n");
    const auto close = text.rfind("\n```");
    EXPECT_NE(open, std::string_view::npos) << text;
    EXPECT_NE(close, std::string_view::npos) << text;
    if (open == std::string_view::npos || close == std::string_view::npos || close < open + 4) {
        return out;
    }
    out.lines = split_lines(text.substr(open + 4, close - open - 4));
    out.after = std::string(text.substr(close + 4));
    return out;
}

/// The number in "… N more lines" at the end of `note`, or 0.
std::size_t omitted_count(std::string_view note) {
    const auto at = note.find("\u2026 ");
    if (at == std::string_view::npos) {
        return 0;
    }
    return std::stoul(std::string(note.substr(at + 4)));
}

// ---- generic ----------------------------------------------------------------------------------

TEST(webhook_body_generic, carries_every_form_and_embeds_the_report_as_json) {
    const notification note = sample();
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::generic, note));

    EXPECT_EQ(string_at(body["schema"]), "lbtrack-notification");
    EXPECT_EQ(int64_t(body["version"]), 1);
    EXPECT_EQ(string_at(body["subject"]), note.subject);
    EXPECT_EQ(string_at(body["text"]), note.text);
    EXPECT_EQ(string_at(body["markdown"]), note.markdown);
    // An object, not a string holding one.
    ASSERT_TRUE(body["report"].is_object());
    EXPECT_EQ(int64_t(body["report"]["schema_version"]), 2);
    EXPECT_EQ(string_at(body["report"]["boards"].at(0)["source"]), "lmarena-text");
}

TEST(webhook_body_generic, report_is_null_without_json) {
    notification note = sample();
    note.json.clear();
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::generic, note));

    EXPECT_TRUE(body["report"].is_null());
}

TEST(webhook_body_generic, quotes_control_characters_and_replaces_invalid_utf8) {
    notification note = sample();
    note.text = "say \"hi\"\t\\ \x01 end";
    note.markdown = "cut \xE6\x8E"; // the first two bytes of a three-byte character
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::generic, note));

    EXPECT_EQ(string_at(body["text"]), note.text);
    EXPECT_EQ(string_at(body["markdown"]), "cut \uFFFD\uFFFD");
}

// ---- Slack ------------------------------------------------------------------------------------

TEST(webhook_body_slack, header_and_one_code_section_for_a_short_report) {
    const notification note = sample();
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::slack, note));

    EXPECT_EQ(string_at(body["text"]), note.subject);
    const simdjson::dom::array blocks = body["blocks"];
    ASSERT_EQ(blocks.size(), 2U);
    EXPECT_EQ(string_at(blocks.at(0)["type"]), "header");
    EXPECT_EQ(string_at(blocks.at(0)["text"]["type"]), "plain_text");
    EXPECT_EQ(string_at(blocks.at(0)["text"]["text"]), note.subject);
    EXPECT_EQ(string_at(blocks.at(1)["type"]), "section");
    EXPECT_EQ(string_at(blocks.at(1)["text"]["type"]), "mrkdwn");
    // The trailing newline of the report is not an empty line in the block.
    EXPECT_EQ(string_at(blocks.at(1)["text"]["text"]),
              "```\n" + note.text.substr(0, note.text.size() - 1) + "\n```");
}

TEST(webhook_body_slack, escapes_ampersand_and_angle_brackets_everywhere) {
    notification note = sample();
    note.subject = "A&B <script>";
    note.text = "<script>alert(1)</script> & <!everyone> @everyone\n";
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::slack, note));

    EXPECT_EQ(string_at(body["text"]), "A&amp;B &lt;script&gt;");
    EXPECT_EQ(string_at(body["blocks"].at(0)["text"]["text"]), "A&amp;B &lt;script&gt;");
    const std::string section = string_at(body["blocks"].at(1)["text"]["text"]);
    EXPECT_EQ(section, "```\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!everyone&gt; "
                       "@everyone\n```");
}

TEST(webhook_body_slack, a_report_line_with_backticks_cannot_close_the_code_block) {
    notification note = sample();
    note.text = "model ```injected``` name\n";
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::slack, note));

    const std::string section = string_at(body["blocks"].at(1)["text"]["text"]);
    EXPECT_EQ(count_of(section, "```"), 2U) << section;
    EXPECT_EQ(count_of(section, "``"), 2U) << section;
}

TEST(webhook_body_slack, a_long_report_is_split_on_lines_within_the_section_limit) {
    notification note = sample();
    note.text = numbered_lines(300, 60); // ~20k characters: several sections, all of it
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::slack, note));

    const simdjson::dom::array blocks = body["blocks"];
    ASSERT_GT(blocks.size(), 3U);
    std::vector<std::string> shown;
    for (std::size_t i = 1; i < blocks.size(); ++i) {
        const std::string text = string_at(blocks.at(i)["text"]["text"]);
        EXPECT_LE(count_code_points(text), 3000U);
        const fenced inside = inside_fence(text);
        EXPECT_EQ(inside.after, "");
        shown.insert(shown.end(), inside.lines.begin(), inside.lines.end());
    }
    auto expected = split_lines(note.text);
    expected.pop_back(); // the empty string after the last newline
    EXPECT_EQ(shown, expected);
}

TEST(webhook_body_slack, an_overlong_report_is_truncated_with_the_count_left_out) {
    notification note = sample();
    note.text = numbered_lines(5000, 60, "é"); // ~330k characters
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::slack, note));

    const simdjson::dom::array blocks = body["blocks"];
    EXPECT_LE(blocks.size(), 50U);
    std::vector<std::string> shown;
    std::string last_note;
    for (std::size_t i = 1; i < blocks.size(); ++i) {
        const std::string text = string_at(blocks.at(i)["text"]["text"]);
        EXPECT_LE(count_code_points(text), 3000U);
        const fenced inside = inside_fence(text);
        shown.insert(shown.end(), inside.lines.begin(), inside.lines.end());
        if (i + 1 < blocks.size()) {
            EXPECT_EQ(inside.after, "");
        } else {
            last_note = inside.after;
        }
    }
    const auto all = split_lines(note.text);
    const std::size_t omitted = omitted_count(last_note);
    EXPECT_TRUE(contains(last_note, "more lines not shown")) << last_note;
    EXPECT_EQ(shown.size() + omitted, 5000U) << last_note;
    EXPECT_GT(shown.size(), 1000U); // the space is used, not wasted
    EXPECT_TRUE(std::equal(shown.begin(), shown.end(), all.begin()));
}

TEST(webhook_body_slack, one_huge_line_is_cut_between_characters) {
    notification note = sample();
    note.text = std::string(3000, 'a') + "中文" + std::string(3000, '&'); // & costs 5 escaped
    simdjson::dom::parser parser; // rejects a body whose UTF-8 was cut mid-character
    const auto body = parse_json(parser, webhook_body(webhook_style::slack, note));

    const simdjson::dom::array blocks = body["blocks"];
    std::string joined;
    for (std::size_t i = 1; i < blocks.size(); ++i) {
        const std::string text = string_at(blocks.at(i)["text"]["text"]);
        EXPECT_LE(count_code_points(text), 3000U);
        for (const auto& line : inside_fence(text).lines) {
            joined += line;
        }
    }
    std::string escaped = std::string(3000, 'a') + "中文";
    for (int i = 0; i < 3000; ++i) {
        escaped += "&amp;";
    }
    EXPECT_EQ(joined, escaped);
}

TEST(webhook_body_slack, header_keeps_to_150_characters_without_cutting_a_character) {
    notification note = sample();
    note.subject.clear();
    for (int i = 0; i < 100; ++i) {
        note.subject += "通义千问";
    }
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::slack, note));

    const std::string header = string_at(body["blocks"].at(0)["text"]["text"]);
    EXPECT_EQ(count_code_points(header), 150U);
    EXPECT_TRUE(header.ends_with("\u2026")) << header;
    EXPECT_TRUE(note.subject.starts_with(header.substr(0, header.size() - 3)));
}

TEST(webhook_body_slack, an_empty_subject_still_gives_a_header) {
    notification note = sample();
    note.subject = " \n ";
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::slack, note));

    EXPECT_FALSE(string_at(body["blocks"].at(0)["text"]["text"]).empty());
}

// ---- Discord ----------------------------------------------------------------------------------

TEST(webhook_body_discord, bold_subject_then_the_report_in_a_code_block_and_no_mentions) {
    notification note = sample();
    note.text = "1 @everyone 1500\n2 <@&123> 1400\n";
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::discord, note));

    EXPECT_EQ(string_at(body["content"]),
              "**" + note.subject + "**\n```\n1 @everyone 1500\n2 <@&123> 1400\n```");
    ASSERT_TRUE(body["allowed_mentions"]["parse"].is_array());
    const simdjson::dom::array parse = body["allowed_mentions"]["parse"];
    EXPECT_EQ(parse.size(), 0U);
}

TEST(webhook_body_discord, markdown_in_the_subject_is_escaped) {
    notification note = sample();
    note.subject = "model_x **bold** ~y~";
    note.text.clear();
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::discord, note));

    EXPECT_EQ(string_at(body["content"]), "**model\\_x \\*\\*bold\\*\\* \\~y\\~**");
}

TEST(webhook_body_discord, a_long_report_is_cut_on_a_line_within_2000_characters) {
    notification note = sample();
    note.text = numbered_lines(400, 30, "模"); // 3-byte characters: a byte cut would show
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::discord, note));

    const std::string content = string_at(body["content"]);
    EXPECT_LE(count_code_points(content), 2000U);
    EXPECT_GT(count_code_points(content), 1900U); // the room is used
    EXPECT_TRUE(content.starts_with("**" + note.subject + "**\n```\n"));
    const fenced inside = inside_fence(content);
    const auto all = split_lines(note.text);
    EXPECT_TRUE(inside.after.starts_with("\n\u2026 ")) << inside.after;
    EXPECT_TRUE(inside.after.ends_with(" more lines")) << inside.after;
    EXPECT_EQ(inside.lines.size() + omitted_count(inside.after), 400U);
    EXPECT_TRUE(std::equal(inside.lines.begin(), inside.lines.end(), all.begin()));
    EXPECT_EQ(content.find("\uFFFD"), std::string::npos);
}

TEST(webhook_body_discord, a_report_that_fits_is_whole) {
    notification note = sample();
    note.text = numbered_lines(20, 50);
    simdjson::dom::parser parser;
    const auto body = parse_json(parser, webhook_body(webhook_style::discord, note));

    const std::string content = string_at(body["content"]);
    EXPECT_EQ(content, "**" + note.subject + "**\n```\n" +
                           note.text.substr(0, note.text.size() - 1) + "\n```");
}

} // namespace
