#include "lbtrack/store/notification_outbox.hpp"

#include "lbtrack/store/snapshot_store.hpp"

namespace lbtrack::store {

std::int64_t enqueue_notification(pqxx::transaction_base& tx, const outbox_message& m) {
    return tx
        .exec_params1("INSERT INTO notification (sink, created_at, subject, body_text, "
                      "body_markdown, body_html, body_json, file_path) "
                      "VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, NULLIF($8, '')) "
                      "RETURNING id",
                      m.sink, to_timestamp_literal(m.created_at), m.subject, m.text, m.markdown,
                      m.html, m.json, m.file_path)[0]
        .as<std::int64_t>();
}

std::vector<outbox_message> pending_notifications(pqxx::transaction_base& tx,
                                                  const std::string& sink) {
    std::vector<outbox_message> out;
    for (const auto& r : tx.exec_params(
             "SELECT id, sink, (extract(epoch FROM created_at) * 1000000)::bigint, subject, "
             "body_text, body_markdown, body_html, body_json, coalesce(file_path, ''), attempts "
             "FROM notification WHERE sink = $1 AND delivered_at IS NULL AND abandoned_at IS NULL "
             "ORDER BY id",
             sink)) {
        outbox_message m;
        m.id = r[0].as<std::int64_t>();
        m.sink = r[1].as<std::string>();
        m.created_at = time_point(std::chrono::microseconds(r[2].as<long long>()));
        m.subject = r[3].as<std::string>();
        m.text = r[4].as<std::string>();
        m.markdown = r[5].as<std::string>();
        m.html = r[6].as<std::string>();
        m.json = r[7].as<std::string>();
        m.file_path = r[8].as<std::string>();
        m.attempts = r[9].as<int>();
        out.push_back(std::move(m));
    }
    return out;
}

void await_digest(pqxx::transaction_base& tx, std::int64_t snapshot_id) {
    tx.exec_params0("INSERT INTO snapshot_awaiting_digest (snapshot_id) VALUES ($1)", snapshot_id);
}

std::vector<std::int64_t> snapshots_awaiting_digest(pqxx::transaction_base& tx) {
    std::vector<std::int64_t> out;
    for (const auto& r : tx.exec("SELECT snapshot_id FROM snapshot_awaiting_digest ORDER BY "
                                 "snapshot_id")) {
        out.push_back(r[0].as<std::int64_t>());
    }
    return out;
}

void clear_awaiting_digest(pqxx::transaction_base& tx,
                           const std::vector<std::int64_t>& snapshot_ids) {
    if (snapshot_ids.empty()) {
        return;
    }
    // One statement: the ids as a PostgreSQL array literal of integers.
    std::string ids;
    for (const auto id : snapshot_ids) {
        ids += (ids.empty() ? "{" : ",") + std::to_string(id);
    }
    tx.exec_params0("DELETE FROM snapshot_awaiting_digest WHERE snapshot_id = ANY($1::bigint[])",
                    ids + "}");
}

void mark_delivered(pqxx::transaction_base& tx, std::int64_t id, time_point at) {
    tx.exec_params("UPDATE notification SET attempts = attempts + 1, last_attempt_at = "
                   "$2::timestamptz, delivered_at = $2::timestamptz WHERE id = $1",
                   id, to_timestamp_literal(at));
}

void mark_failed(pqxx::transaction_base& tx, std::int64_t id, time_point at,
                 const std::string& error, bool abandon) {
    tx.exec_params("UPDATE notification SET attempts = attempts + 1, last_attempt_at = "
                   "$2::timestamptz, last_error = $3, abandoned_at = CASE WHEN $4 THEN "
                   "$2::timestamptz END WHERE id = $1",
                   id, to_timestamp_literal(at), error, abandon);
}

} // namespace lbtrack::store
