#include "lbtrack/store/fetch_history.hpp"

#include "lbtrack/store/snapshot_store.hpp"

namespace lbtrack::store {

validators last_validators(pqxx::transaction_base& tx, const std::string& source_id,
                           const std::string& url) {
    const auto r =
        tx.exec_params("SELECT url, coalesce(etag, ''), coalesce(last_modified, '') FROM fetch_log "
                       "WHERE source_id = $1 AND status IN ('stored', 'unchanged') "
                       "ORDER BY started_at DESC, id DESC LIMIT 1",
                       source_id);
    if (r.empty() || r[0][0].is_null() || r[0][0].as<std::string>() != url) {
        return {};
    }
    return {r[0][1].as<std::string>(), r[0][2].as<std::string>()};
}

std::vector<std::string> successful_fetch_urls(pqxx::transaction_base& tx,
                                               const std::string& source_id,
                                               const std::string& prefix) {
    std::vector<std::string> urls;
    for (const auto& row : tx.exec_params(
             "SELECT url FROM fetch_log WHERE source_id = $1 "
             "AND status IN ('stored', 'unchanged', 'no_board') AND starts_with(url, $2)",
             source_id, prefix)) {
        urls.push_back(row[0].as<std::string>());
    }
    return urls;
}

bool fetch_recorded(pqxx::transaction_base& tx, const std::string& source_id, time_point started_at,
                    const std::string& payload_sha256, const std::string& status) {
    return !tx.exec_params(
                  "SELECT 1 FROM fetch_log WHERE source_id = $1 AND status = $4 "
                  "AND started_at = $2::timestamptz AND payload_sha256 = decode($3, 'hex')",
                  source_id, to_timestamp_literal(started_at), payload_sha256, status)
                .empty();
}

} // namespace lbtrack::store
