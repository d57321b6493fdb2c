#pragma once
// --mirror FROM=TO: rewrite URL prefixes so the real config can be pointed at a local folder or
// a loopback server (tests, offline machines, caches).

#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

struct mirror_rule {
    std::string from;
    std::string to;
};

/// Parses "FROM=TO"; throws lbtrack::usage_error when there is no '=' or FROM is empty.
mirror_rule parse_mirror_rule(std::string_view spec);

/// Applies the rule with the longest matching prefix; returns `url` unchanged when none match.
std::string apply_mirrors(const std::string& url, const std::vector<mirror_rule>& rules);

} // namespace lbtrack::ingest
