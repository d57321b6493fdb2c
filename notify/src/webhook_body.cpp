// The JSON bodies of the three webhook styles. Chat services reject (Slack: HTTP 400
// invalid_blocks; Discord: 400 "Must be 2000 or fewer in length") rather than truncate, so a long
// report is cut here, on a line boundary, with a note saying how much was left out; the full
// report stays in the other sinks (file, email).

#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/utf8_text.hpp"
#include "lbtrack/notify/sinks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack::notify {

namespace {

// Slack Block Kit limits (docs.slack.dev, "Header block", "Section block", "Blocks"; 2025): a
// header's plain_text is at most 150 characters, a section's text at most 3000, a message at
// most 50 blocks. 45 sections plus the header stays clear of the last with room to spare.
constexpr std::size_t slack_header_limit = 150;
constexpr std::size_t slack_section_limit = 3000;
constexpr std::size_t slack_max_sections = 45;
// Slack caps the top-level "text" at 40000 characters but truncates far earlier in
// notifications; the subject is one line, so this only bounds a pathological one.
constexpr std::size_t slack_fallback_limit = 3000;
// Discord: "content" is at most 2000 characters (discord.com/developers, "Execute Webhook").
constexpr std::size_t discord_content_limit = 2000;
// A subject is a title; capping it keeps most of the 2000 for the report itself.
constexpr std::size_t discord_subject_limit = 200;

constexpr std::string_view fence_open = "```\n";
constexpr std::string_view fence_close = "\n```";
constexpr std::string_view ellipsis = "\u2026";
// Between two backticks so a report line holding ``` cannot close our code block early; it is
// invisible when displayed.
constexpr std::string_view zero_width_space = "\u200b";
constexpr std::string_view default_subject = "lbtrack report";

using cost_fn = std::size_t (*)(std::string_view);

/// The subject as one trimmed line of valid UTF-8 (line breaks and tabs become spaces).
std::string subject_line(std::string_view subject) {
    std::string line = valid_utf8(subject);
    for (char& c : line) {
        if (c == '\r' || c == '\n' || c == '\t') {
            c = ' ';
        }
    }
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos) {
        return std::string(default_subject);
    }
    return line.substr(first, line.find_last_not_of(' ') - first + 1);
}

/// No two backticks in a row, so the line cannot open or close a code block.
std::string defuse_fences(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '`' && i > 0 && line[i - 1] == '`') {
            out += zero_width_space;
        }
        out += line[i];
    }
    return out;
}

/// The report's lines: valid UTF-8, CR of CRLF dropped, trailing blank lines dropped, fences
/// defused.
std::vector<std::string> report_lines(std::string_view text) {
    const std::string valid = valid_utf8(text);
    std::vector<std::string> lines;
    std::string_view rest = valid;
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        lines.push_back(defuse_fences(line));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    while (!lines.empty() && lines.back().find_first_not_of(" \t") == std::string::npos) {
        lines.pop_back();
    }
    return lines;
}

/// &, < and > are the characters Slack reads as markup (entities, <links|and mentions>); the
/// rest of the text is sent as is.
std::string slack_escape(std::string_view text) {
    static constexpr std::array<std::pair<char, std::string_view>, 3> escapes{
        {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}}};
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto* escape =
            std::ranges::find(escapes, c, &std::pair<char, std::string_view>::first);
        if (escape == escapes.end()) {
            out += c;
        } else {
            out += escape->second;
        }
    }
    return out;
}

/// Characters Slack counts once `text` is escaped: the limits apply to what we send.
std::size_t slack_cost(std::string_view text) {
    std::size_t cost = code_points(text);
    for (const char c : text) {
        cost += c == '&' ? 4 : (c == '<' || c == '>') ? 3 : 0;
    }
    return cost;
}

/// Discord counts characters as sent: code points.
std::size_t discord_cost(std::string_view text) {
    return code_points(text);
}

