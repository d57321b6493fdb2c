#pragma once
// A few read-only PostgreSQL sessions shared by the request threads. A page leases one for the
// length of its transaction; a lease that finds the pool busy waits, bounded, then the page
// answers 503. A session that broke is dropped at its return and opened again on demand, so a
// restarted PostgreSQL is picked up without restarting the server.

#include <pqxx/pqxx>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace lbtrack::serve {

struct pool_options {
    std::string conninfo;
    std::size_t size = 4;
    std::chrono::milliseconds wait{5000};
    std::chrono::seconds statement_timeout{15};
};

/// Every connection of the pool was busy for longer than the pool's wait.
class pool_exhausted : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class connection_pool {
public:
    explicit connection_pool(pool_options options);
    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;

    class lease {
    public:
        lease(connection_pool& pool, std::unique_ptr<pqxx::connection> conn)
            : pool_(&pool), conn_(std::move(conn)) {}
        lease(lease&& other) noexcept = default;
        lease& operator=(lease&&) = delete;
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease();
        pqxx::connection& operator*() const { return *conn_; }
        pqxx::connection* operator->() const { return conn_.get(); }

    private:
        connection_pool* pool_;
        std::unique_ptr<pqxx::connection> conn_;
    };

    /// A connection, opened now if none is idle and the pool has room. Throws pool_exhausted
    /// after the pool's wait, lbtrack::database_unavailable when PostgreSQL cannot be reached.
    lease acquire();

private:
    std::unique_ptr<pqxx::connection> open() const;
    void give_back(std::unique_ptr<pqxx::connection> conn);

    pool_options options_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<pqxx::connection>> idle_;
    std::size_t leased_ = 0;
};

} // namespace lbtrack::serve
