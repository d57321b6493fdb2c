#pragma once
// Finding the board and the snapshot a page is about, with the 404s that say what is missing.

#include "pages.hpp"

#include "lbtrack/diff/report.hpp"
#include "lbtrack/store/board_overview.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <optional>
#include <string>

namespace lbtrack::serve {

/// The stored source; throws not_found.
store::source_status find_board(page_context& ctx, const std::string& source_id);

/// The board's snapshot in force at `at` (the latest when empty); throws not_found naming the
/// board and `at`.
store::snapshot_record find_snapshot(page_context& ctx, const store::source_status& board,
                                     const std::optional<time_point>& at);

/// The as_of (or from/to) parameter that selects exactly this snapshot: its time, to the second
/// (a date would select the day's last snapshot, which may be a later one).
std::string when_param_of(time_point observed_at);

/// What the diff of `after` against `before` compares, for the report renderers.
diff::diff_context context_of(const store::source_status& board,
                              const std::optional<store::snapshot_record>& before,
                              const store::snapshot_record& after);

} // namespace lbtrack::serve
