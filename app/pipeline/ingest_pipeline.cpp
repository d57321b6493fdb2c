#include "pipeline/ingest_pipeline.hpp"

#include "pipeline/warning_summary.hpp"

#include "lbtrack/core/entry_order.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/ingest/extract.hpp"
#include "lbtrack/ingest/normalize.hpp"
#include "lbtrack/ingest/payload_parser.hpp"
#include "lbtrack/ingest/validate.hpp"
#include "lbtrack/store/board_digest.hpp"
#include "lbtrack/store/fetch_history.hpp"
#include "lbtrack/store/notification_outbox.hpp"
#include "lbtrack/store/payload_store.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>

namespace lbtrack::app {

namespace {

/// The fields every fetch record has, whatever became of the attempt.
store::fetch_record attempt_of(const source& src, time_point started_at, const std::string& url,
                               store::fetch_status status) {
    store::fetch_record f;
    f.source_id = src.id;
    f.started_at = started_at;
    f.status = status;
    f.url = url;
    return f;
}

store::fetch_record fetch_of(const source& src, const payload_input& input, const std::string& sha,
                             store::fetch_status status) {
    const auto& fetched = input.fetched;
    auto f = attempt_of(src, input.started_at, fetched.url, status);
    if (fetched.http_status != 0) {
        f.http_status = fetched.http_status;
    }
    f.bytes = static_cast<std::int64_t>(fetched.body.size());
    f.payload_sha256 = sha;
    f.etag = fetched.etag;
    f.last_modified = fetched.last_modified;
    return f;
}

/// One fetch record in a transaction of its own, the source row first (it may be new).
void write_fetch(pqxx::connection_base& conn, const source& src, const store::fetch_record& f) {
    pqxx::work tx(conn);
    store::upsert_source(tx, src);
    store::record_fetch(tx, f);
    tx.commit();
}

ingest_outcome outcome_of(outcome_status status, const source& src, std::string message) {
    ingest_outcome out;
    out.status = status;
    out.source_id = src.id;
    out.message = std::move(message);
    return out;
}

ingest_outcome failed(pqxx::connection_base& conn, const source& src, const payload_input& input,
                      const std::string& sha, const std::string& message,
                      std::optional<std::int64_t> collapsed_rows = std::nullopt) {
    auto f = fetch_of(src, input, sha, store::fetch_status::failed);
    f.error = message;
    f.collapsed_rows = collapsed_rows;
    write_fetch(conn, src, f);
    return outcome_of(outcome_status::failed, src, message);
}

/// Why a board that shrank below the source's min_row_ratio is refused, or std::nullopt when the
/// shrink is accepted (said in a warning). A truncated download or a half-rendered page shows
/// the previous board's rows, unchanged, fewer of them: that is refused. Accepted instead:
/// - a board whose remaining rows were re-scored (a new release of the board: LiveBench went
///   from 71 to 26 rows on 2024-09-01 with a new question set);
/// - a new size confirmed by the next fetch: the fetch before this one was refused as collapsed
///   with a size this one is not collapsed against (an author who keeps only the top of a board
///   from now on), so a board that really shrank is not compared for ever with its old size.
std::optional<std::string> collapse_refusal(pqxx::transaction_base& tx, const source& src,
                                            const payload_input& input,
                                            const std::vector<entry>& entries,
                                            const store::snapshot_record& previous,
                                            const ingest::model_resolver& resolver) {
    const auto rows = static_cast<double>(entries.size());
    if (rows >= src.min_row_ratio * static_cast<double>(previous.row_count)) {
        return std::nullopt;
    }
    const auto shrink = fmt::format("{} rows where the snapshot of {} had {}", entries.size(),
                                    format_utc(previous.observed_at), previous.row_count);
    if (const auto refused = store::last_collapsed_rows(tx, src.id, input.started_at);
        refused && rows >= src.min_row_ratio * static_cast<double>(*refused)) {
        spdlog::warn("source '{}': {}: {}; accepted, since the fetch before this one had {} "
                     "rows too (a new size, confirmed)",
                     src.id, input.origin, shrink, *refused);
        return std::nullopt;
    }
    if (!ingest::looks_truncated(entries, entries_for_diff(tx, previous, resolver))) {
        spdlog::warn("source '{}': {}: {}; accepted, since most remaining rows have new values "
                     "(a new release of the board, not a truncated copy of the last one)",
                     src.id, input.origin, shrink);
        return std::nullopt;
    }
    return fmt::format("{}: {} (below the min_row_ratio of {}) and the rows left are unchanged: "
                       "refusing a collapsed board; the next fetch with about this many rows is "
                       "accepted as the board's new size",
                       input.origin, shrink, src.min_row_ratio);
}

} // namespace

const char* to_string(outcome_status s) {
    switch (s) {
    case outcome_status::stored:
        return "stored";
    case outcome_status::unchanged:
        return "unchanged";
    case outcome_status::already_stored:
        return "already stored";
    case outcome_status::no_board:
        return "no board";
    case outcome_status::failed:
        return "failed";
    }
    return "?";
}

std::vector<entry> entries_of_payload(const source& src, std::string_view bytes,
                                      const std::string& origin, time_point observed_at,
                                      const ingest::model_resolver& resolver,
                                      std::vector<std::string>* warnings) {
    // Collected, then bounded per kind (warning_summary.hpp) unless -v, then given out: also
    // when the payload fails after warning.
    std::vector<std::string> collected;
    const auto warn = [&](std::string message) { collected.push_back(std::move(message)); };
    const auto give_out = [&] {
        if (!spdlog::default_logger_raw()->should_log(spdlog::level::debug)) {
            collected = summarize_warnings(std::move(collected));
        }
        for (auto& message : collected) {
            if (warnings != nullptr) {
                warnings->push_back(std::move(message));
            } else {
                spdlog::warn("{}", message);
            }
        }
    };
    try {
        // The table of cells is a temporary: freed once its entries exist, not held beside them.
        std::vector<std::string> extract_warnings;
        auto entries = ingest::extract_entries(ingest::parse_payload(bytes, src, origin), src,
                                               origin, &extract_warnings);
        for (auto& message : extract_warnings) {
            warn(fmt::format("source '{}': {}", src.id, message));
        }
        // Text PostgreSQL would refuse fails this payload here, named, instead of the
        // transaction (and with it the whole run) later; before the rows are settled, whose
        // messages quote names.
        ingest::validate_text_fields(entries, src, origin);
        for (const auto& message :
             ingest::settle_repeated_rows(entries, src.duplicates, src.higher_is_better, origin)) {
            warn(fmt::format("source '{}': {}", src.id, message));
        }
        ingest::validate_entries(entries, src.id, origin);
        const auto day = std::chrono::floor<std::chrono::days>(observed_at);
        for (const auto& message : ingest::resolve_entries(entries, resolver, day)) {
            warn(fmt::format("source '{}', {}: {}", src.id, origin, message));
        }
        ingest::validate_text_fields(entries, src, origin); // the resolved keys
        give_out();
        return entries;
    } catch (...) {
        give_out();
        throw;
    }
}

prepared_payload prepare_payload(const source& src, payload_input input,
                                 const ingest::model_resolver& resolver) {
    prepared_payload p;
    p.stored_form = store::compress_payload(input.fetched.body);
    try {
        p.entries = entries_of_payload(src, input.fetched.body, input.origin, input.observed_at,
                                       resolver, &p.warnings);
        p.board_sha256 = store::board_digest(p.entries);
    } catch (const no_board_error& e) {
        p.error = printable_message(e.what());
        p.no_board = true;
    } catch (const error& e) {
        // The message may quote upstream cells (a header, a value that is not a number): made
        // valid UTF-8 without control bytes, or recording the failed fetch would fail in turn.
        p.error = printable_message(e.what());
    }
    p.input = std::move(input);
    return p;
}

std::vector<entry> entries_for_diff(pqxx::transaction_base& tx,
                                    const store::snapshot_record& snapshot,
                                    const ingest::model_resolver& resolver,
                                    store::with_metrics metrics) {
    auto entries = store::load_entries(tx, snapshot.id, metrics);
    if (snapshot.identity_version == resolver.version_tag()) {
        return entries;
    }
    // Warnings were given when the snapshot was stored; here they would only repeat.
    (void)ingest::resolve_entries(entries, resolver,
                                  std::chrono::floor<std::chrono::days>(snapshot.observed_at));
    return entries;
}

std::vector<entry> entries_by_rank(pqxx::transaction_base& tx,
                                   const store::snapshot_record& snapshot,
                                   const ingest::model_resolver& resolver, int top,
                                   store::with_metrics metrics) {
    // The top rows alone when the snapshot is stored under today's identity; otherwise the whole
    // snapshot is keyed again (a name kept apart depends on every row), then cut.
    if (top > 0 && snapshot.identity_version == resolver.version_tag()) {
        return store::load_top_entries(tx, snapshot.id, top);
    }
    auto entries = entries_for_diff(tx, snapshot, resolver, metrics);
    order_entries_by(entries, [](const entry& e) { return e.rank.value_or(INT32_MAX); });
    if (top > 0) {
        std::erase_if(entries, [&](const entry& e) { return !e.rank || *e.rank > top; });
    }
    return entries;
}

std::vector<entry> entries_of_models(pqxx::transaction_base& tx,
                                     const store::snapshot_record& snapshot,
                                     const ingest::model_resolver& resolver,
                                     const std::vector<entry>& rows) {
    std::vector<std::string> keys;
    for (const auto& e : rows) {
        keys.push_back(e.model_key);
    }
    if (snapshot.identity_version == resolver.version_tag()) {
        return store::load_entries_of_models(tx, snapshot.id, keys);
    }
    auto entries = entries_for_diff(tx, snapshot, resolver);
    std::erase_if(entries, [&](const entry& e) {
        return std::find(keys.begin(), keys.end(), e.model_key) == keys.end();
    });
    return entries;
}

store::identity_stamp identity_stamp_of(const ingest::model_resolver& resolver) {
    return {ingest::identity_rules_version, resolver.version_tag()};
}

ingest_outcome ingest_payload(pqxx::connection_base& conn, const source& src,
                              const payload_input& input, const ingest::model_resolver& resolver,
                              const diff::diff_options& options, last_stored* last) {
    return store_payload(conn, src, prepare_payload(src, input, resolver), resolver, options, last);
}

namespace {

/// A replayed page that holds no board: a fetch recorded as such (once), no snapshot.
ingest_outcome record_no_board(pqxx::connection_base& conn, const source& src,
                               const payload_input& input, const std::string& sha,
                               const std::string& error) {
    ingest_outcome out;
    out.source_id = src.id;
    pqxx::work tx(conn);
    store::upsert_source(tx, src);
    if (store::fetch_recorded(tx, src.id, input.started_at, sha,
                              store::to_string(store::fetch_status::no_board))) {
        out.status = outcome_status::already_stored;
        out.message = "already recorded as holding no board";
        return out;
    }
    auto f = fetch_of(src, input, sha, store::fetch_status::no_board);
    f.error = error;
    store::record_fetch(tx, f);
    tx.commit();
    out.status = outcome_status::no_board;
    out.message = error;
    return out;
}

/// A payload whose board equals the snapshot before: the fetch is recorded as unchanged and no
/// snapshot repeats the board. A page that changed around an unchanged board keeps its payload
/// (a later reprocess may read more of it).
void record_unchanged(pqxx::work& tx, const source& src, const prepared_payload& payload,
                      const store::snapshot_record& previous, bool same_payload,
                      ingest_outcome& out) {
    if (!same_payload) {
        store::put_payload(tx, payload.stored_form);
    }
    store::record_fetch(tx, fetch_of(src, payload.input, payload.stored_form.sha256,
                                     store::fetch_status::unchanged));
    tx.commit();
    out.status = outcome_status::unchanged;
    out.message = fmt::format("{} the snapshot of {}",
                              same_payload ? "identical to"
                                           : "the page changed, its board did not: same "
                                             "board as",
                              format_utc(previous.observed_at));
}

/// The stored snapshot's comparison with the one before it, for the log line and the report;
/// hands the new entries to `last` (a replay's next day) when given.
diff::board_snapshots compared_with_previous(const source& src, const payload_input& input,
                                             const std::optional<store::snapshot_record>& previous,
                                             std::vector<entry> previous_entries,
                                             std::vector<entry>&& entries,
                                             const diff::diff_options& options, last_stored* last) {
    diff::board_snapshots compared;
    compared.context.source_id = src.id;
    compared.context.source_title = src.title;
    compared.context.to = input.observed_at;
    compared.context.to_rows = entries.size();
    if (previous) {
        compared.context.from = previous->observed_at;
        compared.context.from_rows = previous->row_count;
    }
    compared.diff = diff::compute_diff(previous_entries, entries, options);
    compared.before = std::move(previous_entries);
    if (last == nullptr) {
        compared.after = std::move(entries);
    } else {
        compared.after = entries;
        last->entries = std::move(entries);
    }
    return compared;
}

} // namespace

ingest_outcome store_payload(pqxx::connection_base& conn, const source& src,
                             prepared_payload&& payload, const ingest::model_resolver& resolver,
                             const diff::diff_options& options, last_stored* last) {
    for (const auto& message : payload.warnings) {
        spdlog::warn("{}", message);
    }
    const auto& input = payload.input;
    const auto& sha = payload.stored_form.sha256;
    if (payload.error && payload.no_board && input.board_may_be_absent) {
        return record_no_board(conn, src, input, sha, *payload.error);
    }
    if (payload.error) {
        return failed(conn, src, input, sha, *payload.error);
    }
    auto entries = std::move(payload.entries);

    ingest_outcome out;
    out.source_id = src.id;
    out.rows = entries.size();

    pqxx::work tx(conn);
    // Once per replay: the row cannot change between its days (the run lock), and it was a
    // round trip a day.
    if (last == nullptr || !last->source_written) {
        store::upsert_source(tx, src);
    }
    auto around =
        store::neighbours_of_payload(tx, src.id, input.observed_at, input.started_at, sha);
    if (const auto& existing = around.at) {
        if (existing->payload_sha256 != sha) {
            tx.abort();
            return failed(conn, src, input, sha,
                          fmt::format("{}: a different snapshot (id {}) is already stored for {}",
                                      input.origin, existing->id, format_utc(input.observed_at)));
        }
        out.status = outcome_status::already_stored;
        out.message = fmt::format("already stored as snapshot {}", existing->id);
        return out;
    }
    if (around.recorded_unchanged) {
        out.status = outcome_status::already_stored;
        out.message = "already recorded as unchanged";
        return out;
    }

    const auto& previous = around.before;
    const bool same_payload = previous && previous->payload_sha256 == sha;
    if (same_payload || (previous && previous->board_sha256 == payload.board_sha256)) {
        record_unchanged(tx, src, payload, *previous, same_payload, out);
        if (last != nullptr) {
            last->source_written = true;
        }
        return out;
    }
    if (previous) {
        if (auto refusal = collapse_refusal(tx, src, input, entries, *previous, resolver)) {
            tx.abort();
            return failed(conn, src, input, sha,
                          validation_error(src.id, std::move(*refusal)).what(),
                          static_cast<std::int64_t>(entries.size()));
        }
    }

    const auto snapshot_id = store::store_snapshot(
        tx, payload.stored_form, input.observed_at, entries, identity_stamp_of(resolver),
        payload.board_sha256, fetch_of(src, input, sha, store::fetch_status::stored));
    if (input.await_digest) {
        store::await_digest(tx, snapshot_id);
    }
    // Without a report a replay has no use for the comparison: no diff, no day kept or read back.
    const bool compare = last == nullptr || last->compare;
    std::vector<entry> previous_entries;
    if (compare && last != nullptr && previous && last->snapshot_id == previous->id) {
        previous_entries = std::move(last->entries);
    } else if (compare && previous) {
        previous_entries = entries_for_diff(tx, *previous, resolver);
    }
    tx.commit();

    out.status = outcome_status::stored;
    out.snapshot_id = snapshot_id;
    out.message = fmt::format("stored snapshot {} ({} rows)", snapshot_id, entries.size());
    if (last != nullptr) {
        last->snapshot_id = snapshot_id;
        last->source_written = true;
    }
    if (!compare) {
        return out;
    }
    out.compared = compared_with_previous(src, input, previous, std::move(previous_entries),
                                          std::move(entries), options, last);
    return out;
}

ingest_outcome record_not_modified(pqxx::connection_base& conn, const source& src,
                                   time_point started_at, const std::string& url,
                                   const std::string& etag, const std::string& last_modified) {
    const auto latest = [&] {
        pqxx::read_transaction tx(conn);
        return store::snapshot_at_or_before(tx, src.id);
    }();
    auto f = attempt_of(src, started_at, url, store::fetch_status::unchanged);
    f.http_status = 304;
    f.payload_sha256 = latest ? latest->payload_sha256 : std::string();
    f.etag = etag;
    f.last_modified = last_modified;
    write_fetch(conn, src, f);
    return outcome_of(outcome_status::unchanged, src,
                      latest ? fmt::format("not modified (HTTP 304) since the snapshot of {}",
                                           format_utc(latest->observed_at))
                             : "not modified (HTTP 304)");
}

void record_failed_fetch(pqxx::connection_base& conn, const source& src, time_point started_at,
                         const std::string& url, const std::string& message) {
    auto f = attempt_of(src, started_at, url, store::fetch_status::failed);
    f.error = message;
    write_fetch(conn, src, f);
}

} // namespace lbtrack::app