/// Discord Markdown that would change how the subject looks (or end our bold early), escaped.
std::string discord_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (std::string_view("\\*_~`|").find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

/// `text` cut to cost at most `limit`, on a code point boundary, ending in "…" when cut.
std::string truncate_to_cost(std::string_view text, std::size_t limit, cost_fn cost) {
    if (cost(text) <= limit) {
        return std::string(text);
    }
    const std::size_t room = limit - cost(ellipsis);
    std::size_t used = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t size = code_point_size(text, at);
        const std::size_t next = cost(text.substr(at, size));
        if (used + next > room) {
            break;
        }
        used += next;
        at += size;
    }
    return std::string(text.substr(0, at)) + std::string(ellipsis);
}

/// A stretch of one report line short enough for one chunk; `line` is its 0-based line index.
struct piece {
    std::string_view text;
    std::size_t line = 0;
    std::size_t cost = 0;
};

/// Lines as pieces of cost at most `max_cost`: a longer line is cut between code points.
std::vector<piece> split_pieces(const std::vector<std::string>& lines, std::size_t max_cost,
                                cost_fn cost) {
    std::vector<piece> pieces;
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const std::string_view line = lines[index];
        std::size_t start = 0;
        std::size_t used = 0;
        std::size_t at = 0;
        while (at < line.size()) {
            const std::size_t size = code_point_size(line, at);
            const std::size_t next = cost(line.substr(at, size));
            if (used + next > max_cost && at > start) {
                pieces.push_back({line.substr(start, at - start), index, used});
                start = at;
                used = 0;
            }
            used += next;
            at += size;
        }
        pieces.push_back({line.substr(start), index, used});
    }
    return pieces;
}

struct packing {
    std::vector<std::vector<piece>> chunks;
    std::size_t omitted_lines = 0; ///< lines not shown whole
};

/// Fills up to `max_chunks` chunks in order; a chunk costs its pieces plus one per line break
/// between them and at most `budget`, the last one at most `last_budget`. Stops at the first
/// piece that does not fit.
packing fill(const std::vector<piece>& pieces, std::size_t total_lines, std::size_t budget,
             std::size_t last_budget, std::size_t max_chunks) {
    packing out;
    std::size_t used = 0;
    for (const piece& p : pieces) {
        const std::size_t limit = out.chunks.size() == max_chunks ? last_budget : budget;
        if (!out.chunks.empty() && used + 1 + p.cost <= limit) {
            out.chunks.back().push_back(p);
            used += 1 + p.cost;
            continue;
        }
        if (out.chunks.size() == max_chunks ||
            (out.chunks.size() + 1 == max_chunks && p.cost > last_budget)) {
            out.omitted_lines = total_lines - p.line;
            return out;
        }
        out.chunks.push_back({p});
        used = p.cost;
    }
    return out;
}

/// Packs the report's lines into at most `max_chunks` chunks of cost at most `budget`. When they
/// do not all fit, the last chunk keeps `note_cost` free for the note saying what was left out.
/// Requires note_cost < budget.
packing pack(const std::vector<std::string>& lines, std::size_t budget, std::size_t max_chunks,
             std::size_t note_cost, cost_fn cost) {
    // Pieces small enough that even the last chunk holds one next to the note.
    const auto pieces = split_pieces(lines, budget - note_cost, cost);
    packing whole = fill(pieces, lines.size(), budget, budget, max_chunks);
    if (whole.omitted_lines == 0) {
        return whole;
    }
    return fill(pieces, lines.size(), budget, budget - note_cost, max_chunks);
}

std::string join_pieces(const std::vector<piece>& chunk,
                        std::string (*transform)(std::string_view)) {
    std::string out;
    for (std::size_t i = 0; i < chunk.size(); ++i) {
        if (i > 0) {
            out += '\n';
        }
        out += transform(chunk[i].text);
    }
    return out;
}

std::string as_is(std::string_view text) {
    return std::string(text);
}

