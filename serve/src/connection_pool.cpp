#include "connection_pool.hpp"

#include "lbtrack/store/connection.hpp"

#include <fmt/format.h>

namespace lbtrack::serve {

connection_pool::connection_pool(pool_options options) : options_(std::move(options)) {}

connection_pool::lease::~lease() {
    if (pool_ != nullptr && conn_) {
        pool_->give_back(std::move(conn_));
    }
}

std::unique_ptr<pqxx::connection> connection_pool::open() const {
    auto conn = store::connect(options_.conninfo);
    // Read-only for every transaction of the session: no page can write, whatever its SQL.
    pqxx::nontransaction tx(*conn);
    tx.exec0(fmt::format("SET default_transaction_read_only = on; "
                         "SET statement_timeout = {}; SET application_name = 'lbtrack serve'",
                         std::chrono::milliseconds(options_.statement_timeout).count()));
    return conn;
}

connection_pool::lease connection_pool::acquire() {
    std::unique_lock lock(mutex_);
    const bool free = returned_.wait_for(lock, options_.wait,
                                         [&] { return !idle_.empty() || leased_ < options_.size; });
    if (!free) {
        throw pool_exhausted(fmt::format("all {} database connections busy for {} ms",
                                         options_.size, options_.wait.count()));
    }
    ++leased_;
    if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return lease(*this, std::move(conn));
    }
    // Opened outside the lock: connecting takes milliseconds, other leases need not wait.
    lock.unlock();
    try {
        return lease(*this, open());
    } catch (...) {
        lock.lock();
        --leased_;
        returned_.notify_one();
        throw;
    }
}

void connection_pool::give_back(std::unique_ptr<pqxx::connection> conn) {
    const std::lock_guard lock(mutex_);
    --leased_;
    if (conn->is_open()) {
        idle_.push_back(std::move(conn));
    }
    returned_.notify_one();
}

} // namespace lbtrack::serve
