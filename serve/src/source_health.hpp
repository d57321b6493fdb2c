#pragma once
// Whether a source is healthy, as the boards page marks it and /health counts it.

#include "lbtrack/serve/server.hpp"
#include "lbtrack/store/board_overview.hpp"

#include <string>

namespace lbtrack::serve {

enum class source_state {
    ok,
    failing, ///< its latest fetch failed
    stale,   ///< watched, and no successful fetch for longer than stale_after
    idle,    ///< not watched (archived or replayed only), nothing failed: nothing expected
};

struct source_health {
    source_state state = source_state::ok;
    std::string reason; ///< "" when ok
};

/// Whether `s` is one of the sources a run is expected to fetch.
bool is_watched(const health_options& options, const std::string& source_id);

source_health assess(const store::source_status& s, const health_options& options, time_point now);

/// "ok", "failing", "stale", "idle".
const char* state_name(source_state state);

} // namespace lbtrack::serve
