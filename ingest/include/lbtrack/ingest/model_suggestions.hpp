#pragma once
// Suggestions for provisional models: the known models whose keys are nearest, so a reviewer of
// `lbtrack models --unreviewed` sees at a glance whether a name is new or a missed alias.

#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

/// Edit distance (Levenshtein, on bytes) between two keys.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Up to `n` of `candidates` nearest to `key`, nearest first (ties by key). Only candidates that
/// share the key's leading letters (up to three) or a word of four letters or more, and are
/// within half the longer key's length, are suggested: a suggestion should be plausible, not
/// merely the least bad. `key` itself is never suggested.
std::vector<std::string>
nearest_models(std::string_view key, const std::vector<std::string>& candidates, std::size_t n = 3);

} // namespace lbtrack::ingest
