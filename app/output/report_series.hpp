#pragma once
// Fills a report's chart data from the store: for each board, the rank and score history of the
// models its diff features (the new leader, the largest moves, newcomers near the top).

#include <pqxx/pqxx>

#include "lbtrack/diff/report.hpp"

#include <chrono>

namespace lbtrack::app {

/// At most this many models per board get a chart line: more lines are unreadable at the size
/// of a report chart.
inline constexpr std::size_t max_chart_series = 6;

void add_chart_series(pqxx::transaction_base& tx, diff::run_report& report,
                      std::chrono::days span = std::chrono::days(90));

/// Sets each unchanged board's last change: the time of its latest snapshot (a snapshot is only
/// stored when the board changed).
void add_last_changes(pqxx::transaction_base& tx, diff::run_report& report);

} // namespace lbtrack::app
