#pragma once
// Writing and reading snapshots. Every function takes the caller's transaction, so a snapshot
// (its row, its entries, its models, its fetch record) is committed all together or not at all.

#include <pqxx/pqxx>

#include "lbtrack/core/earlier_place.hpp"
#include "lbtrack/core/entry.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/core/time.hpp"
#include "lbtrack/store/fetch_status.hpp"
#include "lbtrack/store/payload_store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::store {

struct snapshot_record {
    std::int64_t id = 0;
    std::string source_id;
    time_point observed_at{};
    std::string payload_sha256; ///< lowercase hex
    std::size_t row_count = 0;
    std::string identity_version; ///< rules and registry its model keys were resolved under
    std::string board_sha256;     ///< board_digest of its entries (hex); "" when stored before 0006
};

/// One fetch attempt as recorded in the `fetch` table.
struct fetch_record {
    std::string source_id;
    time_point started_at{};
    fetch_status status = fetch_status::failed;
    std::string url;
    std::optional<long> http_status;
    std::optional<std::int64_t> bytes;
    std::string payload_sha256; ///< empty when nothing was received
    std::string etag;
    std::string last_modified;
    std::string error;
    std::optional<std::int64_t> snapshot_id;
    /// Set on a fetch refused as a collapsed board: the rows it had (see last_collapsed_rows).
    std::optional<std::int64_t> collapsed_rows;
};

/// The identity rules and registry a snapshot's model keys were resolved under.
struct identity_stamp {
    int rules_version = 0;
    std::string version; ///< "rules 2, registry <digest>" (model_resolver::version_tag)
};

/// The rows of the source's latest fetch before `t` when that fetch was refused as a collapsed
/// board; std::nullopt when the latest fetch was anything else (or there is none).
std::optional<std::int64_t> last_collapsed_rows(pqxx::transaction_base& tx,
                                                const std::string& source_id, time_point t);

/// Inserts the source or refreshes its title, URL and format from the config.
void upsert_source(pqxx::transaction_base& tx, const source& src);

/// Writes the snapshot row, upserts its models and COPYs its entries. The payload must already
/// be stored (put_payload). `board_sha256` is board_digest(entries) when the caller has it
/// (empty: computed here). Returns the new snapshot id.
std::int64_t insert_snapshot(pqxx::transaction_base& tx, const std::string& source_id,
                             time_point observed_at, const std::string& payload_sha256,
                             const std::vector<entry>& entries, const identity_stamp& identity,
                             const std::string& board_sha256 = {});

/// put_payload, insert_snapshot and record_fetch of `fetch` (its snapshot_id the new
/// snapshot's) with the snapshot's row and the fetch record in one statement: what every stored
/// day of a replay writes, in one round trip instead of three. Returns the new snapshot id.
std::int64_t store_snapshot(pqxx::transaction_base& tx, const compressed_payload& payload,
                            time_point observed_at, const std::vector<entry>& entries,
                            const identity_stamp& identity, const std::string& board_sha256,
                            const fetch_record& fetch);

/// Replaces a stored snapshot's entries (reprocess: the same payload resolved under newer
/// identity rules) and stamps it with `identity`. The caller's transaction makes it atomic.
void replace_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                     const std::vector<entry>& entries, const identity_stamp& identity);

void record_fetch(pqxx::transaction_base& tx, const fetch_record& f);

/// The source's latest snapshot observed at or before `at` (latest of all when empty).
std::optional<snapshot_record> snapshot_at_or_before(pqxx::transaction_base& tx,
                                                     const std::string& source_id,
                                                     std::optional<time_point> at = {});

/// The source's latest snapshot observed strictly before `t`.
std::optional<snapshot_record> snapshot_before(pqxx::transaction_base& tx,
                                               const std::string& source_id, time_point t);

/// The source's earliest snapshot observed strictly after `t`.
std::optional<snapshot_record> first_snapshot_after(pqxx::transaction_base& tx,
                                                    const std::string& source_id, time_point t);

/// Every snapshot of the source, oldest first.
std::vector<snapshot_record> snapshots_of_source(pqxx::transaction_base& tx,
                                                 const std::string& source_id);

