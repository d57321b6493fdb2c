#include "lbtrack/store/connection.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

namespace lbtrack::store {

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
    try {
        auto conn = std::make_unique<pqxx::connection>(conninfo);
        // Snapshots are stored and compared in UTC whatever the server's setting.
        conn->set_variable("TimeZone", "'UTC'");
        // lbtrack's reads are short and indexed, but a planner estimate can still pass
        // jit_above_cost (100 rows per jsonb function call, say), and compiling then took 10-30
        // ms of a 25 ms query on a 10,000-row board (docs/benchmarks.md).
        conn->set_variable("jit", "off");
        // What lbtrack reports stored must survive a crash, whatever the server's default: each
        // commit waits for its WAL flush. Replays opt out and flush before they report
        // (app/pipeline/reported_when_durable.hpp).
        conn->set_variable("synchronous_commit", "on");
        return conn;
    } catch (const pqxx::broken_connection& e) {
        throw database_unavailable(fmt::format("cannot connect to PostgreSQL: {}", e.what()));
    }
}

void wait_for_durable_commits(pqxx::connection_base& conn) {
    pqxx::work tx(conn);
    // A commit waits for the flush only when its transaction wrote WAL: an id alone
    // (txid_current()) commits without waiting. A transactional logical message is the smallest
    // write (one WAL record, no table, allowed to any role); logical decoding, where someone runs
    // it, sees it as an 'lbtrack' message.
    tx.exec0("SET LOCAL synchronous_commit = on");
    tx.exec1("SELECT pg_logical_emit_message(true, 'lbtrack', 'durable')");
    tx.commit();
}

} // namespace lbtrack::store
