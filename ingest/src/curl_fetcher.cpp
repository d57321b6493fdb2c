// curl_fetcher: one blocking libcurl easy transfer per fetch() call. Each call owns its handle,
// so fetch() may run on several threads at once (NOSIGNAL keeps libcurl away from signals). The
// transfer itself (options, limits, error wording) is curl_transfer, shared with fetch_all.

#include "curl_transfer.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/fetcher.hpp"
#include "lbtrack/ingest/multi_fetcher.hpp"

namespace lbtrack::ingest {

// libcurl's global state (and with it OpenSSL's) is set up by the first transfer, not here: every
// command gets a fetcher, and a query command that never fetches would pay ~2 ms for it.
curl_fetcher::curl_fetcher() = default;

curl_fetcher::~curl_fetcher() = default;

fetch_result curl_fetcher::fetch(const fetch_request& request) {
    if (auto problem = detail::request_problem(request)) {
        throw fetch_error(request.source_id, request.url, *problem);
    }
    net::ensure_curl_initialised();
    detail::curl_transfer transfer(request);
    // No validators are sent, so a finished transfer is either a result or a failure.
    detail::transfer_end end = transfer.finish(curl_easy_perform(transfer.handle()));
    if (!end.result) {
        throw fetch_error(request.source_id, request.url, end.failure, end.verdict);
    }
    return std::move(*end.result);
}

std::vector<multi_outcome> curl_fetcher::fetch_all(const std::vector<multi_request>& requests,
                                                   const retry_policy& policy) {
    return ingest::fetch_all(requests, policy);
}

} // namespace lbtrack::ingest
