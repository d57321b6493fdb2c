#include "retry_timing.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <string>

namespace lbtrack::ingest::detail {

namespace {

// Retry-After is only a hint: anything beyond a day is as good as "forever", and clamping here
// keeps the arithmetic below far from overflow.
constexpr std::chrono::seconds longest_hint{24 * 60 * 60};

} // namespace

std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    if (value.empty()) {
        return std::nullopt;
    }
    if (std::ranges::all_of(value, [](char c) { return c >= '0' && c <= '9'; })) {
        // Digit by digit with a clamp, so "99999999999999999999" cannot overflow.
        std::chrono::seconds::rep seconds = 0;
        for (const char c : value) {
            seconds =
                std::min<std::chrono::seconds::rep>(seconds * 10 + (c - '0'), longest_hint.count());
        }
        return std::chrono::seconds(seconds);
    }
    // libcurl's date parser accepts the three formats RFC 9110 requires recipients to read.
    const std::time_t date = curl_getdate(std::string(value).c_str(), nullptr);
    if (date == -1) {
        return std::nullopt;
    }
    // Milliseconds rather than whole seconds: the date has second resolution, but rounding the
    // difference up would add up to a second to every such wait.
    const auto until = std::chrono::system_clock::from_time_t(date) - now;
    return std::clamp(std::chrono::ceil<std::chrono::milliseconds>(until),
                      std::chrono::milliseconds::zero(),
                      std::chrono::duration_cast<std::chrono::milliseconds>(longest_hint));
}

std::chrono::milliseconds retry_delay(const retry_policy& policy, int failed_attempts,
                                      double jitter,
                                      std::optional<std::chrono::milliseconds> retry_after) {
    // Everything in double milliseconds: a large multiplier or attempt count then saturates at
    // infinity, which the clamp to max_backoff handles, instead of overflowing an integer.
    const double cap = std::max(0.0, static_cast<double>(policy.max_backoff.count()));
    const double initial = std::max(0.0, static_cast<double>(policy.initial_backoff.count()));
    const double growth = std::pow(policy.multiplier, std::max(0, failed_attempts - 1));
    double ceiling = initial * growth;
    if (!(ceiling < cap)) { // also catches NaN from a nonsensical multiplier
        ceiling = cap;
    }
    if (!(jitter >= 0.0)) { // negative or NaN
        jitter = 0.0;
    }
    jitter = std::min(jitter, std::nextafter(1.0, 0.0));
    auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(ceiling * jitter));

    if (retry_after) {
        const auto honoured =
            std::clamp(*retry_after, std::chrono::milliseconds::zero(),
                       std::max(policy.max_retry_after, std::chrono::milliseconds::zero()));
        delay = std::max(delay, honoured);
    }
    return delay;
}

} // namespace lbtrack::ingest::detail
