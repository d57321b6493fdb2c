#pragma once
// A request and its answer as the pages see them: apart from Beast, so the pages compile
// without it and tests of them need no socket.

#include <string>
#include <utility>
#include <vector>

namespace lbtrack::serve {

struct http_request {
    std::string method; ///< "GET", "HEAD"...
    std::string target; ///< path and query as sent: "/boards/x?as_of=2025-06-01"
    std::string accept; ///< the Accept header, "" when absent
};

struct http_response {
    unsigned status = 200;
    std::string content_type;
    std::string body;
    /// Further headers (Location, Allow, Cache-Control...); the security headers are added to
    /// every response by the listener.
    std::vector<std::pair<std::string, std::string>> headers{};
};

} // namespace lbtrack::serve
