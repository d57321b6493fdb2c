#pragma once
// The largest rank moves across boards since a time: what `lbtrack movers` prints, and what
// bench/store_queries_bench times.

#include <pqxx/pqxx>

#include "lbtrack/core/source.hpp"
#include "lbtrack/core/time.hpp"
#include "lbtrack/ingest/model_resolver.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace lbtrack::app {

struct rank_move {
    std::string source;
    std::string name; ///< as the board prints it now
    std::string variant;
    int from = 0;
    int to = 0;
    std::string from_date; ///< YYYY-MM-DD of the snapshot compared from
    std::string to_date;   ///< and of the latest one
};

struct rank_moves {
    std::vector<rank_move> largest;   ///< at most `top`: largest move first (either way), then the
                                      ///< better new rank, then the name, then the board
    std::size_t total = 0;            ///< moves on all boards
    std::vector<std::string> skipped; ///< boards with no earlier snapshot to compare
    /// One line per board: the two snapshots compared and the moves found, or why nothing was
    /// compared (no snapshot; the latest one older than `since`; one snapshot only).
    std::vector<std::string> compared;
};

/// For each board of `sources`: its latest snapshot against the one in force at `since` (or its
/// first one, for a board younger than that), rows matched by model and variant. When both
/// snapshots were stored under `resolver`'s identity, the server joins them and returns only the
/// largest moves; otherwise both are read and keyed again (entries_for_diff).
rank_moves largest_rank_moves(pqxx::transaction_base& tx, const std::vector<const source*>& sources,
                              time_point since, const ingest::model_resolver& resolver,
                              std::size_t top);

} // namespace lbtrack::app
