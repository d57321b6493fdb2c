#pragma once
// Fetching every source of a run at once, on the calling thread, with retries: the daily run is
// unattended, so a transient failure (a 503, a reset connection) should cost a retry, not a
// missing day of history, and one slow source should not delay the others.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/fetcher.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::ingest {

/// When and how often a failed fetch is tried again. With the defaults a source that keeps
/// failing costs at most 4 attempts and, between them, waits of at most 1 + 2 + 4 s (less with
/// jitter), or up to 3 x 120 s if the server keeps sending Retry-After.
struct retry_policy {
    /// Attempts in all, the first included (values below 1 count as 1). Four rides out a
    /// deployment restart or a short rate-limit window; each extra attempt can add a whole
    /// per-request timeout plus a backoff to the run when a source is really down.
    int max_attempts = 4;
    /// Ceiling of the first backoff; the actual wait is uniform in [0, ceiling) ("full jitter"),
    /// so sources that fail together do not come back together. One second is long enough for a
    /// connection reset to clear and short enough not to matter in a daily run.
    std::chrono::milliseconds initial_backoff{1000};
    /// Growth of the ceiling per failed attempt: 1 s, 2 s, 4 s... Doubling backs off quickly from
    /// an overloaded server while keeping the total wait of four attempts under ten seconds.
    double multiplier = 2.0;
    /// Upper bound of any backoff ceiling, so a large max_attempts cannot produce waits of hours.
    std::chrono::milliseconds max_backoff{30000};
    /// Upper bound on a server's Retry-After (429/503). Two minutes honours any realistic rate
    /// limit; a server asking for longer would hold the whole run hostage, so we wait the cap and
    /// try once more instead.
    std::chrono::milliseconds max_retry_after{120000};
};

/// Validators from the last successful fetch of a source; empty members are not sent.
struct conditional_headers {
    std::string etag;          ///< sent as If-None-Match
    std::string last_modified; ///< sent as If-Modified-Since
};

struct multi_request {
    fetch_request request;
    conditional_headers conditional;
};

/// How one request ended: exactly one of `result`, `not_modified` and `error` is set.
struct multi_outcome {
    std::string source_id;
    std::optional<fetch_result> result;
    /// The server answered 304 to the conditional request: the last fetch is still current.
    bool not_modified = false;
    /// The error the last attempt failed with: its what() names source and URL (and the number
    /// of attempts when there was more than one), its verdict() says whether a later run may
    /// succeed (transient: the attempts ran out) or not (permanent: a 404, a refused scheme).
    std::optional<fetch_error> error;
    /// With `error`: the last attempt got no answer at all (DNS, refused or timed-out connection).
    bool no_answer = false;
    /// Attempts made, the successful or final failing one included. A request refused before any
    /// transfer (unsupported scheme, bad timeout) counts as one.
    int attempts = 0;
};

/// Fetches all requests concurrently with libcurl's multi interface on the calling thread and
/// returns one outcome per request, in request order. Each attempt is set up like
/// curl_fetcher::fetch (per-attempt request.timeout, request.max_bytes cap, TLS verification,
/// http/https/file only, redirects to http/https only).
///
/// Network errors (refused or reset connection, timeout, truncated body, DNS failure), HTTP 5xx,
/// 429 and 408 (net::verdict_of, net::verdict_of_http_status) are retried up to policy.max_attempts
/// times after a jittered exponential backoff; on 429/503 a Retry-After (seconds or HTTP-date,
/// capped by policy.max_retry_after) is waited out when longer. Other 4xx, a body over the cap,
/// unsupported schemes and file errors fail at once. A request waiting for its retry never holds up
/// the others.
///
/// `jitter` returns values in [0, 1) that scale each backoff; by default a std::mt19937 seeded
/// from std::random_device. Tests inject a constant to make waits predictable.
///
/// Fetch failures are reported in the outcomes, never thrown; throws only when libcurl cannot be
/// initialised or memory runs out.
std::vector<multi_outcome> fetch_all(const std::vector<multi_request>& requests,
                                     const retry_policy& policy = {},
                                     std::function<double()> jitter = {});

} // namespace lbtrack::ingest
