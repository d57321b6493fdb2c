#pragma once
// Routes a request to its page, with a database connection and a read-only transaction, and
// turns every failure into an answer: 400/404 with their message, 503 when the database is
// unavailable or busy, 500 (logged, not shown) for anything else.

#include "connection_pool.hpp"
#include "http_types.hpp"
#include "response_cache.hpp"
#include "snapshot_cache.hpp"

#include "lbtrack/serve/server.hpp"

namespace lbtrack::serve {

class site {
public:
    site(const server_options& options, connection_pool& pool, snapshot_cache& cache);
    http_response handle(const http_request& request);

private:
    /// A stored answer when one is still right, else the page's.
    http_response answer(const http_request& request);
    http_response route(const http_request& request);
    /// store::data_version, read again once server_options::version_check_interval passed.
    std::string current_version();

    const server_options& options_;
    connection_pool& pool_;
    snapshot_cache& cache_;
    response_cache answers_;
    std::mutex version_mutex_;
    std::string version_;
    bool refreshing_version_ = false;
    std::chrono::steady_clock::time_point version_read_{};
};

} // namespace lbtrack::serve
