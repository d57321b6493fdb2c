#pragma once
// Reads for `lbtrack serve`'s model pages: one model's stored facts and every row any board
// printed for it. Every function takes the caller's transaction.

#include <pqxx/pqxx>

#include "lbtrack/core/board_row.hpp"
#include "lbtrack/core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::store {

/// A `model` row: what the identity rules read from its name when it was first stored.
struct model_record {
    std::int64_t id = 0;
    std::string key;
    std::string display_name;
    std::string organization;
    bool provisional = true;
    std::string family;
    std::string version;
    std::string size;
    std::string tuning;
    std::string mode;
    std::string date_tag;
    time_point first_seen{};
};

/// The model stored under `key`, if any.
std::optional<model_record> model_by_key(pqxx::transaction_base& tx, const std::string& key);

/// Models whose key or display name contains `text` (case-insensitive), by display name, at
/// most `limit`; with `text` empty, the models of the most recent snapshots.
std::vector<model_record> search_models(pqxx::transaction_base& tx, const std::string& text,
                                        std::size_t limit);

/// One row a board printed for the model, with the snapshot it belongs to.
struct model_observation : printed_row {
    std::int64_t snapshot_id = 0;
    std::string source_id;
    time_point observed_at{};
};

/// Every row of the model on every board, by board, then time, then variant (read from
/// entry_model_history, then the snapshots and rows it points to).
std::vector<model_observation> model_observations(pqxx::transaction_base& tx,
                                                  std::int64_t model_id);

} // namespace lbtrack::store
