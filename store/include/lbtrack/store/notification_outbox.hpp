#pragma once
// The notification outbox (migration 0004): rendered digests waiting for their sink. Written
// before delivery so a failed sink is retried by the next run instead of losing the message.
// Before it, the snapshots awaiting a digest (migration 0007): marked in each snapshot's own
// transaction, cleared in the transaction that queues the digests, so no commit point lies
// between a stored change and its place in a notification.

#include <pqxx/pqxx>

#include "lbtrack/core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::store {

struct outbox_message {
    std::int64_t id = 0;
    std::string sink;
    time_point created_at{};
    std::string subject;
    std::string text;
    std::string markdown;
    std::string html;
    std::string json;
    std::string file_path; ///< file sinks only
    int attempts = 0;
};

/// Queues a message for `sink`; returns its id.
std::int64_t enqueue_notification(pqxx::transaction_base& tx, const outbox_message& message);

/// The sink's messages neither delivered nor abandoned, oldest first.
std::vector<outbox_message> pending_notifications(pqxx::transaction_base& tx,
                                                  const std::string& sink);

/// Marks a snapshot as a change the next digest must carry. Called in the transaction that
/// inserts the snapshot, so the change and its claim to a notification commit together.
void await_digest(pqxx::transaction_base& tx, std::int64_t snapshot_id);

/// The snapshots marked by await_digest and not yet cleared, oldest first.
std::vector<std::int64_t> snapshots_awaiting_digest(pqxx::transaction_base& tx);

/// Clears the marks of `snapshot_ids`: called in the transaction that queues the digests
/// carrying them (enqueue_notification), so the marks go exactly when the messages exist.
void clear_awaiting_digest(pqxx::transaction_base& tx,
                           const std::vector<std::int64_t>& snapshot_ids);

void mark_delivered(pqxx::transaction_base& tx, std::int64_t id, time_point at);

/// Counts the failed attempt and keeps the error (already free of secrets, see sink_error).
/// `abandon` gives the message up: it stays in the table, marked, and is not retried.
void mark_failed(pqxx::transaction_base& tx, std::int64_t id, time_point at,
                 const std::string& error, bool abandon);

} // namespace lbtrack::store
