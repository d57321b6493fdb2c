#pragma once
// One libcurl easy transfer of a fetch_request, set up and judged the same way whether
// curl_fetcher performs it alone or fetch_all runs it among others in a multi handle.
// Private to lbtrack_ingest.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/fetcher.hpp"
#include "lbtrack/ingest/multi_fetcher.hpp"
#include "lbtrack/net/curl_easy.hpp"
#include "lbtrack/net/curl_handles.hpp"

#include <chrono>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>

namespace lbtrack::ingest::detail {

/// Why `request` cannot be fetched at all (no or unsupported scheme, non-positive timeout), for a
/// fetch_error; nullopt when it can. Checked before any transfer so such requests cause no
/// network activity.
std::optional<std::string> request_problem(const fetch_request& request);

/// How a finished transfer ended: `result`, `not_modified` or `failure`.
struct transfer_end {
    std::optional<fetch_result> result; ///< a 2xx answer, or a file
    bool not_modified = false;          ///< 304 to a request that sent validators
    std::string failure;                ///< otherwise, why: the text of a fetch_error
    /// Whether another attempt may succeed (net::verdict_of, net::verdict_of_http_status).
    retry_verdict verdict = retry_verdict::permanent;
    /// No server answered: the name did not resolve, the connection was refused or timed out.
    /// When every source of a run ends so, the machine is most likely offline.
    bool no_answer = false;
    /// The wait a 429 or 503 asked for with Retry-After (never negative).
    std::optional<std::chrono::milliseconds> retry_after;
};

/// What the callbacks of one transfer accumulate (defined in curl_transfer.cpp).
struct transfer_state;

/// One configured easy transfer. Not copyable or movable: libcurl keeps pointers to its members
/// (callback data, error buffer, header list) until the handle is gone.
class curl_transfer {
public:
    /// Configures a handle for `request` (which must outlive this object and have passed
    /// request_problem), sending the non-empty validators of `conditional`. Throws fetch_error
    /// when libcurl cannot create the handle or rejects an option.
    explicit curl_transfer(const fetch_request& request,
                           const conditional_headers& conditional = {});
    ~curl_transfer();
    curl_transfer(const curl_transfer&) = delete;
    curl_transfer& operator=(const curl_transfer&) = delete;

    /// The handle to perform, or to add to a multi handle.
    CURL* handle() const noexcept { return easy_.get(); }

    /// Judges the transfer once libcurl reports it done with `code`. Rethrows an exception a
    /// callback caught (out of memory), which must not be mistaken for a fetch failure.
    transfer_end finish(CURLcode code);

private:
    const fetch_request& request_;
    std::unique_ptr<transfer_state> state_;
    net::error_buffer error_buffer_{};
    net::slist_handle headers_;
    bool conditional_sent_ = false;
    net::easy_handle easy_; // last: cleaned up first, while what it points to still exists
};

} // namespace lbtrack::ingest::detail
