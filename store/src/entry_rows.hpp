#pragma once
// Entries read back from `entry e JOIN model m`, without libpqxx 6's per-field costs. Private to
// lbtrack_store.

#include <pqxx/pqxx>

#include "lbtrack/core/entry.hpp"

#include <vector>

namespace lbtrack::store::detail {

/// The columns entries_of reads, from `entry e JOIN model m`.
inline constexpr const char* entry_columns =
    "e.row_number, e.raw_name, m.canonical_key, e.variant, e.organization, e.rank, e.score, "
    "e.ci_plus, e.ci_minus, e.votes, e.license, e.knowledge_cutoff, e.metrics, e.metric_units";

/// The same columns with NULL for the two metric ones: entries without their metrics.
inline constexpr const char* entry_columns_without_metrics =
    "e.row_number, e.raw_name, m.canonical_key, e.variant, e.organization, e.rank, e.score, "
    "e.ci_plus, e.ci_minus, e.votes, e.license, e.knowledge_cutoff, NULL, NULL";

/// The entries of `result`, a query selecting entry_columns, in the rows' order.
std::vector<entry> entries_of(const pqxx::result& result);

} // namespace lbtrack::store::detail
