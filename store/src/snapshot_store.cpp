// Snapshots, fetch records and the queries that find them; the entries' COPY, model upserts and
// row decoding are entry_copy, model_upsert and entry_rows.

#include "lbtrack/store/snapshot_store.hpp"

#include "copy_values.hpp"
#include "entry_copy.hpp"
#include "entry_rows.hpp"
#include "prepared.hpp"
#include <pqxx/pqxx>

#include "lbtrack/core/entry_order.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/store/board_digest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <string_view>
#include <utility>

namespace lbtrack::store {

using detail::entries_of;
using detail::entry_columns;
using detail::non_empty;
using detail::write_entries;

namespace {

time_point from_epoch_micros(long long micros) {
    return time_point(std::chrono::microseconds(micros));
}

const char* const snapshot_columns =
    "id, source_id, (extract(epoch FROM observed_at) * 1000000)::bigint, encode(payload_sha256, "
    "'hex'), row_count, identity_version, coalesce(encode(board_sha256, 'hex'), '')";

/// The snapshot_columns of `r` from its field `first` on.
snapshot_record to_record(const pqxx::row& r, pqxx::row::size_type first = 0) {
    const auto f = [&](pqxx::row::size_type i) { return r[first + i]; };
    return snapshot_record{
        f(0).as<std::int64_t>(), f(1).as<std::string>(), from_epoch_micros(f(2).as<long long>()),
        f(3).as<std::string>(),  f(4).as<std::size_t>(), f(5).as<std::string>(),
        f(6).as<std::string>()};
}

std::optional<snapshot_record> first_record(const pqxx::result& r) {
    if (r.empty()) {
        return std::nullopt;
    }
    return to_record(r[0]);
}

/// The source's latest snapshot whose observed_at compares with `op` ("<", "<=", "=") to `t`.
std::optional<snapshot_record> latest_where(pqxx::transaction_base& tx,
                                            const std::string& source_id, std::string_view op,
                                            time_point t) {
    return first_record(tx.exec_params(
        fmt::format("SELECT {} FROM snapshot WHERE source_id = $1 AND observed_at {} "
                    "$2::timestamptz ORDER BY observed_at DESC LIMIT 1",
                    snapshot_columns, op),
        source_id, to_timestamp_literal(t)));
}

} // namespace

std::string to_timestamp_literal(time_point t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                       hms.subseconds().count());
}

void upsert_source(pqxx::transaction_base& tx, const source& src) {
    // Only a changed row is rewritten: every payload of every day calls this, and an
    // unconditional update wrote a new version of the source row (and its WAL) each time.
    detail::exec_prepared(
        tx, "lbtrack_upsert_source",
        "INSERT INTO source (id, title, url, format) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (id) DO UPDATE SET title = excluded.title, url = excluded.url, "
        "format = excluded.format WHERE (source.title, source.url, source.format) "
        "IS DISTINCT FROM (excluded.title, excluded.url, excluded.format)",
        src.id, src.title, src.url, src.format);
}

std::int64_t insert_snapshot(pqxx::transaction_base& tx, const std::string& source_id,
                             time_point observed_at, const std::string& payload_sha256,
                             const std::vector<entry>& entries, const identity_stamp& identity,
                             const std::string& board_sha256) {
    const auto snapshot_id =
        detail::exec_prepared(
            tx, "lbtrack_insert_snapshot",
            "INSERT INTO snapshot (source_id, observed_at, upstream_date, "
            "payload_sha256, row_count, rules_version, identity_version, board_sha256) "
            "VALUES ($1, $2::timestamptz, NULL, decode($3, 'hex'), $4, $5, $6, decode($7, "
            "'hex')) RETURNING id",
            source_id, to_timestamp_literal(observed_at), payload_sha256,
            static_cast<long long>(entries.size()), identity.rules_version, identity.version,
            board_sha256.empty() ? board_digest(entries) : board_sha256)
            .at(0)[0]
            .as<std::int64_t>();
    write_entries(tx, snapshot_id, entries);
    return snapshot_id;
}

