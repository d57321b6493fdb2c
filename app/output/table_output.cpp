#include "output/table_output.hpp"

#include "lbtrack/core/csv_text.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_text.hpp"
#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace lbtrack::app {

namespace {

/// Display width of UTF-8 text for alignment: code points, East Asian wide ones counted twice
/// (model names on Chinese boards), so columns line up in a terminal.
std::size_t display_width(const std::string& s) {
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

/// Aligned columns for a terminal, numbers right-aligned. Every cell through printable_text: a
/// name holding ESC[2J, an OSC 8 hyperlink, 0x9b or a line break must not reach the terminal raw.
/// (CSV and JSON quote by their own rules and keep the values as stored.)
void print_text(const output_table& t, std::ostream& out) {
    const auto shown = [](const std::vector<std::string>& cells) {
        std::vector<std::string> cleaned;
        for (const auto& cell : cells) {
            cleaned.push_back(printable_text(cell));
        }
        return cleaned;
    };
    const auto columns = shown(t.columns);
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : t.rows) {
        rows.push_back(shown(row));
    }
    std::vector<std::size_t> widths(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
        widths[c] = display_width(columns[c]);
        for (const auto& row : rows) {
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const auto pad = std::string(widths[c] - display_width(cells[c]), ' ');
            const bool right = c < t.numeric.size() && t.numeric[c];
            text += (c ? "  " : "") + (right ? pad + cells[c] : cells[c] + pad);
        }
        while (!text.empty() && text.back() == ' ') {
            text.pop_back();
        }
        out << text << "\n";
    };
    line(columns);
    for (const auto& row : rows) {
        line(row);
    }
}

} // namespace

void print_table(const output_table& t, output_format format, std::ostream& out) {
    if (format == output_format::json) {
        out << "[";
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            out << (r ? ",\n{" : "\n{");
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                const auto& cell = t.rows[r][c];
                const bool number = c < t.numeric.size() && t.numeric[c];
                out << (c ? "," : "") << json_quote(t.columns[c]) << ":"
                    << (number ? (cell.empty() ? std::string("null") : cell) : json_quote(cell));
            }
            out << "}";
        }
        out << "\n]\n";
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
