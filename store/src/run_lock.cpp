#include "lbtrack/store/run_lock.hpp"

#include "sql_time.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

namespace lbtrack::store {

namespace {
// "lbtk" + 2: one key for every lbtrack binary on this database, distinct from the migration lock.
constexpr long long run_lock_key = 0x6c62746b0002;

// How long a run waits for the lock before saying another run holds it. A run that was killed
// keeps the lock until its server backend notices the client is gone — at once when it is
// waiting for the client, at the end of its statement otherwise — and a run started right after
// (a user's second try, a test) should not fail on that.
constexpr auto lock_patience = std::chrono::seconds(3);
constexpr auto lock_retry = std::chrono::milliseconds(50);
} // namespace

run_lock::run_lock(pqxx::connection_base& conn) : conn_(conn) {
    pqxx::nontransaction tx(conn_);
    const auto give_up = std::chrono::steady_clock::now() + lock_patience;
    while (true) {
        if (tx.exec_params1("SELECT pg_try_advisory_lock($1)", run_lock_key)[0].as<bool>()) {
            return;
        }
        if (std::chrono::steady_clock::now() >= give_up) {
            break;
        }
        std::this_thread::sleep_for(lock_retry);
    }
    const auto holder = current_run_lock_holder(tx);
    throw run_locked_error(fmt::format(
        "another lbtrack run is in progress on this database{}; not starting a second one",
        holder ? fmt::format(" (server backend pid {}{})", holder->pid,
                             holder->since ? ", connected since " + format_utc(*holder->since)
                                           : std::string())
               : std::string()));
}

std::optional<run_lock_holder> current_run_lock_holder(pqxx::transaction_base& tx) {
    // pg_locks splits a bigint key into classid (high half) and objid (low half).
    const auto holder = tx.exec_params(
        "SELECT a.pid, (extract(epoch FROM a.backend_start) * 1000000)::bigint, "
        "coalesce(host(a.client_addr), '') FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
        "AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid "
        "AND l.granted",
        run_lock_key);
    if (holder.empty()) {
        return std::nullopt;
    }
    return run_lock_holder{holder[0][0].as<int>(), detail::time_field(holder[0][1]),
                           holder[0][2].as<std::string>()};
}

run_lock::~run_lock() {
    try {
        pqxx::nontransaction tx(conn_);
        tx.exec_params("SELECT pg_advisory_unlock($1)", run_lock_key);
    } catch (const std::exception& e) {
        // The lock dies with the session anyway; nothing more to do than say so.
        spdlog::debug("releasing the run lock: {}", e.what());
    }
}

} // namespace lbtrack::store
