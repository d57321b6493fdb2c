#pragma once
// Wide tables -> a board: a row per publication date, a column per model (lmarena-elo-wide,
// nakasyou/lmarena-history's result.csv: ",gpt-4,claude-2.1,...\n20230508,1205.3,0.0,...").

#include "lbtrack/ingest/table.hpp"

#include <string>

namespace lbtrack::ingest {

/// The board of the newest date in `wide` (as read by read_csv: its first record is the header,
/// its row_lines are the file's lines). The first column holds the dates as YYYYMMDD, whatever
/// its header (empty in result.csv); every other column is a model, named by its header.
///
/// Returns the header {"model", "value"} and, in the wide table's column order, a row per model
/// on the board that day: the cell is a number other than 0. A 0 ("0.0"), an empty cell or a
/// missing-value word (is_missing_value) means the model was not on the board that day.
/// row_lines: the line of the newest date's row, for every row.
///
/// Throws lbtrack::parse_error naming `source_id`, `origin`, the line and the 1-based column for:
/// no model column, no date row, a date that is not a valid YYYYMMDD day, the newest date given
/// twice, a cell of the newest date that is not a number, a model on the board with an empty
/// header.
table read_wide_table(const table& wide, const std::string& source_id, const std::string& origin);

} // namespace lbtrack::ingest
