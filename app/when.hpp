#pragma once
// WHEN arguments: a date (2025-06-27, meaning the end of that day, so "as of a date" includes
// that day's snapshots), a timestamp (2025-06-27T10:00:00Z or "2025-06-27 10:00"), or a span
// back from now (30d, 12h, 2w).

#include <pqxx/pqxx>

#include "lbtrack/core/time.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lbtrack::app {

/// Throws lbtrack::usage_error naming the text when it is none of the above.
time_point parse_when(std::string_view text, time_point now);

/// The source's snapshot at or before `when`, its latest without one; throws lbtrack::error
/// "source 'ID' has no snapshot at or before WRITTEN" (WRITTEN: the WHEN as given) when none is.
store::snapshot_record snapshot_as_of(pqxx::transaction_base& tx, const std::string& source_id,
                                      std::optional<time_point> when, std::string_view written);

/// Parses a replay file stem "YYYY-MM-DD" to midnight UTC; false when it is not such a date.
bool parse_date(std::string_view text, time_point& out);

} // namespace lbtrack::app
