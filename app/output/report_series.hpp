#pragma once
// Fills a report's chart data from the store: for each board, the rank, score and CI history of
// the models its charts draw (diff::chart_models: today's top N, the largest moves).

#include <pqxx/pqxx>

#include "lbtrack/diff/report.hpp"

#include <chrono>

namespace lbtrack::app {

void add_chart_series(pqxx::transaction_base& tx, diff::run_report& report,
                      std::chrono::days span = std::chrono::days(90));

/// Sets each unchanged board's last change: the time of its latest snapshot (a snapshot is only
/// stored when the board changed).
void add_last_changes(pqxx::transaction_base& tx, diff::run_report& report);

} // namespace lbtrack::app
