#pragma once
// What changed on one board between two snapshots, matched by model identity (model key and
// variant), so a cosmetic rename upstream is not reported as a drop plus an add.

#include "lbtrack/core/entry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lbtrack::diff {

struct rank_move {
    std::string model_key;
    std::string name; ///< the raw name in the newer snapshot
    int from = 0;
    int to = 0;
};

struct score_change {
    std::string model_key;
    std::string name;
    double from = 0;
    double to = 0;
    /// True when the change exceeds the larger published CI half-width of the two rows, i.e. the
    /// board itself would call the move real. False when the board publishes no CI.
    bool significant = false;
};

/// A further metric (a price, a sub-score) whose value or unit changed for a model on both
/// snapshots. Metrics that appear or disappear are not reported: that is a column change.
struct metric_change {
    std::string model_key;
    std::string name;   ///< the raw name in the newer snapshot
    std::string metric; ///< the metric's stored name, e.g. "price"
    double from = 0;
    double to = 0;
    std::string unit;      ///< in the newer snapshot ("" for none), e.g. "元"
    std::string from_unit; ///< in the older snapshot; differs from `unit` when the board changed it
};

struct leader_change {
    std::string from_name; ///< empty when the older snapshot had no ranked row
    std::string to_name;
};

struct board_diff {
    std::vector<entry> added;                  ///< in the newer snapshot only, by new rank
    std::vector<entry> dropped;                ///< in the older snapshot only, by old rank
    std::vector<rank_move> moved;              ///< by size of the move, largest first
    std::vector<score_change> rescored;        ///< by size of the change, largest first
    std::vector<metric_change> metric_changes; ///< by the model's new rank, then metric name
    std::optional<leader_change> new_leader;

    bool empty() const {
        return added.empty() && dropped.empty() && moved.empty() && rescored.empty() &&
               metric_changes.empty() && !new_leader;
    }
};

/// Compares two snapshots of the same board. Rows are matched by (model_key, variant).
board_diff compute_diff(const std::vector<entry>& before, const std::vector<entry>& after);

} // namespace lbtrack::diff
