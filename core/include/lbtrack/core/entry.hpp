#pragma once
// One row of one leaderboard snapshot, after extraction and name normalization.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lbtrack {

struct entry {
    std::size_t row = 0;   ///< 1-based position among the payload's data rows
    std::string raw_name;  ///< the name exactly as the board printed it
    std::string model_key; ///< normalized identity key (see ingest/model_key.hpp)
    std::string variant;   ///< precision or other variant of one model; empty for none
    std::string organization;
    std::optional<int> rank;
    std::optional<double> score;
    std::optional<double> ci_plus;  ///< upper half-width of the published CI ("+5" of "+5/-5")
    std::optional<double> ci_minus; ///< lower half-width, positive ("5" of "+5/-5")
    std::optional<std::int64_t> votes;
    std::string license;
    std::string knowledge_cutoff;
    std::vector<std::pair<std::string, double>> metrics;
};

} // namespace lbtrack
