#pragma once
// Reads (and the one clean-up) of the `model` table: what `lbtrack models`, `history` and
// `reprocess` show. Every function takes the caller's transaction.

#include <pqxx/pqxx>

#include "lbtrack/core/board_row.hpp"
#include "lbtrack/core/time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::store {

struct board_presence {
    long long entries = 0;
    std::string last_seen; ///< YYYY-MM-DD (UTC) of the newest snapshot holding the model
};

struct stored_model {
    std::int64_t id = 0;
    std::string key;
    std::string name;
    bool provisional = false;
    std::map<std::string, board_presence> boards; ///< by source id
};

/// Models with entries, by key, with the boards they are on; `provisional_only` for the
/// unreviewed ones; `sources` (empty: all) limits the boards looked at.
std::vector<stored_model> stored_models(pqxx::transaction_base& tx, bool provisional_only,
                                        const std::vector<std::string>& sources);

/// Keys of the models that are not provisional.
std::vector<std::string> confirmed_model_keys(pqxx::transaction_base& tx);

struct model_ref {
    std::int64_t id = 0;
    std::string key;
    std::string name;
};

/// The model stored under `resolved_key`; else those whose key or display name is `typed`
/// (case-insensitive name) or that have an entry printed exactly as `typed`.
std::vector<model_ref> find_models(pqxx::transaction_base& tx, const std::string& resolved_key,
                                   const std::string& typed);

struct history_point {
    std::string source_id;
    std::string observed_at; ///< ISO 8601 UTC, "2025-06-01T00:00:00Z"
    std::string variant;
    std::optional<int> rank;
    std::optional<double> score;
    std::string printed_name;
};

/// One model's entries by source, then time, then variant.
std::vector<history_point> model_history(pqxx::transaction_base& tx, std::int64_t model_id,
                                         const std::vector<std::string>& sources,
                                         std::optional<time_point> since);

/// One stored observation of a model on a board, for charts.
struct series_point {
    time_point at{};
    std::optional<int> rank;
    std::optional<double> score;
    std::optional<double> ci_plus{}; ///< the published CI's half-widths, when the board has one
    std::optional<double> ci_minus{};
};

/// The rank, score and CI over time of the models stored under `model_keys` on one board, from
/// `since` on, oldest first; a model's best-ranked row per snapshot when it has variants.
std::map<std::string, std::vector<series_point>>
board_series(pqxx::transaction_base& tx, const std::string& source_id,
             const std::vector<std::string>& model_keys, std::optional<time_point> since);

/// A row that one snapshot of a board has and the board's previous snapshot has not (added), or
/// the reverse (dropped): a model and variant present on one side only. Rows of a model that stays
/// are not returned, so the read is one anti-join over the entries, not a copy of every board.
struct board_change {
    std::string source_id;
    std::string before_date; ///< YYYY-MM-DD (UTC) of the earlier snapshot
    std::string after_date;  ///< YYYY-MM-DD (UTC) of the later snapshot
    bool added = false;      ///< true: on the later snapshot only; false: on the earlier only
    board_row row;
};

/// The added and dropped rows of every pair of consecutive snapshots of each board (`sources`
/// empty: every board), by board, then the later snapshot's time, dropped before added, then the
/// row's position in its snapshot.
std::vector<board_change> board_changes(pqxx::transaction_base& tx,
                                        const std::vector<std::string>& sources);

long long model_count(pqxx::transaction_base& tx);

/// Deletes the models no entry refers to any more (those a reprocess merged into another) and
/// returns how many.
long long drop_unreferenced_models(pqxx::transaction_base& tx);

} // namespace lbtrack::store
