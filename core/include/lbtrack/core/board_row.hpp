#pragma once
// One row of a stored snapshot as read back: what the board printed for a model that day, and
// the model it resolved to. The rename check, the model page and the change queries all read
// this group of fields; it is declared once here and embedded where a reader adds its own.

#include <cstdint>
#include <optional>
#include <string>

namespace lbtrack {

/// What a board printed for one model on one snapshot.
struct printed_row {
    std::string variant;
    std::string printed_name; ///< as the board printed it that day
    std::optional<int> rank;
    std::optional<double> score;
    std::optional<double> ci_plus; ///< half-widths of the interval around the score
    std::optional<double> ci_minus;
    std::optional<long long> votes;
};

/// A printed row with the stored model it resolved to.
struct board_row : printed_row {
    std::int64_t model_id = 0;
    std::string model_key;
    std::string model_name; ///< the model's display name (the registry's name when it has one)
};

} // namespace lbtrack
