#include "data_table.hpp"

#include "lbtrack/core/csv_text.hpp"
#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/utf8_text.hpp"
#include "lbtrack/diff/markup.hpp"
#include "lbtrack/diff/number_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lbtrack::serve {

using diff::escape_markup;

namespace {

/// The columns the HTML table shows.
std::vector<bool> html_columns(const data_table& t) {
    std::vector<bool> shown;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const auto& c = t.columns[i];
        bool show = c.shown != shown_in::data_only;
        if (show && c.hide_when_empty) {
            show = std::any_of(t.rows.begin(), t.rows.end(), [&](const auto& row) {
                return i < row.size() &&
                       !(row[i].value.empty() && row[i].display.empty() && row[i].html.empty());
            });
        }
        shown.push_back(show);
    }
    return shown;
}

} // namespace

std::string table_html(const data_table& t) {
    const auto shown = html_columns(t);
    std::string out = t.css_class.empty()
                          ? std::string("<table>\n<thead><tr>")
                          : fmt::format("<table class=\"{}\">\n<thead><tr>", t.css_class);
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (shown[i]) {
            out += fmt::format("<th{}>{}</th>", t.columns[i].numeric ? " class=\"num\"" : "",
                               escape_markup(t.columns[i].label));
        }
    }
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row_class = r < t.row_classes.size() ? t.row_classes[r] : std::string();
        out += row_class.empty() ? "<tr>" : fmt::format("<tr class=\"{}\">", row_class);
        for (std::size_t i = 0; i < t.columns.size() && i < t.rows[r].size(); ++i) {
            const auto& col = t.columns[i];
            if (!shown[i]) {
                continue;
            }
            const auto& cell = t.rows[r][i];
            std::string classes = col.numeric ? "num" : "";
            if (!cell.css_class.empty()) {
                classes += (classes.empty() ? "" : " ") + cell.css_class;
            }
            std::string content =
                !cell.html.empty()
                    ? cell.html
                    : escape_markup(cell.display.empty() ? cell.value : cell.display);
            if (!cell.href.empty()) {
                content = fmt::format("<a href=\"{}\">{}</a>", escape_markup(cell.href), content);
            }
            out += fmt::format(
                "<td{}{}>{}</td>", classes.empty() ? "" : fmt::format(" class=\"{}\"", classes),
                cell.title.empty() ? "" : fmt::format(" title=\"{}\"", escape_markup(cell.title)),
                content);
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    return out;
}

std::string table_csv(const data_table& t) {
    std::string out;
    const auto line = [&](auto field_of) {
        bool first = true;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            if (t.columns[i].shown == shown_in::html_only) {
                continue;
            }
            out += first ? "" : ",";
            out += csv_field(valid_utf8(field_of(i))); // the answer says charset=utf-8
            first = false;
        }
        out += "\r\n"; // RFC 4180
    };
    line([&](std::size_t i) { return std::string_view(t.columns[i].key); });
    for (const auto& row : t.rows) {
        line([&](std::size_t i) {
            return i < row.size() ? std::string_view(row[i].value) : std::string_view();
        });
    }
    return out;
}

ordered_json table_json(const data_table& t) {
    auto rows = ordered_json::array();
    for (const auto& row : t.rows) {
        ordered_json object = ordered_json::object();
        for (std::size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
            const auto& col = t.columns[i];
            if (col.shown == shown_in::html_only) {
                continue;
            }
            object[col.key] =
                col.numeric ? json_number(row[i].number) : json_text_or_null(row[i].value);
        }
        rows.push_back(std::move(object));
    }
    return rows;
}

table_cell text_cell(std::string text) {
    return {std::move(text)};
}

table_cell link_cell(std::string text, std::string href) {
    table_cell c{std::move(text)};
    c.href = std::move(href);
    return c;
}

std::string display_number(double v) {
    auto text = diff::number_text(v);
    const auto point = text.find('.');
    if (point != std::string::npos && text.size() - point - 1 > 4 &&
        text.find_first_of("eE") == std::string::npos) {
        text = fmt::format("{:.2f}", v);
    }
    return text;
}

table_cell number_cell(const std::optional<double>& v) {
    if (!v || !std::isfinite(*v)) {
        return {""};
    }
    table_cell c{diff::number_text(*v), *v};
    c.display = display_number(*v);
    return c;
}

table_cell spelled_number_cell(std::string text) {
    const auto v = spelled_number(text);
    if (!v) {
        // Only our own formatting reaches here: a spelling that reads as no number is a bug.
        throw std::logic_error("not a number: " + text);
    }
    return {std::move(text), *v};
}

table_cell time_cell(const std::optional<time_point>& t, std::string href) {
    table_cell c{t ? format_rfc3339(*t) : std::string()};
    c.display = t ? format_utc(*t) : "–";
    c.css_class = "date";
    c.href = t ? std::move(href) : std::string();
    return c;
}

table_cell integer_cell(const std::optional<long long>& v) {
    if (!v) {
        return {""};
    }
    // Ranks, votes and counts: far below 2^53, so exact as a double; json_number writes them
    // as integers.
    return {std::to_string(*v), static_cast<double>(*v)};
}

} // namespace lbtrack::serve
