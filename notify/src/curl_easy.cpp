#include "curl_easy.hpp"

#include "lbtrack/net/curl_handles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace lbtrack::notify::detail {

namespace {

// Connecting never legitimately takes long; failing fast leaves the rest of the timeout for a
// slow answer. Clamped to the whole timeout, which stays the outer bound.
constexpr std::chrono::seconds max_connect_timeout{15};

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

} // namespace

url_parts split_url(const std::string& url) {
    url_parts parts;
    parts.host = "(unparsable URL)";
    const net::url_handle parsed(curl_url());
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

std::optional<std::string> target_problem(const url_parts& url, std::string_view scheme,
                                          std::chrono::seconds timeout) {
    if (url.scheme.empty()) {
        return fmt::format("the URL does not parse (expected {0}:// or {0}s://)", scheme);
    }
    if (url.scheme != scheme && url.scheme != fmt::format("{}s", scheme)) {
        return fmt::format("unsupported URL scheme '{}' (expected {} or {}s)", url.scheme, scheme,
                           scheme);
    }
    if (timeout <= std::chrono::seconds::zero()) {
        return fmt::format("timeout must be positive, got {} s", timeout.count());
    }
    return std::nullopt;
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

void set_common_options(net::option_setter& set, const std::string& url, const char* protocols,
                        std::chrono::seconds timeout, net::error_buffer& errors) {
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
