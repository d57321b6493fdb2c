#include "markdown_page_lines.hpp"

#include <algorithm>
#include <optional>

namespace lbtrack::ingest::markdown {

namespace {

std::string_view without_line_end(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    return line;
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_fence_line(std::string_view line, std::string_view fence) {
    line = without_line_end(line);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    return line == fence;
}

// ---------------------------------------------------------------------------------------------
// md4c 0.4.8 versus GFM
//
// Two GFM tables that GitHub renders are not tables to md4c 0.4.8, and real boards write both:
//  - delimiter cells shorter than three characters (`|-|`, the spacer column of SuperCLUE
//    pages): md4c wants `---`, `:--`, `--:` at least;
//  - a header row right below a line of prose ("表1：排名\n| a | b |\n|---|---|"): md4c only
//    takes a header row that starts a paragraph.
// Such a page is therefore fed to md4c as a copy where those delimiter rows are widened and a
// blank line separates such a header row from the prose above. Only delimiter rows that GFM
// would take as the second line of a table are touched, never body rows such as `| - | - |`;
// the copy keeps, for each of its lines, the line of the page it came from.

/// `line` (without its line end) with every delimiter cell at least three characters wide when
/// it is a GFM delimiter row (cells `:?-+:?` between pipes, at least one pipe); std::nullopt
/// when it is not one.
std::optional<std::string> as_delimiter_row(std::string_view line) {
    std::string out;
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') {
        out += line[i++];
    }
    bool pipe = false;
    std::size_t cells = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '|') {
            pipe = pipe || c == '|';
            out += c;
            ++i;
            continue;
        }
        if (c != ':' && c != '-') {
            return std::nullopt;
        }
        const std::size_t begin = i;
        const bool left_colon = c == ':';
        i += left_colon ? 1 : 0;
        const std::size_t dashes_begin = i;
        while (i < line.size() && line[i] == '-') {
            ++i;
        }
        const std::size_t dashes = i - dashes_begin;
        const bool right_colon = i < line.size() && line[i] == ':';
        i += right_colon ? 1 : 0;
        if (dashes == 0 ||
            (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '|')) {
            return std::nullopt;
        }
        const std::size_t width = i - begin;
        out += left_colon ? ":" : "";
        out.append(dashes + (width < 3 ? 3 - width : 0), '-');
        out += right_colon ? ":" : "";
        ++cells;
    }
    if (!pipe || cells == 0) {
        return std::nullopt;
    }
    return out;
}

/// True when `line` starts (after up to three spaces) with an HTML start or end tag: `<details>`,
/// `</details>`, `<div align="center">`.
bool starts_html_tag(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') {
        ++i;
    }
    if (i >= line.size() || line[i] != '<') {
        return false;
    }
    ++i;
    if (i < line.size() && line[i] == '/') {
        ++i;
    }
    return i < line.size() &&
           ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'));
}

/// Feeds `lines` from index `first` on to `emit(text, page line index)` as md4c must see them:
/// the lines as they are, except widened delimiter rows, a blank line before a header row that
/// follows prose, and a blank line between a table and an HTML tag line right under it.
template <typename Emit>
void lines_for_md4c(const std::vector<std::string_view>& lines, std::size_t first, Emit&& emit) {
    const auto has_pipe = [](std::string_view l) { return l.find('|') != std::string_view::npos; };
    std::optional<std::string> pending_delimiter; // widened delimiter row for the next line
    bool in_table = false;                        // after a delimiter row, until a blank line
    for (std::size_t i = first; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        const std::string_view line_end = line.substr(without_line_end(line).size());
        if (pending_delimiter) {
            emit(*pending_delimiter + std::string(line_end), i);
            pending_delimiter.reset();
            in_table = true;
            continue;
        }
        in_table = in_table && !is_blank(line);
        if (in_table && starts_html_tag(line) && !has_pipe(line)) {
            // GFM ends a table where another block starts, such as an HTML tag line; md4c 0.4.8
            // reads it as one more row (cmmlu's `</details>` right under its table, 2024-07 ..
            // 2024-12, gave an empty row).
            emit("\n", i);
            in_table = false;
        }
        // A header candidate: a line with a pipe, followed by a delimiter row, and not itself
        // preceded by a line with a pipe (which would make it a body row or a paragraph line).
        const bool after_prose = i > first && !is_blank(lines[i - 1]);
        if (i + 1 < lines.size() && !is_blank(line) && has_pipe(line) &&
            !(after_prose && has_pipe(lines[i - 1]))) {
            pending_delimiter = as_delimiter_row(without_line_end(lines[i + 1]));
            if (pending_delimiter && after_prose) {
                emit("\n", i);
            }
        }
        emit(line, i);
    }
}

} // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
        }
        if (text[i] == '\n' || text[i] == '\r') {
            lines.push_back(text.substr(begin, i + 1 - begin));
            begin = i + 1;
        }
    }
    if (begin < text.size()) {
        lines.push_back(text.substr(begin));
    }
    return lines;
}

std::size_t front_matter_lines(const std::vector<std::string_view>& lines) {
    if (lines.empty() || !is_fence_line(lines[0], "---")) {
        return 0;
    }
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (is_fence_line(lines[i], "---") || is_fence_line(lines[i], "...")) {
            return i + 1;
        }
    }
    return 0;
}

prepared_page::prepared_page(const std::vector<std::string_view>& lines, std::size_t first) {
    source_lines_.reserve(lines.size() - std::min(first, lines.size()));
    // Most pages need no adjustment: md4c then reads the page itself, and a large page is not
    // copied (bench/parse_memory).
    lines_for_md4c(lines, first, [&](std::string_view text, std::size_t index) {
        adjusted_ = adjusted_ || text != lines[index];
    });
    if (!adjusted_) {
        if (first < lines.size()) {
            view_ = std::string_view(lines[first].data(),
                                     static_cast<std::size_t>(lines.back().data() +
                                                              lines.back().size() -
                                                              lines[first].data()));
        }
        for (std::size_t i = first; i < lines.size(); ++i) {
            source_lines_.push_back(i + 1);
        }
        return;
    }
    lines_for_md4c(lines, first, [&](std::string_view text, std::size_t index) {
        copy_ += text;
        source_lines_.push_back(index + 1);
    });
}

line_index::line_index(const std::vector<std::string_view>& lines) {
    starts_.reserve(lines.size());
    std::size_t offset = 0;
    for (const auto line : lines) {
        starts_.push_back(offset);
        offset += line.size();
    }
}

std::size_t line_index::line_of(std::size_t offset) const {
    return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                    starts_.begin());
}

} // namespace lbtrack::ingest::markdown
