#pragma once
// Time points are UTC system_clock time points throughout; the clock is injected where a
// component needs "now" so tests can travel in time.

#include <chrono>
#include <functional>

namespace lbtrack {

using time_point = std::chrono::sys_time<std::chrono::microseconds>;
using clock_fn = std::function<time_point()>;

inline time_point system_now() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
}

} // namespace lbtrack

#include <string>

namespace lbtrack {

/// "2025-06-27 11:42 UTC", or "2025-06-27" when the time is midnight (replayed daily files).
std::string format_utc(time_point t);

/// "2025-06-27T11:42:05Z" (RFC 3339, whole seconds): for machine-read outputs such as JSON.
std::string format_rfc3339(time_point t);

} // namespace lbtrack