std::int64_t store_snapshot(pqxx::transaction_base& tx, const compressed_payload& payload,
                            time_point observed_at, const std::vector<entry>& entries,
                            const identity_stamp& identity, const std::string& board_sha256,
                            const fetch_record& f) {
    // The snapshot's foreign key to payload and the fetch record's to snapshot are checked at
    // the end of the statement, when the rows its WITH parts inserted are there.
    const auto snapshot_id =
        detail::exec_prepared(
            tx, "lbtrack_store_snapshot",
            "WITH p AS (INSERT INTO payload (sha256, size_bytes, compression, data) "
            "VALUES (decode($3, 'hex'), $8, 'zstd', $9) ON CONFLICT (sha256) DO NOTHING), "
            "s AS (INSERT INTO snapshot (source_id, observed_at, upstream_date, payload_sha256, "
            "row_count, rules_version, identity_version, board_sha256) "
            "VALUES ($1, $2::timestamptz, NULL, decode($3, 'hex'), $4, $5, $6, decode($7, "
            "'hex')) RETURNING id) "
            "INSERT INTO fetch_log (source_id, started_at, status, url, http_status, bytes, "
            "payload_sha256, etag, last_modified, error, snapshot_id, collapsed_rows) "
            "SELECT $1, $10::timestamptz, $11::text, $12::text, $13::integer, $14::bigint, "
            "decode(nullif($15::text, ''), 'hex'), $16::text, $17::text, $18::text, s.id, "
            "$19::integer FROM s RETURNING snapshot_id",
            f.source_id, to_timestamp_literal(observed_at), payload.sha256,
            static_cast<long long>(entries.size()), identity.rules_version, identity.version,
            board_sha256.empty() ? board_digest(entries) : board_sha256,
            static_cast<long long>(payload.size),
            pqxx::binarystring(payload.zstd.data(), payload.zstd.size()),
            to_timestamp_literal(f.started_at), to_string(f.status), non_empty(f.url),
            f.http_status, f.bytes, f.payload_sha256, non_empty(f.etag), non_empty(f.last_modified),
            non_empty(f.error), f.collapsed_rows)
            .at(0)[0]
            .as<std::int64_t>();
    write_entries(tx, snapshot_id, entries);
    return snapshot_id;
}

void replace_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                     const std::vector<entry>& entries, const identity_stamp& identity) {
    // The update first: it locks the snapshot row until the transaction ends, and entry has no
    // foreign key to snapshot (migration 0008), so this is the check that the snapshot exists.
    const auto updated = tx.exec_params(
        "UPDATE snapshot SET row_count = $2, rules_version = $3, identity_version = $4 "
        "WHERE id = $1",
        snapshot_id, static_cast<long long>(entries.size()), identity.rules_version,
        identity.version);
    if (updated.affected_rows() != 1) {
        throw error(fmt::format("replace_entries: no snapshot {}", snapshot_id));
    }
    tx.exec_params0("DELETE FROM entry WHERE snapshot_id = $1", snapshot_id);
    write_entries(tx, snapshot_id, entries);
}

void record_fetch(pqxx::transaction_base& tx, const fetch_record& f) {
    detail::exec_prepared(
        tx, "lbtrack_record_fetch",
        "INSERT INTO fetch_log (source_id, started_at, status, url, http_status, bytes, "
        "payload_sha256, etag, last_modified, error, snapshot_id, collapsed_rows) "
        "VALUES ($1, $2::timestamptz, $3, $4, $5, $6, decode(nullif($7, ''), 'hex'), $8, $9, $10, "
        "$11, $12)",
        f.source_id, to_timestamp_literal(f.started_at), to_string(f.status), non_empty(f.url),
        f.http_status, f.bytes, f.payload_sha256, non_empty(f.etag), non_empty(f.last_modified),
        non_empty(f.error), f.snapshot_id, f.collapsed_rows);
}

std::optional<std::int64_t> last_collapsed_rows(pqxx::transaction_base& tx,
                                                const std::string& source_id, time_point t) {
    const auto r =
        tx.exec_params("SELECT collapsed_rows FROM fetch_log WHERE source_id = $1 AND started_at < "
                       "$2::timestamptz ORDER BY started_at DESC, id DESC LIMIT 1",
                       source_id, to_timestamp_literal(t));
    if (r.empty() || r[0][0].is_null()) {
        return std::nullopt;
    }
    return r[0][0].as<std::int64_t>();
}

std::optional<snapshot_record> snapshot_at_or_before(pqxx::transaction_base& tx,
                                                     const std::string& source_id,
                                                     std::optional<time_point> at) {
    if (!at) {
        return first_record(
            tx.exec_params(fmt::format("SELECT {} FROM snapshot WHERE source_id = $1 "
                                       "ORDER BY observed_at DESC LIMIT 1",
                                       snapshot_columns),
                           source_id));
    }
    return latest_where(tx, source_id, "<=", *at);
}

