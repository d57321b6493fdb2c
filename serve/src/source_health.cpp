#include "source_health.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lbtrack::serve {

bool is_watched(const health_options& options, const std::string& source_id) {
    return options.watched.empty() || std::find(options.watched.begin(), options.watched.end(),
                                                source_id) != options.watched.end();
}

source_health assess(const store::source_status& s, const health_options& options, time_point now) {
    if (s.last_fetch && s.last_fetch->status == store::fetch_status::failed) {
        return {source_state::failing,
                fmt::format("latest fetch failed at {}{}", format_utc(s.last_fetch->started_at),
                            s.last_fetch->error.empty() ? "" : ": " + s.last_fetch->error)};
    }
    if (!is_watched(options, s.id)) {
        return {source_state::idle, {}};
    }
    if (!s.last_success) {
        return {source_state::stale, "never fetched successfully"};
    }
    if (now - *s.last_success > options.stale_after) {
        return {source_state::stale,
                fmt::format("no successful fetch since {} (more than {} h)",
                            format_utc(*s.last_success), options.stale_after.count())};
    }
    return {source_state::ok, {}};
}

const char* state_name(source_state state) {
    switch (state) {
    case source_state::ok:
        return "ok";
    case source_state::failing:
        return "failing";
    case source_state::stale:
        return "stale";
    case source_state::idle:
        return "idle";
    }
    return "ok";
}

} // namespace lbtrack::serve
