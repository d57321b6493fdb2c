#pragma once
// Keeps two overlapping lbtrack runs (cron firing while a manual run is still going, say) from
// interleaving their writes: a session-level PostgreSQL advisory lock, released when the lock
// object is destroyed or the connection drops (so a killed run never leaves it behind).

#include <pqxx/pqxx>

#include "lbtrack/core/time.hpp"

#include <optional>
#include <string>

namespace lbtrack::store {

/// The session holding the run lock: a run in progress (for `serve`'s health endpoint).
struct run_lock_holder {
    int pid = 0; ///< its server backend
    /// When that backend connected; empty when this role may not see it (pg_stat_activity hides
    /// other roles' sessions unless granted pg_read_all_stats).
    std::optional<time_point> since{};
    std::string client; ///< its client address; "" for a Unix socket
};

/// Who holds the run lock now, if anyone. Reads pg_locks; takes nothing.
std::optional<run_lock_holder> current_run_lock_holder(pqxx::transaction_base& tx);

class run_lock {
public:
    /// Takes the lock, waiting up to 3 s for it (a killed run's server backend may still hold it
    /// for a moment), or throws lbtrack::run_locked_error naming the holder's pid.
    explicit run_lock(pqxx::connection_base& conn);
    ~run_lock();
    run_lock(const run_lock&) = delete;
    run_lock& operator=(const run_lock&) = delete;

private:
    pqxx::connection_base& conn_;
};

} // namespace lbtrack::store
