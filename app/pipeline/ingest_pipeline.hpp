#pragma once
// One payload of one source through parse -> extract -> validate -> store -> diff. Shared by
// `run` (fetched payloads) and `replay` (dated files).

#include <pqxx/pqxx>

#include "lbtrack/core/source.hpp"
#include "lbtrack/core/time.hpp"
#include "lbtrack/diff/board_diff.hpp"
#include "lbtrack/diff/report.hpp"
#include "lbtrack/ingest/fetcher.hpp"
#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/store/payload_store.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <optional>
#include <string>

namespace lbtrack::app {

struct payload_input {
    std::string origin; ///< file path or URL, named in errors
    /// What was fetched: the bytes, the URL after redirects, status and validators. A replayed
    /// file has only body and url (http_status 0: none, recorded as NULL).
    ingest::fetch_result fetched;
    time_point observed_at{};
    time_point started_at{};
    /// A page without the source's table is recorded as "no board" instead of failing: set by
    /// the replays, whose histories start before a board existed. A run leaves it unset.
    bool board_may_be_absent = false;
    /// A stored snapshot is marked as awaiting the digest in its own transaction
    /// (store::await_digest): set by `run --notify`, whose digest transaction clears the marks.
    bool await_digest = false;
};

enum class outcome_status {
    stored,         ///< a new snapshot was written
    unchanged,      ///< identical to the latest earlier payload: fetch recorded, no snapshot
    already_stored, ///< this exact payload was already ingested for this time: nothing written
    no_board,       ///< the page holds no board (replays only): fetch recorded, no snapshot
    failed,         ///< nothing of the snapshot was written; `message` says why
};

struct ingest_outcome {
    outcome_status status = outcome_status::failed;
    std::string source_id;
    std::string message;
    std::size_t rows = 0;
    std::int64_t snapshot_id = 0; ///< the stored snapshot (status == stored), else 0
    /// Set when status == stored: the previous and the new snapshot's entries under today's
    /// identity and their diff, for the log line and the run's report (diff::build_report).
    std::optional<diff::board_snapshots> compared;
};

/// Parse -> extract -> validate -> normalize of one payload, as observed at `observed_at`.
/// Throws lbtrack::error subclasses for bad payloads. Also what reprocess re-runs. Warnings
/// (repeated rows, names kept apart) are logged, or collected in `warnings` when given.
std::vector<entry> entries_of_payload(const source& src, std::string_view bytes,
                                      const std::string& origin, time_point observed_at,
                                      const ingest::model_resolver& resolver,
                                      std::vector<std::string>* warnings = nullptr);

/// A payload taken through everything that needs no database: its hash and zstd form, and its
/// entries or why it has none. Made without a connection, so a replay prepares the next day on
/// another thread while this one is written (prepare_ahead.hpp).
struct prepared_payload {
    payload_input input;
    store::compressed_payload stored_form;
    std::vector<entry> entries;
    std::string board_sha256;          ///< store::board_digest(entries), made off the store path
    std::vector<std::string> warnings; ///< logged when the payload is stored, in order
    std::optional<std::string> error;  ///< a bad payload's message: recorded as a failed fetch
    bool no_board = false;             ///< the error says the page holds no board at all
};

prepared_payload prepare_payload(const source& src, payload_input input,
                                 const ingest::model_resolver& resolver);

/// A stored snapshot's entries keyed under `resolver`'s rules and registry: both sides of a diff
/// are compared under today's identity, so a snapshot stored under older ones (before `lbtrack
/// reprocess`) does not show every renamed key as a drop plus an add. Snapshots already resolved
/// under today's identity are returned as stored.
std::vector<entry> entries_for_diff(pqxx::transaction_base& tx,
                                    const store::snapshot_record& snapshot,
                                    const ingest::model_resolver& resolver,
                                    store::with_metrics metrics = store::with_metrics::yes);

/// A stored snapshot's entries as `board` lists them: by rank, unranked rows last, ties in row
/// order; only those ranked `top` or better (ties included) when top > 0, read alone from the
/// database when the snapshot is stored under today's identity.
std::vector<entry> entries_by_rank(pqxx::transaction_base& tx,
                                   const store::snapshot_record& snapshot,
                                   const ingest::model_resolver& resolver, int top = 0,
                                   store::with_metrics metrics = store::with_metrics::yes);

/// A stored snapshot's entries of the models of `rows` (by model key), keyed under `resolver`
/// like entries_for_diff: what `board --top` compares its rows with. Read alone from the
/// database when the snapshot is stored under today's identity.
std::vector<entry> entries_of_models(pqxx::transaction_base& tx,
                                     const store::snapshot_record& snapshot,
                                     const ingest::model_resolver& resolver,
                                     const std::vector<entry>& rows);

/// The identity version to stamp snapshots resolved by `resolver` with.
store::identity_stamp identity_stamp_of(const ingest::model_resolver& resolver);

/// The entries of the snapshot the caller's last ingest_payload stored, kept by a caller that
/// stores one day after another (replay): the next day's diff takes them instead of reading the
/// snapshot back (a query and 2,700 rows parsed per day). Only valid with one resolver throughout.
struct last_stored {
    std::int64_t snapshot_id = 0; ///< 0: nothing kept
    std::vector<entry> entries;
    /// Whether the outcome carries the comparison with the day before (its diff and both days'
    /// rows, for a report). False (a replay without a report): no diff is computed and no day's
    /// rows are kept or read back, and the outcome has no comparison.
    bool compare = true;
    /// The source row was committed by an earlier payload of this caller: not upserted again.
    bool source_written = false;
};

/// Runs the pipeline in one transaction. Bad payloads (parse errors, schema drift, validation)
/// come back as a failed outcome, recorded as a failed fetch; database failures throw.
ingest_outcome ingest_payload(pqxx::connection_base& conn, const source& src,
                              const payload_input& input, const ingest::model_resolver& resolver,
                              const diff::diff_options& options = {}, last_stored* last = nullptr);

/// The database half of ingest_payload, for a payload prepared by prepare_payload with the same
/// resolver.
ingest_outcome store_payload(pqxx::connection_base& conn, const source& src,
                             prepared_payload&& payload, const ingest::model_resolver& resolver,
                             const diff::diff_options& options = {}, last_stored* last = nullptr);

/// Records a fetch that failed before there was a payload (network error, HTTP error).
void record_failed_fetch(pqxx::connection_base& conn, const source& src, time_point started_at,
                         const std::string& url, const std::string& message);

/// Records a 304 Not Modified answer to a conditional GET: an unchanged fetch of the payload of
/// the latest snapshot, no new snapshot. Returns the outcome to report.
ingest_outcome record_not_modified(pqxx::connection_base& conn, const source& src,
                                   time_point started_at, const std::string& url,
                                   const std::string& etag, const std::string& last_modified);

const char* to_string(outcome_status s);

} // namespace lbtrack::app
