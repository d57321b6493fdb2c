#include "lbtrack/ingest/wide_table.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/value_parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <optional>

namespace lbtrack::ingest {

namespace {

/// "20250227" -> the day, if it is eight digits naming a real calendar day.
std::optional<std::chrono::year_month_day> parse_yyyymmdd(std::string_view cell) {
    if (cell.size() != 8 ||
        !std::ranges::all_of(cell, [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const auto number = [&](std::size_t from, std::size_t count) {
        unsigned n = 0;
        std::from_chars(cell.data() + from, cell.data() + from + count, n);
        return n;
    };
    const std::chrono::year_month_day day{std::chrono::year(static_cast<int>(number(0, 4))),
                                          std::chrono::month(number(4, 2)),
                                          std::chrono::day(number(6, 2))};
    if (!day.ok()) {
        return std::nullopt;
    }
    return day;
}

} // namespace

table read_wide_table(const table& wide, const std::string& source_id, const std::string& origin) {
    const auto fail = [&](std::size_t line, std::size_t column, const std::string& what) {
        throw parse_error(source_id, origin, line, column, what);
    };
    // read_csv puts the header on line 1 (after a BOM): a table without rows has no row_lines.
    if (wide.header.size() < 2) {
        fail(1, 0,
             fmt::format("a wide table needs a date column and at least one model column; the "
                         "header has {} column(s)",
                         wide.header.size()));
    }
    if (wide.rows.empty()) {
        fail(1, 0, "the wide table has no date rows: no board to read");
    }

    // The newest date, not the last row: result.csv is sorted by date (2024-11 .. 2025-03), but
    // nothing promises it stays so.
    std::size_t newest = 0;
    std::optional<std::size_t> twin; ///< a second row of the newest date seen so far
    std::optional<std::chrono::year_month_day> newest_day;
    for (std::size_t i = 0; i < wide.rows.size(); ++i) {
        const auto day = parse_yyyymmdd(trim_whitespace(wide.rows[i][0]));
        if (!day) {
            fail(wide.row_lines[i], 1,
                 fmt::format("the date cell '{}' is not a YYYYMMDD date", wide.rows[i][0]));
        }
        if (newest_day && *day == *newest_day) {
            twin = twin.value_or(i);
        } else if (!newest_day || *day > *newest_day) {
            newest = i;
            newest_day = day;
            twin.reset();
        }
    }
    if (twin) {
        // Two boards for one day: either could be the published one.
        fail(wide.row_lines[*twin], 1,
             fmt::format("the newest date {} is given twice (lines {} and {})",
                         trim_whitespace(wide.rows[newest][0]), wide.row_lines[newest],
                         wide.row_lines[*twin]));
    }

    const auto& cells = wide.rows[newest];
    const std::size_t line = wide.row_lines[newest];
    table board;
    board.header = {"model", "value"};
    for (std::size_t c = 1; c < wide.header.size(); ++c) {
        const std::string_view cell = trim_whitespace(cells[c]);
        if (is_missing_value(cell)) {
            continue;
        }
        const auto value = parse_number(cell);
        if (!value) {
            fail(line, c + 1,
                 fmt::format("the value '{}' of model '{}' on {} is not a number", cells[c],
                             wide.header[c], trim_whitespace(cells[0])));
        }
        if (*value == 0) {
            continue; // result.csv (2024-11 .. 2025-03) writes 0.0 for a model not on that day's
                      // board
        }
        if (trim_whitespace(wide.header[c]).empty()) {
            fail(line, c + 1,
                 fmt::format("column {} has a value on {} but an empty header: no model name",
                             c + 1, trim_whitespace(cells[0])));
        }
        board.rows.push_back({wide.header[c], std::string(cell)});
        board.row_lines.push_back(line);
    }
    return board;
}

} // namespace lbtrack::ingest
