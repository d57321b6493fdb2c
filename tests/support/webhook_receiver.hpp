#pragma once
// A loopback HTTP/1.1 server that records every request whole (method, target, headers, body),
// for tests of code that POSTs: http_test_server answers canned routes but keeps only headers.
// It listens on 127.0.0.1 on an ephemeral port, answers 200 "ok" (what Slack answers) unless
// told otherwise, and stops when destroyed. Boost.Beast stays out of this header.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack::test {

struct received_request {
    std::string method;
    std::string target; ///< path and query, as sent
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The first header called `name` (case-insensitive), or nullopt.
    std::optional<std::string> header(std::string_view name) const;
};

/// One queued answer replacing the default 200 "ok".
struct receiver_answer {
    unsigned status = 500;
    std::string body{};
    std::vector<std::pair<std::string, std::string>> headers{};
};

class webhook_receiver {
public:
    /// Requests kept; later ones are counted but not stored, so a runaway client cannot exhaust
    /// memory.
    static constexpr std::size_t max_kept = 256;
    /// Larger request bodies are refused (413) by Beast's parser.
    static constexpr std::size_t max_body = 1024 * 1024;

    webhook_receiver();
    ~webhook_receiver();
    webhook_receiver(const webhook_receiver&) = delete;
    webhook_receiver& operator=(const webhook_receiver&) = delete;

    /// "http://127.0.0.1:PORT", no trailing slash.
    std::string base_url() const;
    /// The next `count` requests get `answer` instead of 200 "ok".
    void answer_next(std::size_t count, receiver_answer answer);
    /// The next `count` requests get a bare `status` (500 by default).
    void fail_next(std::size_t count, unsigned status = 500);
    /// Every request recorded so far (at most max_kept), oldest first. A request is recorded
    /// before it is answered, so a client that got its answer finds its request here.
    std::vector<received_request> requests() const;
    /// Requests received so far, including any beyond max_kept.
    std::size_t request_count() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace lbtrack::test
