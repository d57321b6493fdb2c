#pragma once
// The sockets: accepts connections, reads requests with Beast, hands each to the page code on a
// worker pool, writes the answer. Timeouts on every read and write so a slow or silent client
// holds a socket for a bounded time and never a thread.

#include "http_types.hpp"

#include "lbtrack/serve/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <functional>
#include <memory>

namespace lbtrack::serve {

using request_handler = std::function<http_response(const http_request&)>;

struct listener_limits {
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds write_timeout{30};
    std::chrono::seconds idle_timeout{30};
    std::size_t max_connections = 256;
};

/// Accepts on `where` until close(). Handlers run on `workers`; socket work on `io`.
class http_listener : public std::enable_shared_from_this<http_listener> {
public:
    /// Binds and listens; throws lbtrack::error naming the address when that fails.
    http_listener(boost::asio::io_context& io, boost::asio::thread_pool& workers,
                  const endpoint& where, request_handler handler, listener_limits limits);

    void start();
    void close();
    unsigned short port() const;

private:
    void accept();

    boost::asio::io_context& io_;
    boost::asio::thread_pool& workers_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::shared_ptr<const request_handler> handler_;
    listener_limits limits_;
    std::shared_ptr<std::atomic<std::size_t>> open_connections_;
};

/// The headers every answer carries: no sniffing, no framing, no referrer, a strict content
/// security policy (no script at all, styles from this server only).
const std::vector<std::pair<std::string, std::string>>& security_headers();

} // namespace lbtrack::serve
