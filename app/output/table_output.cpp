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
std::string markdown_cell(const std::string& s) {
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
bool plain_ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

/// Aligned columns for a terminal, numbers right-aligned. Every cell through printable_text: a
/// name holding ESC[2J, an OSC 8 hyperlink, 0x9b or a line break must not reach the terminal raw.
/// (CSV and JSON quote by their own rules and keep the values as stored.)
/// The cells are viewed, not copied, unless they need escaping, and the table is written as one
/// buffer: copying every cell and building each line from temporaries was a tenth of `board`'s
/// CPU on a 4,574-row snapshot (issue 19).
void print_text(const output_table& t, std::ostream& out) {
    const std::size_t n = t.columns.size();
    std::vector<std::string> escaped;    // the cells printable_text changes, kept alive here
    std::vector<std::string_view> cells; // the header, then each row, n cells each
    std::vector<std::size_t> cell_widths;
    cells.reserve((t.rows.size() + 1) * n);
    cell_widths.reserve(cells.capacity());
    std::size_t escapes = 0;
    const auto count = [&](const std::vector<std::string>& row) {
        for (const auto& cell : row) {
            escapes += plain_ascii(cell) ? 0 : 1;
        }
    };
    count(t.columns);
    for (const auto& row : t.rows) {
        count(row);
    }
    escaped.reserve(escapes); // no reallocation: the views below stay valid
    std::vector<std::size_t> widths(n);
    const auto take = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < n; ++c) {
            const auto& cell = row[c];
            std::string_view shown = cell;
            if (!plain_ascii(cell)) {
                shown = escaped.emplace_back(printable_text(cell));
            }
            const auto width = display_width(shown);
            cells.push_back(shown);
            cell_widths.push_back(width);
            widths[c] = std::max(widths[c], width);
        }
    };
    take(t.columns);
    for (const auto& row : t.rows) {
        take(row);
    }
    std::string text;
    std::size_t line_bytes = 0;
    for (const auto w : widths) {
        line_bytes += w + 2;
    }
    text.reserve((t.rows.size() + 1) * line_bytes);
    for (std::size_t at = 0; at < cells.size(); at += n) {
        const std::size_t line_start = text.size();
        for (std::size_t c = 0; c < n; ++c) {
            const auto pad = widths[c] - cell_widths[at + c];
            const bool right = c < t.numeric.size() && t.numeric[c];
            if (c > 0) {
                text.append(2, ' ');
            }
            if (right) {
                text.append(pad, ' ');
            }
            text.append(cells[at + c]);
            if (!right) {
                text.append(pad, ' ');
            }
        }
        while (text.size() > line_start && text.back() == ' ') {
            text.pop_back();
        }
        text += '\n';
    }
    out << text;
}

} // namespace

void print_table(const output_table& t, output_format format, std::ostream& out) {
    if (format == output_format::json) {
        std::vector<ordered_json> rows;
        rows.reserve(t.rows.size());
        for (const auto& cells : t.rows) {
            ordered_json row = ordered_json::object();
            for (std::size_t c = 0; c < t.columns.size() && c < cells.size(); ++c) {
                const bool number = c < t.numeric.size() && t.numeric[c];
                row[t.columns[c]] = number ? json_spelled_number(cells[c]) : ordered_json(cells[c]);
            }
            rows.push_back(std::move(row));
        }
        out << json_array_by_line(rows);
    } else if (format == output_format::csv) {
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            out << (c ? "," : "") << csv_field(t.columns[c]);
        }
        out << "\n";
        for (const auto& row : t.rows) {
            for (std::size_t c = 0; c < row.size(); ++c) {
                out << (c ? "," : "") << csv_field(row[c]);
            }
            out << "\n";
        }
    } else if (format == output_format::md) {
        out << "|";
        for (const auto& c : t.columns) {
            out << " " << markdown_cell(c) << " |";
        }
        out << "\n|";
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            out << (c < t.numeric.size() && t.numeric[c] ? "---:|" : "---|");
        }
        out << "\n";
        for (const auto& row : t.rows) {
            out << "|";
            for (const auto& cell : row) {
                out << " " << markdown_cell(cell) << " |";
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
