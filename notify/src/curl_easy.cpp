#include "curl_easy.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace lbtrack::notify::detail {

namespace {

// Connecting never legitimately takes long; failing fast leaves the rest of the timeout for a
// slow answer. Clamped to the whole timeout, which stays the outer bound.
constexpr std::chrono::seconds max_connect_timeout{15};

struct url_deleter {
    void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};

/// One part of a parsed URL, or "" when absent.
std::string url_part(CURLU* url, CURLUPart part) {
    char* value = nullptr;
    if (curl_url_get(url, part, &value, 0) != CURLUE_OK || value == nullptr) {
        return {};
    }
    std::string out(value);
    curl_free(value);
    return out;
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view blanks = " \t\r\n";
    const auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

} // namespace

void ensure_curl_initialised() {
    // curl_global_init must run once before the first handle and is not guaranteed thread-safe;
    // a function-local static runs it exactly once. Never cleaned up: another transfer may still
    // be running, and process exit reclaims everything.
    static const CURLcode global_init = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (global_init != CURLE_OK) {
        throw error(
            fmt::format("libcurl could not be initialised: {}", curl_easy_strerror(global_init)));
    }
}

bool append(slist_handle& list, const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) {
        return false;
    }
    static_cast<void>(list.release()); // the old head is now part of `grown`
    list.reset(grown);
    return true;
}

url_parts split_url(const std::string& url) {
    url_parts parts;
    parts.host = "(unparsable URL)";
    const std::unique_ptr<CURLU, url_deleter> parsed(curl_url());
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
        return parts;
    }
    parts.scheme = url_part(parsed.get(), CURLUPART_SCHEME);
    std::ranges::transform(parts.scheme, parts.scheme.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    parts.host = url_part(parsed.get(), CURLUPART_HOST);
    if (parts.host.empty()) {
        parts.host = "(no host)"; // file:///..., which the sinks refuse anyway
    }
    if (const std::string port = url_part(parsed.get(), CURLUPART_PORT); !port.empty()) {
        parts.host += ':' + port;
    }
    parts.path_and_query = url_part(parsed.get(), CURLUPART_PATH);
    if (const std::string query = url_part(parsed.get(), CURLUPART_QUERY); !query.empty()) {
        parts.path_and_query += '?' + query;
    }
    return parts;
}

std::string redact(std::string text, const std::vector<std::string_view>& secrets) {
    constexpr std::string_view mask = "[redacted]";
    for (const auto secret : secrets) {
        if (secret.empty()) {
            continue;
        }
        for (auto at = text.find(secret); at != std::string::npos;
             at = text.find(secret, at + mask.size())) {
            text.replace(at, secret.size(), mask);
        }
    }
    return text;
}

std::string describe(CURLcode code, const char* error_buffer) {
    const auto detail = trim(error_buffer);
    if (detail.empty()) {
        return curl_easy_strerror(code);
    }
    return fmt::format("{} ({})", curl_easy_strerror(code), detail);
}

void set_common_options(option_setter& set, const std::string& url, const char* protocols,
                        std::chrono::seconds timeout, error_buffer& errors) {
    errors[0] = '\0';
    const auto connect_timeout = std::min(timeout, max_connect_timeout);
    set(CURLOPT_ERRORBUFFER, errors.data());
    set(CURLOPT_URL, url.c_str());
    set(CURLOPT_PROTOCOLS_STR, protocols);
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_SSL_VERIFYPEER, 1L);
    set(CURLOPT_SSL_VERIFYHOST, 2L);
    set(CURLOPT_TIMEOUT_MS,
        static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count()));
    set(CURLOPT_CONNECTTIMEOUT_MS,
        static_cast<long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(connect_timeout).count()));
    set(CURLOPT_NOSIGNAL, 1L);
}

} // namespace lbtrack::notify::detail
