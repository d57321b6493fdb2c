#pragma once
// How far the notification outbox (migration 0004) is behind: for `serve`'s health endpoint.

#include <pqxx/pqxx>

#include "lbtrack/core/time.hpp"

#include <optional>
#include <string>

namespace lbtrack::store {

struct outbox_backlog {
    long long pending = 0;   ///< neither delivered nor abandoned
    long long abandoned = 0; ///< given up after too many attempts
    std::optional<time_point> oldest_pending;
    std::string oldest_pending_sink;
    std::string last_error; ///< of the oldest pending message; already free of secrets
    std::optional<time_point> last_delivered;
};

outbox_backlog notification_backlog(pqxx::transaction_base& tx);

} // namespace lbtrack::store