std::optional<snapshot_record> snapshot_before(pqxx::transaction_base& tx,
                                               const std::string& source_id, time_point t) {
    return latest_where(tx, source_id, "<", t);
}

std::optional<snapshot_record> first_snapshot_after(pqxx::transaction_base& tx,
                                                    const std::string& source_id, time_point t) {
    return first_record(
        tx.exec_params(fmt::format("SELECT {} FROM snapshot WHERE source_id = $1 AND observed_at > "
                                   "$2::timestamptz ORDER BY observed_at LIMIT 1",
                                   snapshot_columns),
                       source_id, to_timestamp_literal(t)));
}

std::vector<snapshot_record> snapshots_of_source(pqxx::transaction_base& tx,
                                                 const std::string& source_id) {
    std::vector<snapshot_record> out;
    for (const auto& r : tx.exec_params(
             fmt::format("SELECT {} FROM snapshot WHERE source_id = $1 ORDER BY observed_at",
                         snapshot_columns),
             source_id)) {
        out.push_back(to_record(r));
    }
    return out;
}

std::optional<snapshot_record> snapshot_by_id(pqxx::transaction_base& tx, std::int64_t id) {
    return first_record(
        tx.exec_params(fmt::format("SELECT {} FROM snapshot WHERE id = $1", snapshot_columns), id));
}

payload_neighbours neighbours_of_payload(pqxx::transaction_base& tx, const std::string& source_id,
                                         time_point observed_at, time_point started_at,
                                         const std::string& payload_sha256) {
    // The two latest snapshots up to observed_at (the one at it, if any, then the one before),
    // each with whether it is at it; and the unchanged fetch, on every row (on one row of
    // NULLs when there is no snapshot).
    static const auto sql = fmt::format(
        "SELECT EXISTS (SELECT 1 FROM fetch_log WHERE source_id = $1 AND status = $4 "
        "AND started_at = $3::timestamptz AND payload_sha256 = decode($5, 'hex')), s.* "
        "FROM (VALUES (0)) AS one (x) LEFT JOIN LATERAL (SELECT observed_at = $2::timestamptz, "
        "{} FROM snapshot WHERE source_id = $1 AND observed_at <= $2::timestamptz "
        "ORDER BY observed_at DESC LIMIT 2) AS s ON true",
        snapshot_columns);
    const auto rows = detail::exec_prepared(
        tx, "lbtrack_payload_neighbours", sql, source_id, to_timestamp_literal(observed_at),
        to_timestamp_literal(started_at), to_string(fetch_status::unchanged), payload_sha256);
    payload_neighbours out;
    for (const auto& r : rows) {
        out.recorded_unchanged = r[0].as<bool>();
        if (r[1].is_null()) {
            break; // no snapshot up to observed_at
        }
        auto& slot = r[1].as<bool>() ? out.at : out.before;
        if (!slot) {
            slot = to_record(r, 2);
        }
    }
    return out;
}

std::optional<snapshot_record> snapshot_exactly_at(pqxx::transaction_base& tx,
                                                   const std::string& source_id, time_point t) {
    return latest_where(tx, source_id, "=", t);
}

std::vector<entry> load_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                with_metrics metrics) {
    // One query, metrics as their JSON text: expanding them server-side (jsonb_each_text) was a
    // second query as slow as the first, and a 10,000-row board loads in every `board` and
    // twice per board in `movers` (docs/benchmarks.md).
    // No ORDER BY: the rows mostly come in row order already (the hash join keeps the order of
    // the entry index scan), and PostgreSQL's sort of 10,000 rows was ~3 ms of `board`'s ~20 ms
    // on the server (docs/benchmarks.md); they are checked, and sorted when they do not.
    auto entries = entries_of(tx.exec_params(
        fmt::format("SELECT {} FROM entry e JOIN model m ON m.id = e.model_id "
                    "WHERE e.snapshot_id = $1",
                    metrics == with_metrics::yes ? entry_columns
                                                 : detail::entry_columns_without_metrics),
        snapshot_id));
    order_entries_by(entries, [](const entry& e) { return e.row; });
    return entries;
}

