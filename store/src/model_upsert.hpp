#pragma once
// The model rows a snapshot's entries point at: read, and inserted or refreshed where new or
// changed, before the entries are copied. Private to lbtrack_store.

#include <pqxx/pqxx>

#include "lbtrack/core/entry.hpp"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lbtrack::store::detail {

/// Model ids by key; the keys view the entries' model_key strings.
using model_ids = std::unordered_map<std::string_view, std::int64_t>;

/// The snapshot's models, key -> id, upserting those that are new or changed.
model_ids upsert_models(pqxx::transaction_base& tx, const std::vector<entry>& entries);

} // namespace lbtrack::store::detail
