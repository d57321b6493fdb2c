#pragma once
// Fetching a payload over http, https or file. The fetcher is an interface so the composition
// root can inject it and tests can serve fixtures without a network.

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace lbtrack::ingest {

// A run's requests, outcomes and retry rules (multi_fetcher.hpp).
struct multi_request;
struct multi_outcome;
struct retry_policy;

struct fetch_request {
    std::string source_id; ///< named in every error
    std::string url;       ///< after --mirror rewriting
    /// Whole-transfer limit, from the source's config.
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
    /// Response-size cap. Default 64 MiB: the largest board we know is a few MiB of JSON; a
    /// bigger answer is a wrong URL or a misbehaving server, and we keep the body in memory.
    std::size_t max_bytes = 64u << 20;
};

struct fetch_result {
    std::string url;          ///< the URL actually fetched (after redirects)
    std::string body;         ///< raw bytes, untouched
    long http_status = 0;     ///< 0 for file:// URLs
    std::string content_type; ///< empty when the server sent none
    std::string etag;
    std::string last_modified;
};

class fetcher {
public:
    virtual ~fetcher() = default;
    /// Throws lbtrack::fetch_error (naming source and URL) on any failure: unsupported scheme,
    /// network error, timeout, non-2xx status, body over the cap. Its verdict() says whether
    /// another attempt may succeed (a timeout, a 503) or not (a 404, a certificate).
    virtual fetch_result fetch(const fetch_request& request) = 0;

    /// Every request of a run, one outcome each in request order; a failure is an outcome, never
    /// thrown. The default calls fetch() once per request, one after the other, and sends no
    /// validators (never "not modified"): enough for a fetcher that serves what it has, like a
    /// test's. curl_fetcher fetches them all at once with retries (ingest::fetch_all).
    virtual std::vector<multi_outcome> fetch_all(const std::vector<multi_request>& requests,
                                                 const retry_policy& policy);
};

/// libcurl-backed fetcher: TLS verification on, redirects followed (http/https only), only the
/// http, https and file schemes allowed.
class curl_fetcher final : public fetcher {
public:
    curl_fetcher();
    ~curl_fetcher() override;
    curl_fetcher(const curl_fetcher&) = delete;
    curl_fetcher& operator=(const curl_fetcher&) = delete;
    fetch_result fetch(const fetch_request& request) override;
    std::vector<multi_outcome> fetch_all(const std::vector<multi_request>& requests,
                                         const retry_policy& policy) override;
};

} // namespace lbtrack::ingest
