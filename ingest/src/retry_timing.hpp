#pragma once
// How long fetch_all waits before trying a failed request again. Private to lbtrack_ingest.

#include "lbtrack/ingest/multi_fetcher.hpp"

#include <chrono>
#include <optional>
#include <string_view>

namespace lbtrack::ingest::detail {

/// A Retry-After value as the header capture keeps it, trimmed (RFC 9110 10.2.3): delay-seconds
/// or an HTTP-date, the latter relative to `now`; never negative, at most a day. nullopt for
/// anything else: the header is then ignored.
std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now);

/// The wait before the next attempt after `failed_attempts` (>= 1) failures: full jitter, i.e.
/// `jitter` (clamped to [0, 1)) times min(max_backoff, initial_backoff * multiplier^(n - 1)).
/// A server's `retry_after`, capped by max_retry_after, is a lower bound.
std::chrono::milliseconds retry_delay(const retry_policy& policy, int failed_attempts,
                                      double jitter,
                                      std::optional<std::chrono::milliseconds> retry_after);

} // namespace lbtrack::ingest::detail