entries_against load_entries_against(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                     std::int64_t earlier_id, with_metrics metrics) {
    entries_against out;
    std::vector<std::int64_t> model_ids;
    out.entries = entries_of(
        tx.exec_params(fmt::format("SELECT {}, e.model_id FROM entry e JOIN model m ON m.id = "
                                   "e.model_id WHERE e.snapshot_id = $1",
                                   metrics == with_metrics::yes
                                       ? entry_columns
                                       : detail::entry_columns_without_metrics),
                       snapshot_id),
        &model_ids);
    const auto& entries = out.entries;
    // The entries by stored model and variant, to look each earlier row up in: positions sorted,
    // not a hash map of nodes (fresh memory is what costs most here).
    std::vector<std::size_t> by_identity(entries.size());
    std::iota(by_identity.begin(), by_identity.end(), std::size_t{0});
    const auto identity = [&](std::size_t i) {
        return std::pair<std::int64_t, std::string_view>(model_ids[i], entries[i].variant);
    };
    std::ranges::sort(by_identity, {}, identity);
    out.before.resize(entries.size());
    std::vector<std::int64_t> matched_row(entries.size()); // the earlier row each place is of
    const auto earlier = tx.exec_params(
        fmt::format("SELECT {} FROM entry WHERE snapshot_id = $1", detail::place_columns),
        earlier_id);
    out.earlier_scores.reserve(earlier.size());
    detail::for_each_place(earlier, [&](const detail::stored_place& p) {
        if (p.place.score) {
            out.earlier_scores.push_back(*p.place.score);
        }
        const auto [first, last] =
            std::ranges::equal_range(by_identity, std::pair(p.model_id, p.variant), {}, identity);
        for (const auto i : std::ranges::subrange(first, last)) {
            // The first earlier row of an identity, as a lookup by identity in row order finds.
            if (!out.before[i] || p.row < matched_row[i]) {
                out.before[i] = p.place;
                matched_row[i] = p.row;
            }
        }
    });
    return out;
}

std::vector<entry> load_top_entries(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                    int max_rank) {
    // The rank filter applies before the join, so only those model rows are looked up.
    return entries_of(tx.exec_params(
        fmt::format("SELECT {} FROM (SELECT * FROM entry WHERE snapshot_id = $1 AND rank <= $2) e "
                    "JOIN model m ON m.id = e.model_id ORDER BY e.rank, e.row_number",
                    entry_columns),
        snapshot_id, max_rank));
}

std::vector<entry> load_entries_of_models(pqxx::transaction_base& tx, std::int64_t snapshot_id,
                                          const std::vector<std::string>& model_keys) {
    if (model_keys.empty()) {
        return {};
    }
    std::string keys;
    for (const auto& k : model_keys) {
        keys += (keys.empty() ? "" : ", ") + tx.quote(k);
    }
    auto entries = entries_of(
        tx.exec_params(fmt::format("SELECT {} FROM entry e JOIN model m ON m.id = e.model_id "
                                   "WHERE e.snapshot_id = $1 AND m.canonical_key IN ({})",
                                   entry_columns, keys),
                       snapshot_id));
    order_entries_by(entries, [](const entry& e) { return e.row; });
    return entries;
}

stored_rank_moves rank_moves_between(pqxx::transaction_base& tx, std::int64_t earlier,
                                     std::int64_t later, std::size_t limit) {
    stored_rank_moves moves;
    // count(*) OVER () is taken before the LIMIT: every moved row, not just those returned (one
    // row at least, so the count comes back even for limit 0). COLLATE "C" orders names by
    // bytes, as the caller's std::string comparison does. The model key is looked up for the
    // returned rows only (PostgreSQL evaluates a subquery of the select list after the LIMIT).
    for (const auto& r : tx.exec_params(
             "SELECT a.raw_name, a.variant, b.rank, a.rank, count(*) OVER (), "
             "(SELECT canonical_key FROM model WHERE id = a.model_id) "
             "FROM entry a JOIN entry b ON b.snapshot_id = $1 AND b.model_id = a.model_id "
             "AND b.variant = a.variant "
             "WHERE a.snapshot_id = $2 AND a.rank <> b.rank "
             "ORDER BY abs(b.rank - a.rank) DESC, a.rank, a.raw_name COLLATE \"C\" LIMIT $3",
             earlier, later, static_cast<long long>(std::max<std::size_t>(limit, 1)))) {
        moves.total = r[4].as<std::size_t>();
        if (moves.largest.size() < limit) {
            moves.largest.push_back(
                {r[0].c_str(), r[1].c_str(), r[2].as<int>(), r[3].as<int>(), r[5].c_str()});
        }
    }
    return moves;
}

} // namespace lbtrack::store
