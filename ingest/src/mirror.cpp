#include "lbtrack/ingest/mirror.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

namespace lbtrack::ingest {

mirror_rule parse_mirror_rule(std::string_view spec) {
    const auto eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw usage_error(fmt::format("--mirror expects FROM=TO (a URL prefix, '=', its "
                                      "replacement), got '{}'",
                                      spec));
    }
    return mirror_rule{std::string(spec.substr(0, eq)), std::string(spec.substr(eq + 1))};
}

std::string apply_mirrors(const std::string& url, const std::vector<mirror_rule>& rules) {
    // Longest prefix wins so a specific rule can override a broad one whatever their order.
    const mirror_rule* best = nullptr;
    for (const auto& rule : rules) {
        if (url.starts_with(rule.from) &&
            (best == nullptr || rule.from.size() > best->from.size())) {
            best = &rule;
        }
    }
    if (best == nullptr) {
        return url;
    }
    return best->to + url.substr(best->from.size());
}

} // namespace lbtrack::ingest
