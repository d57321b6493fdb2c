#pragma once
// Owners for libcurl handles, so every exit path (including a throw from a callback's rethrow)
// releases them. Private to lbtrack_ingest: nothing outside the fetcher sees libcurl types.

#include <curl/curl.h>

#include <memory>

namespace lbtrack::ingest::detail {

struct easy_deleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};

struct slist_deleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

/// One transfer's easy handle.
using easy_handle = std::unique_ptr<CURL, easy_deleter>;

/// A header list (CURLOPT_HTTPHEADER and friends); libcurl does not copy it, so it must outlive
/// the transfer that uses it.
using slist_handle = std::unique_ptr<curl_slist, slist_deleter>;

} // namespace lbtrack::ingest::detail
