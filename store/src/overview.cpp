#include "lbtrack/store/overview.hpp"

namespace lbtrack::store {

std::optional<last_fetch> latest_fetch(pqxx::transaction_base& tx, const std::string& source_id) {
    const auto r = tx.exec_params(
        "SELECT to_char(f.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), f.status, "
        "extract(epoch FROM f.started_at)::bigint "
        "FROM fetch_log f WHERE f.source_id = $1 ORDER BY f.started_at DESC, f.id DESC LIMIT 1",
        source_id);
    if (r.empty()) {
        return std::nullopt;
    }
    return last_fetch{r[0][0].as<std::string>(), fetch_status_of(r[0][1].as<std::string>()),
                      r[0][2].as<long long>()};
}

snapshot_summary snapshots_of(pqxx::transaction_base& tx, const std::string& source_id) {
    const auto r =
        tx.exec_params1("SELECT count(*), (SELECT row_count FROM snapshot WHERE source_id = $1 "
                        "ORDER BY observed_at DESC LIMIT 1) FROM snapshot WHERE source_id = $1",
                        source_id);
    snapshot_summary summary;
    summary.count = r[0].as<long long>();
    if (!r[1].is_null()) {
        summary.latest_row_count = r[1].as<long long>();
    }
    return summary;
}

std::vector<source_state> states_of(pqxx::transaction_base& tx,
                                    const std::vector<std::string>& source_ids) {
    if (source_ids.empty()) {
        return {};
    }
    std::string ids;
    for (const auto& id : source_ids) {
        ids += (ids.empty() ? "" : ", ") + tx.quote(id);
    }
    // The same two questions as latest_fetch and snapshots_of, asked per id on the server.
    const auto rows = tx.exec(
        "SELECT f.started, f.status, f.epoch, "
        "(SELECT count(*) FROM snapshot WHERE source_id = s.id), "
        "(SELECT row_count FROM snapshot WHERE source_id = s.id ORDER BY observed_at DESC LIMIT 1) "
        "FROM unnest(ARRAY[" +
        ids +
        "]::text[]) WITH ORDINALITY AS s(id, n) "
        "LEFT JOIN LATERAL (SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
        "status, extract(epoch FROM started_at)::bigint FROM fetch_log WHERE source_id = s.id "
        "ORDER BY started_at DESC, id DESC LIMIT 1) AS f(started, status, epoch) ON true "
        "ORDER BY s.n");
    std::vector<source_state> out;
    for (const auto& r : rows) {
        source_state state;
        if (!r[0].is_null()) {
            state.last = last_fetch{r[0].as<std::string>(), fetch_status_of(r[1].as<std::string>()),
                                    r[2].as<long long>()};
        }
        state.snapshots.count = r[3].as<long long>();
        if (!r[4].is_null()) {
            state.snapshots.latest_row_count = r[4].as<long long>();
        }
        out.push_back(std::move(state));
    }
    return out;
}

table_counts count_rows(pqxx::transaction_base& tx) {
    const auto r = tx.exec1("SELECT (SELECT count(*) FROM source), (SELECT count(*) FROM "
                            "snapshot), (SELECT count(*) FROM entry), (SELECT count(*) "
                            "FROM model), (SELECT count(*) FROM payload)");
    return {r[0].as<long long>(), r[1].as<long long>(), r[2].as<long long>(), r[3].as<long long>(),
            r[4].as<long long>()};
}

std::string server_version(pqxx::transaction_base& tx) {
    return tx.exec1("SHOW server_version")[0].as<std::string>();
}

} // namespace lbtrack::store
