#include "console_tables.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace lbtrack::ingest::markdown {

namespace {

std::string_view trim(std::string_view s) {
    const auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) {
        return {};
    }
    return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string_view> split_lines(std::string_view code) {
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    while (begin <= code.size()) {
        const std::size_t end = std::min(code.find('\n', begin), code.size());
        lines.push_back(code.substr(begin, end - begin));
        begin = end + 1;
    }
    return lines;
}

// ---------------------------------------------------------------------------------------------
// `name | score: 79.3 | 95% CI: (-2.1, 2.0) | average #tokens: 567`

struct labelled_line {
    std::vector<std::string> labels;
    std::vector<std::string> cells; ///< the name, then one value per label
};

/// The line as a labelled row, when it is one: a name, then at least two `label: value` fields
/// (one field would also match prose such as "see | note: x").
std::optional<labelled_line> as_labelled_line(std::string_view line) {
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    while (true) {
        const std::size_t bar = line.find('|', begin);
        parts.push_back(
            trim(line.substr(begin, bar == std::string_view::npos ? bar : bar - begin)));
        if (bar == std::string_view::npos) {
            break;
        }
        begin = bar + 1;
    }
    if (parts.size() < 3 || parts.front().empty()) {
        return std::nullopt;
    }
    labelled_line out;
    out.cells.emplace_back(parts.front());
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::size_t colon = parts[i].find(':');
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view label = trim(parts[i].substr(0, colon));
        const std::string_view value = trim(parts[i].substr(colon + 1));
        if (label.empty() || value.empty()) {
            return std::nullopt;
        }
        out.labels.emplace_back(label);
        out.cells.emplace_back(value);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// pandas: `                 Model  Scores (%)         CI (%)` then `0   o3-2025-04-16   86.1 ...`

/// The fields of a line, split at runs of two or more spaces (pandas puts at least two between
/// columns; one space stays inside a value such as "(-1.1 / +1.1)" or "Scores (%)").
std::vector<std::string> fields(std::string_view line) {
    std::vector<std::string> out;
    line = trim(line);
    std::size_t begin = 0;
    while (begin < line.size()) {
        std::size_t end = line.find("  ", begin);
        if (end == std::string_view::npos) {
            end = line.size();
        }
        out.emplace_back(trim(line.substr(begin, end - begin)));
        begin = line.find_first_not_of(' ', end);
        if (begin == std::string_view::npos) {
            break;
        }
    }
    return out;
}

bool is_row_number(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A pandas row under a header of `width` columns: the row number, then one field per column.
std::optional<std::vector<std::string>> as_pandas_row(std::string_view line, std::size_t width) {
    auto f = fields(line);
    if (f.size() != width + 1 || !is_row_number(f.front())) {
        return std::nullopt;
    }
    f.erase(f.begin());
    return f;
}

} // namespace

std::vector<console_table> read_console_tables(std::string_view code) {
    const auto lines = split_lines(code);
    std::vector<console_table> tables;
    std::size_t i = 0;
    while (i < lines.size()) {
        if (auto first = as_labelled_line(lines[i])) {
            console_table t;
            t.header.emplace_back("model");
            t.header.insert(t.header.end(), first->labels.begin(), first->labels.end());
            t.rows.push_back(std::move(first->cells));
            t.row_lines.push_back(i);
            for (++i; i < lines.size(); ++i) {
                auto next = as_labelled_line(lines[i]);
                if (!next || next->labels != first->labels) {
                    break;
                }
                t.rows.push_back(std::move(next->cells));
                t.row_lines.push_back(i);
            }
            tables.push_back(std::move(t));
            continue;
        }
        const auto header = fields(lines[i]);
        if (header.size() >= 2 && i + 1 < lines.size()) {
            console_table t;
            for (std::size_t r = i + 1; r < lines.size(); ++r) {
                auto row = as_pandas_row(lines[r], header.size());
                if (!row) {
                    break;
                }
                t.rows.push_back(std::move(*row));
                t.row_lines.push_back(r);
            }
            if (!t.rows.empty()) {
                t.header = header;
                i += t.rows.size() + 1;
                tables.push_back(std::move(t));
                continue;
            }
        }
        ++i;
    }
    return tables;
}

} // namespace lbtrack::ingest::markdown
