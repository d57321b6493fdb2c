#pragma once
// Answers other than 200 that a page decides on: its message is shown to the client, so it says
// what was wrong with the request and never anything about the server.

#include <stdexcept>
#include <string>

namespace lbtrack::serve {

class http_error : public std::runtime_error {
public:
    http_error(unsigned status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    unsigned status() const noexcept { return status_; }

private:
    unsigned status_;
};

/// 400: a parameter the page cannot use ("as_of: 2025-13-01 is not a date (YYYY-MM-DD)").
inline http_error bad_request(const std::string& message) {
    return {400, message};
}

/// 404: no such board, model or page.
inline http_error not_found(const std::string& message) {
    return {404, message};
}

} // namespace lbtrack::serve
