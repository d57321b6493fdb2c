#pragma once
// Owners for libcurl handles, so every exit path (including a throw from a callback's rethrow)
// releases them.

#include <curl/curl.h>

#include <memory>
#include <string>

namespace lbtrack::net {

struct easy_deleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};

struct multi_deleter {
    void operator()(CURLM* handle) const noexcept { curl_multi_cleanup(handle); }
};

/// Takes an easy handle back out of its multi handle; holds the multi handle, not ownership.
struct multi_remover {
    CURLM* multi = nullptr;
    void operator()(CURL* handle) const noexcept { curl_multi_remove_handle(multi, handle); }
};

struct slist_deleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

struct url_deleter {
    void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};

/// One transfer's easy handle.
using easy_handle = std::unique_ptr<CURL, easy_deleter>;

/// A set of concurrent transfers. Every easy handle must be removed from it (multi_membership)
/// before either is cleaned up.
using multi_handle = std::unique_ptr<CURLM, multi_deleter>;

/// An easy handle's membership of a multi handle, from a successful curl_multi_add_handle on:
/// declare it after the easy handle's owner so it is released first.
using multi_membership = std::unique_ptr<CURL, multi_remover>;

/// A string list (CURLOPT_HTTPHEADER, CURLOPT_MAIL_RCPT); libcurl does not copy it, so it must
/// outlive the transfer that uses it.
using slist_handle = std::unique_ptr<curl_slist, slist_deleter>;

/// A parsed URL (curl_url_set / curl_url_get).
using url_handle = std::unique_ptr<CURLU, url_deleter>;

/// Appends `line` to `list`; false when libcurl is out of memory (the list is then unchanged and
/// still owned).
bool append(slist_handle& list, const std::string& line);

} // namespace lbtrack::net
