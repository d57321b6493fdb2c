#pragma once
// A loopback HTTP/1.1 server for tests, so fetch code runs against real sockets without a
// network. It listens on 127.0.0.1 on an ephemeral port, serves canned answers per path from its
// own thread, and stops when destroyed. Boost.Beast stays out of this header so tests that only
// need the server do not compile it.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack::test {

/// One canned answer.
/// Every member has a default ({} included) so designated initializers may skip any of them
/// without -Wmissing-field-initializers.
struct http_route_response {
    unsigned status = 200;
    std::string body{};
    /// Added after the defaults, so they can override Content-Type etc. A "Transfer-Encoding:
    /// chunked" header sends the body chunked, without Content-Length.
    std::vector<std::pair<std::string, std::string>> headers{};
    /// Wait this long before answering (on a timer: other requests are served meanwhile).
    std::chrono::milliseconds delay{0};
    /// Send a Content-Length larger than the body, then close: a transfer cut short.
    bool truncate = false;
};

/// Serves routes registered from the test thread; every connection is closed after one answer
/// (Connection: close). Unknown paths get a 404. The query string is ignored when matching.
class http_test_server {
public:
    http_test_server();
    ~http_test_server();
    http_test_server(const http_test_server&) = delete;
    http_test_server& operator=(const http_test_server&) = delete;

    /// "http://127.0.0.1:PORT", no trailing slash.
    std::string base_url() const;
    /// Every request for `path` gets `response`.
    void route(std::string path, http_route_response response);
    /// The nth request (0-based) for `path` gets responses[min(n, size - 1)]; must not be empty.
    void route_sequence(std::string path, std::vector<http_route_response> responses);
    /// Requests received for `path` so far, routed or not.
    std::size_t hits(const std::string& path) const;
    /// The value of header `name` (case-insensitive) in the latest request for `path`; nullopt
    /// when that request had no such header or none came. Recorded before the answer is sent.
    std::optional<std::string> last_request_header(const std::string& path,
                                                   std::string_view name) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace lbtrack::test
