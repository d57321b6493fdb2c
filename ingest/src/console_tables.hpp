#pragma once
// Leaderboards printed by a script and pasted into a fenced code block of a Markdown page
// (arena-hard-auto's README): text laid out as a table without any table markup
// (markdown_tables.cpp reads them as tables of the page).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest::markdown {

struct console_table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows; ///< each exactly as wide as the header
    std::vector<std::size_t> row_lines;         ///< 0-based line of each row in the block
};

/// The tables in the text of one code block, in order. Two layouts are recognised:
///  - labelled lines, `name | score: 79.3 | 95% CI: (-2.1, 2.0) | average #tokens: 567`
///    (arena-hard-auto 2024-04 .. 2025-03): columns "model" and each label, in order; a run of
///    such lines with the same labels is one table;
///  - a pandas DataFrame print-out (arena-hard-auto from 2025-04-20): a header line of column
///    names separated by two or more spaces, then lines `0   o3-2025-04-16   86.1  (-1.1 / +1.1)`
///    whose first field is the row number 0, 1, 2...; the row number is not a column.
/// Other lines (the command that printed the table, blank lines) end a table. A block with
/// neither layout (a shell session, a config file) gives no table.
std::vector<console_table> read_console_tables(std::string_view code);

} // namespace lbtrack::ingest::markdown