/// The snapshot with this id, if any.
std::optional<snapshot_record> snapshot_by_id(pqxx::transaction_base& tx, std::int64_t id);

/// What storing a payload observed at `observed_at` must know first, read in one query (three
/// were a round trip each, every day of a replay).
struct payload_neighbours {
    std::optional<snapshot_record> at;     ///< the source's snapshot observed exactly then
    bool recorded_unchanged = false;       ///< a fetch of this payload at `started_at` recorded
                                           ///< as unchanged (fetch_recorded)
    std::optional<snapshot_record> before; ///< the source's latest snapshot observed before
};
payload_neighbours neighbours_of_payload(pqxx::transaction_base& tx, const std::string& source_id,
                                         time_point observed_at, time_point started_at,
                                         const std::string& payload_sha256);

/// The source's snapshot observed exactly at `t`, if any.
std::optional<snapshot_record> snapshot_exactly_at(pqxx::transaction_base& tx,
                                                   const std::string& source_id, time_point t);

/// Whether entries are read with their metrics: a reader that shows none (`board` without
/// `--metrics`, a diff of ranks and scores) skips the two JSON columns, parsing which and
/// allocating each row's metrics was a third of loading openllm-v2's 4,574-row snapshots.
enum class with_metrics : bool { no, yes };

/// A snapshot's entries in row order, with their model keys.
std::vector<entry> load_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                with_metrics metrics = with_metrics::yes);

/// A snapshot's entries with where each stood on an earlier snapshot of the board.
struct entries_against {
    std::vector<entry> entries; ///< as load_entries reads them, in no particular order
    /// Per entry: its rank and score on the earlier snapshot; nullopt when it was not there.
    std::vector<std::optional<earlier_place>> before;
    /// Every score of the earlier snapshot: the precision it published them at.
    std::vector<double> earlier_scores;
};

/// The entries of `snapshot_id`, each matched with the row of `earlier_id` of the same stored
/// model and variant (the first in row order when it has several). Stored models match as model
/// keys do only when both snapshots were stored under the same identity version: the caller
/// checks. Of the earlier snapshot only model, variant, rank and score are read, without the
/// join to `model`: `board` of openllm-v2's 4,574 rows spent more on reading the earlier
/// snapshot as entries (their memory, first of all) than on printing the board (issue 19).
entries_against load_entries_against(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                     std::int64_t earlier_id,
                                     with_metrics metrics = with_metrics::yes);

/// A snapshot's entries ranked `max_rank` or better (ties at it included), by rank then row
/// order: `board --top` reads 10 rows of a 10,000-row board, not all of them.
std::vector<entry> load_top_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                    int max_rank);

/// A snapshot's entries of the models stored under `model_keys` (canonical keys), in row order:
/// the rows `board --top` compares with, not the whole earlier snapshot.
std::vector<entry> load_entries_of_models(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                          const std::vector<std::string>& model_keys);

/// A row whose model (and variant) is ranked differently in an earlier snapshot of its board.
struct stored_rank_move {
    std::string raw_name; ///< as the later snapshot prints it
    std::string variant;
    int from = 0; ///< rank in the earlier snapshot
    int to = 0;   ///< rank in the later one
    std::string model_key{};
};

struct stored_rank_moves {
    std::vector<stored_rank_move> largest; ///< at most `limit`, largest move first
    std::size_t total = 0;                 ///< how many rows moved in all
};

/// The rows of snapshot `later` ranked differently in snapshot `earlier`, matched by stored model
/// and variant — which is matching by model key only when both snapshots were stored under the
/// same identity version (the caller checks). The `limit` largest moves, by size of the move,
/// then the better new rank, then the name in byte order; the server joins the two boards, so
/// `movers` no longer reads 2 × 10,000 rows a board to keep 20 of them.
stored_rank_moves rank_moves_between(pqxx::transaction_base& tx, std::int64_t earlier,
                                     std::int64_t later, std::size_t limit);

/// PostgreSQL timestamptz literal for a time point (UTC, microseconds).
std::string to_timestamp_literal(time_point t);

} // namespace lbtrack::store
