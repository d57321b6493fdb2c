#include "lbtrack/net/curl_easy.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <string_view>

namespace lbtrack::net {

void ensure_curl_initialised() {
    // libcurl needs its global state set up once per process before the first handle, and
    // curl_global_init is not guaranteed thread-safe (it depends on the version and the TLS
    // backend). A function-local static is initialised exactly once even when called on several
    // threads at once, keeps the cost off programs that never make a transfer, and needs no
    // mutable global of ours. curl_global_cleanup is deliberately never called: it is not
    // thread-safe either, and another transfer may still be in use; process exit reclaims all.
    static const CURLcode global_init = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (global_init != CURLE_OK) {
        throw error(
            fmt::format("libcurl could not be initialised: {}", curl_easy_strerror(global_init)));
    }
}

std::string describe(CURLcode code, const char* error_buffer) {
    constexpr std::string_view blanks = " \t\r\n";
    std::string_view detail = error_buffer;
    const auto first = detail.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return curl_easy_strerror(code);
    }
    detail = detail.substr(first, detail.find_last_not_of(blanks) - first + 1);
    return fmt::format("{} ({})", curl_easy_strerror(code), detail);
}

} // namespace lbtrack::net
