#include "output/table_output.hpp"

#include "lbtrack/core/csv_text.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <string_view>
#include <vector>

namespace lbtrack::app {

namespace {

/// Display width of UTF-8 text for alignment: code points, East Asian wide ones counted twice
/// (model names on Chinese boards), so columns line up in a terminal.
std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        const std::size_t len = lead < 0x80          ? 1
                                : (lead >> 5) == 0x6 ? 2
                                : (lead >> 4) == 0xE ? 3
                                                     : 4;
        // Three-byte sequences from U+2E80 on are CJK, Hangul and full-width forms: two columns.
        width +=
            (len == 3 && lead >= 0xE2 &&
             !(lead == 0xE2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xBA))
                ? 2
                : 1;
        i += len;
    }
    return width;
}

/// A cell of a Markdown table: control characters escaped (a line break would end the row) and
/// `|` escaped (it would end the cell).
std::string markdown_cell(std::string_view s) {
    std::string out;
    for (const char c : printable_text(s)) {
        if (c == '|') {
            out += "\\|";
        } else {
            out += c;
        }
    }
    return out;
}

/// Whether printable_text leaves `s` as it is without looking closer: printable ASCII only, what
/// almost every cell is.
bool plain_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

/// Aligned columns for a terminal, numbers right-aligned. Every cell through printable_text: a
/// name holding ESC[2J, an OSC 8 hyperlink, 0x9b or a line break must not reach the terminal raw.
/// (CSV and JSON quote by their own rules and keep the values as stored.)
/// Two passes over the cells, the widths and then the lines, written 64 KiB at a time: the
/// cells are escaped (rarely) in each pass rather than kept, and neither a view and a width of
/// every cell nor the whole text is held: on a 4,574-row snapshot those were ~2 MB of fresh
/// memory, whose page faults cost more than the work (issue 19).
void print_text(const output_table& t, std::ostream& out) {
    const std::size_t n = t.columns.size();
    const std::size_t rows = t.row_count();
    std::string escaped;
    const auto shown = [&](std::string_view cell) -> std::string_view {
        if (plain_ascii(cell)) {
            return cell;
        }
        escaped = printable_text(cell);
        return escaped;
    };
    const auto cell = [&](std::size_t row, std::size_t c) {
        return row == 0 ? std::string_view(t.columns[c]) : t.cell(row - 1, c);
    };
    std::vector<std::size_t> widths(n);
    for (std::size_t row = 0; row <= rows; ++row) {
        for (std::size_t c = 0; c < n; ++c) {
            widths[c] = std::max(widths[c], display_width(shown(cell(row, c))));
        }
    }
    constexpr std::size_t flush_at = 64 * 1024;
    std::string text;
    text.reserve(flush_at + 1024);
    for (std::size_t row = 0; row <= rows; ++row) {
        const std::size_t line_start = text.size();
        for (std::size_t c = 0; c < n; ++c) {
            const auto s = shown(cell(row, c));
            const auto pad = widths[c] - display_width(s);
            const bool right = c < t.numeric.size() && t.numeric[c];
            if (c > 0) {
                text.append(2, ' ');
            }
            if (right) {
                text.append(pad, ' ');
            }
            text.append(s);
            if (!right) {
                text.append(pad, ' ');
            }
        }
        while (text.size() > line_start && text.back() == ' ') {
            text.pop_back();
        }
        text += '\n';
        if (text.size() >= flush_at) {
            out << text;
            text.clear();
        }
    }
    out << text;
}

} // namespace

void print_table(const output_table& t, output_format format, std::ostream& out) {
    const std::size_t n = t.columns.size();
    const std::size_t rows = t.row_count();
    if (format == output_format::json) {
        std::vector<ordered_json> objects;
        objects.reserve(rows);
        for (std::size_t r = 0; r < rows; ++r) {
            ordered_json row = ordered_json::object();
            for (std::size_t c = 0; c < n; ++c) {
                const bool number = c < t.numeric.size() && t.numeric[c];
                const auto cell = t.cell(r, c);
                row[t.columns[c]] =
                    number ? json_spelled_number(cell) : ordered_json(std::string(cell));
            }
            objects.push_back(std::move(row));
        }
        out << json_array_by_line(objects);
    } else if (format == output_format::csv) {
        for (std::size_t c = 0; c < n; ++c) {
            out << (c ? "," : "") << csv_field(t.columns[c]);
        }
        out << "\n";
        for (std::size_t r = 0; r < rows; ++r) {
            for (std::size_t c = 0; c < n; ++c) {
                out << (c ? "," : "") << csv_field(t.cell(r, c));
            }
            out << "\n";
        }
    } else if (format == output_format::md) {
        out << "|";
        for (const auto& c : t.columns) {
            out << " " << markdown_cell(c) << " |";
        }
        out << "\n|";
        for (std::size_t c = 0; c < n; ++c) {
            out << (c < t.numeric.size() && t.numeric[c] ? "---:|" : "---|");
        }
        out << "\n";
        for (std::size_t r = 0; r < rows; ++r) {
            out << "|";
            for (std::size_t c = 0; c < n; ++c) {
                out << " " << markdown_cell(t.cell(r, c)) << " |";
            }
            out << "\n";
        }
    } else if (format == output_format::text) {
        print_text(t, out);
    } else {
        throw usage_error(
            fmt::format("unknown format '{}' (text, md, csv, json)", to_string(format)));
    }
}

} // namespace lbtrack::app
