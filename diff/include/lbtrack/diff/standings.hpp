#pragma once
// A board as it stands, each row with where it stood on an earlier snapshot: the top N a report
// opens with, and `lbtrack board` against the previous snapshot (or `--since`).

#include "lbtrack/core/earlier_place.hpp"
#include "lbtrack/core/entry.hpp"
#include "lbtrack/diff/board_diff.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lbtrack::diff {

/// Where a row stood on an earlier snapshot: what a standing adds to the row.
struct change_since {
    bool compared = false; ///< there was an older snapshot to compare with
    /// The row (model and variant) was on the older snapshot; false with `compared`: new.
    bool listed_before = false;
    std::optional<int> rank_before{};
    std::optional<double> score_before{};
    /// The score differs beyond the precision both snapshots published it at, the rule of the
    /// report's score changes (docs/reports.md): 45.23 and 45.2312 are the same value.
    bool score_changed = false;
    /// The older snapshot printed the row under this other name: a likely rename (the diff's
    /// `renamed`), so the row is not new; its rank and score before are the old row's.
    std::string renamed_from{};
};

struct standing : change_since {
    entry now; ///< the row on the newer snapshot
};

/// A standing whose row stays where the caller keeps it.
struct row_standing : change_since {
    const entry* now = nullptr; ///< the row on the newer snapshot
};

/// The score's change as the board prints its values: "+52", "-0.1" (at the decimals of the two
/// values, not 0.10000000000000009); "" without a score on both snapshots.
std::string score_change_text(const change_since& s, const std::optional<double>& score_now);
inline std::string score_change_text(const standing& s) {
    return score_change_text(s, s.now.score);
}

/// The rows of `after` ranked at most `top` (ties at `top` included; every row, ranked or not,
/// when `top` is 0), in board order, each with its rank and score on `before`. No `before`:
/// nothing to compare with (a board's first snapshot). A row that is the new side of one of
/// `renamed` (compute_diff's likely renames) reads its past from the old name.
std::vector<standing> standings(const std::vector<entry>* before, const std::vector<entry>& after,
                                int top, const std::vector<likely_rename>& renamed = {});

/// The same, moving the rows out of `after` instead of copying them (`board` of a 4,574-row
/// snapshot spent a tenth of its CPU copying entries here).
std::vector<standing> standings(const std::vector<entry>* before, std::vector<entry>&& after,
                                int top, const std::vector<likely_rename>& renamed = {});

/// The snapshot a board is compared with, when the caller has matched its rows already (the
/// store matches stored model ids: `lbtrack board`), so standings reads nothing else of it.
struct matched_before {
    /// Per row of `after`: its rank and score on the earlier snapshot; nullopt when not there.
    std::vector<std::optional<earlier_place>> of_row;
    /// Every score of the earlier snapshot: the precision it published them at.
    std::vector<double> scores;
};

/// standings() of rows matched by the caller, in any order: board order is by rank, then by
/// row (the order of ties in which the board lists them). The rows stay in `after`: moving
/// 4,574 entries into standings was 1.8 MB of fresh memory for `board` (issue 19).
std::vector<row_standing> standings(const std::vector<entry>& after, const matched_before& before,
                                    int top);

} // namespace lbtrack::diff
