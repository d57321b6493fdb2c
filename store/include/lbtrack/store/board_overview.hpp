#pragma once
// Reads for `lbtrack serve`'s boards page and health endpoint: each source's latest snapshot and
// fetches, every snapshot's time, and each snapshot's leader. Every function takes the caller's
// transaction.

#include <pqxx/pqxx>

#include "lbtrack/core/time.hpp"
#include "lbtrack/store/fetch_status.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::store {

/// A fetch attempt as the status pages show it.
struct fetch_summary {
    time_point started_at{};
    fetch_status status = fetch_status::failed;
    std::optional<long> http_status;
    std::string error;
};

/// One source with its latest snapshot and the fetches that tell whether it is healthy.
struct source_status {
    std::string id;
    std::string title;
    std::string url;
    std::string format;
    std::optional<std::int64_t> latest_snapshot_id;
    std::optional<time_point> latest_snapshot_at; ///< the last time its board changed
    std::size_t latest_rows = 0;
    std::size_t snapshots = 0;
    std::optional<fetch_summary> last_fetch;
    std::optional<time_point> last_success; ///< latest fetch stored or unchanged
    std::optional<fetch_summary> last_failure;
};

/// Every source (`source_id` empty) or the one named, by id.
std::vector<source_status> source_statuses(pqxx::transaction_base& tx,
                                           const std::string& source_id = {});

struct snapshot_time {
    std::int64_t id = 0;
    std::string source_id;
    time_point observed_at{};
    std::string identity_version;
};

/// Every snapshot of every source (`source_id` empty) or of one, by source then time.
std::vector<snapshot_time> snapshot_times(pqxx::transaction_base& tx,
                                          const std::string& source_id = {});

/// The best-ranked row of a snapshot (lowest rank, then row order).
struct snapshot_leader {
    std::int64_t snapshot_id = 0;
    std::optional<double> score;
    std::string printed_name;
    std::string model_key;
};

/// The leader of each of `snapshot_ids` that has a ranked row, in no particular order. Reads
/// every row of those snapshots (no index orders a snapshot's rows by rank): callers keep the
/// answers, which never change for a snapshot under one identity version.
std::vector<snapshot_leader> snapshot_leaders(pqxx::transaction_base& tx,
                                              const std::vector<std::int64_t>& snapshot_ids);

/// A text that changes whenever a stored snapshot, its entries' identity or a fetch record
/// changes (a run, a replay, a reprocess commits): what `serve` keys its cached answers with.
/// One scan of `snapshot` (thousands of rows at DESIGN.md's scale) and one index probe.
std::string data_version(pqxx::transaction_base& tx);

} // namespace lbtrack::store
