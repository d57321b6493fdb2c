#include "lbtrack/store/outbox_status.hpp"

#include "sql_time.hpp"

#include <fmt/format.h>

namespace lbtrack::store {

outbox_backlog notification_backlog(pqxx::transaction_base& tx) {
    // The pending ones come from the partial index notification_pending; the delivered ones are
    // the whole table, which stays small (one message per sink and run).
    const auto r = tx.exec1(fmt::format(
        "SELECT (SELECT count(*) FROM notification WHERE delivered_at IS NULL "
        "    AND abandoned_at IS NULL), "
        "  (SELECT count(*) FROM notification WHERE abandoned_at IS NOT NULL), "
        "  o.at, o.sink, o.last_error, (SELECT {} FROM notification) "
        "FROM (SELECT NULL) AS one LEFT JOIN LATERAL (SELECT {} AS at, sink, last_error "
        "  FROM notification WHERE delivered_at IS NULL AND abandoned_at IS NULL "
        "  ORDER BY created_at LIMIT 1) o ON true",
        detail::epoch_micros("max(delivered_at)"), detail::epoch_micros("created_at")));
    outbox_backlog b;
    b.pending = r[0].as<long long>();
    b.abandoned = r[1].as<long long>();
    b.oldest_pending = detail::time_field(r[2]);
    b.oldest_pending_sink = detail::text_field(r[3]);
    b.last_error = detail::text_field(r[4]);
    b.last_delivered = detail::time_field(r[5]);
    return b;
}

} // namespace lbtrack::store