std::string lines_word(std::size_t count) {
    return count == 1 ? "line" : "lines";
}

std::string generic_body(const notification& note) {
    std::string report = valid_utf8(note.json);
    const auto first = report.find_first_not_of(" \t\r\n");
    report = first == std::string::npos
                 ? "null"
                 : report.substr(first, report.find_last_not_of(" \t\r\n") - first + 1);
    const ordered_json head = {{"schema", "lbtrack-notification"},
                               {"version", 1},
                               {"subject", subject_line(note.subject)},
                               {"text", valid_utf8(note.text)},
                               {"markdown", valid_utf8(note.markdown)}};
    // The report is JSON already (diff::render_json): spliced in as it is, not parsed again.
    std::string body = json_dump(head);
    body.pop_back();
    return body + R"(,"report":)" + report + "}";
}

std::string slack_note(std::size_t omitted) {
    return fmt::format("\n_{} {} more {} not shown_", ellipsis, omitted, lines_word(omitted));
}

std::string slack_body(const notification& note) {
    const std::string subject = subject_line(note.subject);
    const ordered_json header = {
        {"type", "header"},
        {"text",
         {{"type", "plain_text"},
          {"text", slack_escape(truncate_to_cost(subject, slack_header_limit, slack_cost))},
          {"emoji", true}}}};
    ordered_json blocks = ordered_json::array({header});

    const auto lines = report_lines(note.text);
    const std::size_t budget =
        slack_section_limit - slack_cost(fence_open) - slack_cost(fence_close);
    // Sized for the largest count the note can show, so the real note always fits.
    const std::size_t note_cost = slack_cost(slack_note(lines.size()));
    const packing packed = pack(lines, budget, slack_max_sections, note_cost, slack_cost);
    for (std::size_t i = 0; i < packed.chunks.size(); ++i) {
        std::string text = std::string(fence_open) + join_pieces(packed.chunks[i], slack_escape) +
                           std::string(fence_close);
        if (i + 1 == packed.chunks.size() && packed.omitted_lines > 0) {
            text += slack_note(packed.omitted_lines);
        }
        blocks.push_back(
            {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::move(text)}}}});
    }
    const ordered_json body = {
        {"text", slack_escape(truncate_to_cost(subject, slack_fallback_limit, slack_cost))},
        {"blocks", std::move(blocks)}};
    return json_dump(body);
}

std::string discord_note(std::size_t omitted) {
    return fmt::format("\n{} {} more {}", ellipsis, omitted, lines_word(omitted));
}

std::string discord_body(const notification& note) {
    std::string content = "**" +
                          discord_escape(truncate_to_cost(subject_line(note.subject),
                                                          discord_subject_limit, discord_cost)) +
                          "**";
    const auto lines = report_lines(note.text);
    if (!lines.empty()) {
        const std::string open = "\n" + std::string(fence_open);
        const std::size_t budget = discord_content_limit - discord_cost(content) -
                                   discord_cost(open) - discord_cost(fence_close);
        const std::size_t note_cost = discord_cost(discord_note(lines.size()));
        const packing packed = pack(lines, budget, 1, note_cost, discord_cost);
        if (!packed.chunks.empty()) {
            content += open + join_pieces(packed.chunks.front(), as_is) + std::string(fence_close);
        }
        if (packed.omitted_lines > 0) {
            content += discord_note(packed.omitted_lines);
        }
    }
    // parse: [] — no @everyone, @here, role or user mention in a model name can ping anyone.
    const ordered_json body = {{"content", std::move(content)},
                               {"allowed_mentions", {{"parse", ordered_json::array()}}}};
    return json_dump(body);
}

} // namespace

std::string webhook_body(webhook_style style, const notification& note) {
    switch (style) {
    case webhook_style::slack:
        return slack_body(note);
    case webhook_style::discord:
        return discord_body(note);
    case webhook_style::generic:
        break;
    }
    return generic_body(note);
}

} // namespace lbtrack::notify
