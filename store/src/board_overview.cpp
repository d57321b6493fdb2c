#include "lbtrack/store/board_overview.hpp"

#include "sql_time.hpp"

#include <fmt/format.h>

namespace lbtrack::store {

using detail::epoch_micros;
using detail::optional_field;
using detail::text_field;
using detail::time_field;

std::vector<source_status> source_statuses(pqxx::transaction_base& tx,
                                           const std::string& source_id) {
    // One row per source; each lateral read walks fetch_log_source_time or snapshot_source_time
    // backwards from the newest row, so the cost grows with the sources, not with their history.
    const auto result = tx.exec_params(
        fmt::format(
            "SELECT s.id, s.title, s.url, s.format, ls.id, {}, ls.row_count, "
            "  (SELECT count(*) FROM snapshot x WHERE x.source_id = s.id), "
            "  {}, lf.status, lf.http_status, lf.error, "
            "  (SELECT {} FROM fetch_log g WHERE g.source_id = s.id "
            "     AND g.status IN ('stored', 'unchanged') ORDER BY g.started_at DESC LIMIT 1), "
            "  {}, ff.http_status, ff.error "
            "FROM source s "
            "LEFT JOIN LATERAL (SELECT id, observed_at, row_count FROM snapshot "
            "  WHERE source_id = s.id ORDER BY observed_at DESC LIMIT 1) ls ON true "
            "LEFT JOIN LATERAL (SELECT started_at, status, http_status, error FROM fetch_log "
            "  WHERE source_id = s.id ORDER BY started_at DESC, id DESC LIMIT 1) lf ON true "
            "LEFT JOIN LATERAL (SELECT started_at, http_status, error FROM fetch_log "
            "  WHERE source_id = s.id AND status = 'failed' ORDER BY started_at DESC, id DESC "
            "  LIMIT 1) ff ON true "
            "WHERE $1 = '' OR s.id = $1 ORDER BY s.id",
            epoch_micros("ls.observed_at"), epoch_micros("lf.started_at"),
            epoch_micros("g.started_at"), epoch_micros("ff.started_at")),
        source_id);
    std::vector<source_status> out;
    out.reserve(result.size());
    for (const auto& r : result) {
        source_status s;
        s.id = r[0].as<std::string>();
        s.title = r[1].as<std::string>();
        s.url = r[2].as<std::string>();
        s.format = r[3].as<std::string>();
        s.latest_snapshot_id = optional_field<std::int64_t>(r[4]);
        s.latest_snapshot_at = time_field(r[5]);
        s.latest_rows = r[6].is_null() ? 0 : r[6].as<std::size_t>();
        s.snapshots = r[7].as<std::size_t>();
        if (const auto at = time_field(r[8])) {
            s.last_fetch = fetch_summary{*at, fetch_status_of(r[9].as<std::string>()),
                                         optional_field<long>(r[10]), text_field(r[11])};
        }
        s.last_success = time_field(r[12]);
        if (const auto at = time_field(r[13])) {
            s.last_failure = fetch_summary{*at, fetch_status::failed, optional_field<long>(r[14]),
                                           text_field(r[15])};
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<snapshot_time> snapshot_times(pqxx::transaction_base& tx,
                                          const std::string& source_id) {
    const auto result = tx.exec_params(
        fmt::format("SELECT id, source_id, {}, identity_version FROM snapshot "
                    "WHERE $1 = '' OR source_id = $1 ORDER BY source_id, observed_at",
                    epoch_micros("observed_at")),
        source_id);
    std::vector<snapshot_time> out;
    out.reserve(result.size());
    for (const auto& r : result) {
        out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), *time_field(r[2]),
                       r[3].as<std::string>()});
    }
    return out;
}

std::vector<snapshot_leader> snapshot_leaders(pqxx::transaction_base& tx,
                                              const std::vector<std::int64_t>& snapshot_ids) {
    std::vector<snapshot_leader> out;
    if (snapshot_ids.empty()) {
        return out;
    }
    std::string ids;
    for (const auto id : snapshot_ids) {
        ids += fmt::format("{}{}", ids.empty() ? "" : ",", id);
    }
    const auto result = tx.exec(fmt::format(
        "SELECT DISTINCT ON (e.snapshot_id) e.snapshot_id, e.score, e.raw_name, m.canonical_key "
        "FROM entry e JOIN model m ON m.id = e.model_id "
        "WHERE e.snapshot_id IN ({}) AND e.rank IS NOT NULL "
        "ORDER BY e.snapshot_id, e.rank, e.row_number",
        ids));
    out.reserve(result.size());
    for (const auto& r : result) {
        out.push_back({r[0].as<std::int64_t>(), optional_field<double>(r[1]),
                       r[2].as<std::string>(), r[3].as<std::string>()});
    }
    return out;
}

std::string data_version(pqxx::transaction_base& tx) {
    // xmin changes with every insert or update of a row (reprocess updates each snapshot it
    // re-resolves); the count catches deletions; fetch_log's newest id a fetch that stored
    // nothing (unchanged, failed).
    return tx
        .exec1("SELECT concat_ws('/', count(*), max(id), max(xmin::text::bigint), "
               "(SELECT max(id) FROM fetch_log)) FROM snapshot")[0]
        .as<std::string>();
}

} // namespace lbtrack::store
