#pragma once
// What changed between two snapshots of a board (diff::board_diff), for the board page's "changes
// of the day", the diff page and the feeds: HTML sections, a flat table for CSV, the report JSON.

#include "data_table.hpp"

#include "lbtrack/core/json_out.hpp"
#include "lbtrack/diff/board_diff.hpp"
#include "lbtrack/diff/report.hpp"

#include <cstddef>
#include <string>

namespace lbtrack::serve {

/// The changes as HTML (every name escaped, models linked to their pages). Long lists stop
/// after `list_limit` rows with a line saying how many more there are.
std::string board_diff_html(const diff::board_diff& d, std::size_t list_limit);

/// One line per change: "new leader: o3 (was Gemini 2.5 Pro); 3 new, 1 dropped, 5 moved".
std::string board_diff_summary(const diff::board_diff& d);

/// Every change as a row: kind (added, dropped, moved, within_ci, rescored, entered_top,
/// left_top, metric, metadata, new_leader), model, key, detail, from, to.
data_table board_diff_table(const diff::board_diff& d);

/// The report JSON of docs/report-json.md for one board (diff::report_json), generated "at" the
/// newer snapshot's time so the same two snapshots always give the same bytes.
ordered_json board_diff_json(const diff::board_diff& d, const diff::diff_context& context);

} // namespace lbtrack::serve
