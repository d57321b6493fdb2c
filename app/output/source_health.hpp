#pragma once
// Whether a source is healthy for monitoring (`lbtrack sources`, exit 1 when one is not).

#include "lbtrack/core/source.hpp"
#include "lbtrack/core/time.hpp"
#include "lbtrack/store/overview.hpp"

#include <optional>
#include <string_view>

namespace lbtrack::app {

enum class health {
    ok,      ///< last fetch stored or unchanged, within max_age
    never,   ///< never fetched, and no max_age asks for a fetch
    failed,  ///< the last fetch failed (enabled sources only)
    stale,   ///< max_age set and the last fetch older than it, or none at all
    disabled ///< enabled = false, no max_age: not fetched by `run`, not judged
};

std::string_view health_name(health h);

/// True for the states `lbtrack sources` exits 1 on.
bool unhealthy(health h);

/// A failed last fetch outranks its age: it is the more useful thing to say.
health health_of(const source& src, const std::optional<store::last_fetch>& last, time_point now);

} // namespace lbtrack::app
