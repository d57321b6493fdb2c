#pragma once
// Entries read back from `entry e JOIN model m`, without libpqxx 6's per-field costs. Private to
// lbtrack_store.

#include <pqxx/pqxx>

#include "lbtrack/core/earlier_place.hpp"
#include "lbtrack/core/entry.hpp"

#include <cstdint>
#include <functional>
#include <string_view>
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

/// The entries of `result`, a query selecting entry_columns, in the rows' order. With
/// `model_ids`, the query selects e.model_id after them, and each row's is appended there.
std::vector<entry> entries_of(const pqxx::result& result,
                              std::vector<std::int64_t>* model_ids = nullptr);

/// The columns places_of reads, from `entry`: what a later snapshot's rows are compared with.
inline constexpr const char* place_columns = "model_id, variant, rank, score, row_number";

/// A row of a query selecting place_columns; `variant` views the result.
struct stored_place {
    std::int64_t model_id = 0;
    std::string_view variant;
    earlier_place place;
    std::int64_t row = 0;
};

/// Calls `visit` with each row of `result`, a query selecting place_columns, in its order.
void for_each_place(const pqxx::result& result,
                    const std::function<void(const stored_place&)>& visit);

} // namespace lbtrack::store::detail
