#pragma once
// One small table in the query formats: aligned text for a terminal, a Markdown pipe table, CSV
// (RFC 4180) or a JSON array of objects. Query commands (board, movers) build rows of strings
// and let this print them, so every query speaks every format the same way.

#include "output/output_format.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack::app {

struct output_table {
    output_table() = default;
    output_table(std::vector<std::string> names, std::vector<bool> numbers)
        : columns(std::move(names)), numeric(std::move(numbers)) {}

    std::vector<std::string> columns;
    /// Per column: true when its cells are JSON numbers (written bare; "" becomes null).
    std::vector<bool> numeric;

    /// Appends a cell to the row being filled; a row is columns.size() cells.
    void add(std::string_view cell) {
        text_.append(cell);
        ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    }
    /// Appends a whole row.
    void add_row(std::initializer_list<std::string_view> cells) {
        for (const auto cell : cells) {
            add(cell);
        }
    }
    /// The text buffer the next cell is appended to: format into it, then close_cell().
    std::string& open_cell() { return text_; }
    void close_cell() { ends_.push_back(static_cast<std::uint32_t>(text_.size())); }

    std::size_t row_count() const { return columns.empty() ? 0 : ends_.size() / columns.size(); }
    std::string_view cell(std::size_t row, std::size_t column) const {
        const std::size_t i = row * columns.size() + column;
        const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(text_).substr(begin, ends_[i] - begin);
    }

private:
    // Every cell's text in one buffer and where each ends, rather than a vector of strings per
    // row: `board` of a 4,574-row snapshot held 45,000 strings in 4,574 vectors, ~2 MB of fresh
    // memory whose page faults cost more than writing the cells (issue 19).
    std::string text_;
    std::vector<std::uint32_t> ends_;
};

/// Prints `t` as text, md, csv or json. Throws lbtrack::usage_error for another format.
void print_table(const output_table& t, output_format format, std::ostream& out);

} // namespace lbtrack::app
