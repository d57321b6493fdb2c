#pragma once
// A snapshot's entries written with one COPY. Private to lbtrack_store.

#include <pqxx/pqxx>

#include "lbtrack/core/entry.hpp"

#include <cstdint>
#include <vector>

namespace lbtrack::store::detail {

/// Upserts the entries' models, then streams the entries into snapshot `snapshot_id`.
void write_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                   const std::vector<entry>& entries);

} // namespace lbtrack::store::detail
