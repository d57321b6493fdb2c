#include "output/source_health.hpp"

namespace lbtrack::app {

std::string_view health_name(health h) {
    switch (h) {
    case health::ok:
        return "ok";
    case health::never:
        return "never";
    case health::failed:
        return "failed";
    case health::stale:
        return "stale";
    case health::disabled:
        return "disabled";
    }
    return "ok";
}

bool unhealthy(health h) {
    return h == health::failed || h == health::stale;
}

health health_of(const source& src, const std::optional<store::last_fetch>& last, time_point now) {
    const bool age_checked = src.max_age.count() > 0;
    if (!src.enabled && !age_checked) {
        return health::disabled;
    }
    if (!last) {
        return age_checked ? health::stale : health::never;
    }
    if (src.enabled && last->status == store::fetch_status::failed) {
        return health::failed;
    }
    const auto started = time_point(std::chrono::seconds(last->started_epoch));
    if (age_checked && now - started > src.max_age) {
        return health::stale;
    }
    return health::ok;
}

} // namespace lbtrack::app
