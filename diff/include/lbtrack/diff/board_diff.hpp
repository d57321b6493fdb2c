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
    std::optional<int> rank{}; ///< in the newer snapshot, for "top N only" rules
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
    std::optional<int> rank{}; ///< in the newer snapshot
};

/// A row's descriptive field that changed: "license" or "organization".
struct metadata_change {
    std::string model_key;
    std::string name;
    std::string field;
    std::string from;
    std::string to;
    std::optional<int> rank{}; ///< in the newer snapshot
};

/// A model that entered or left the board's top N. `from`/`to` are empty when the model was not
/// on that snapshot at all.
struct top_change {
    std::string model_key;
    std::string name;
    std::optional<int> from;
    std::optional<int> to;
};

/// Most rows' values of one column changed at once: a change of method or format upstream
/// (ceval's table switched from five-shot to zero-shot, 2023-06; every LMArena catalog release
/// recomputes every rating), reported once instead of row by row.
struct value_overhaul {
    std::string field;        ///< "score", or the metric's stored name
    std::size_t changed = 0;  ///< rows whose value changed (beyond the published precision)
    std::size_t compared = 0; ///< rows with a value on both snapshots
    /// The column is a ranking of its own (its name says rank, every value is a whole number
    /// from 1): new models and score changes reorder most of it on an ordinary day (LMArena's
    /// rank_stylectrl), which is no change of method.
    bool ranking = false;
};

/// A dropped row and a new row that are probably one model whose printed name gained or lost a
/// parameter size, a date or a version tag, or whose variant was relabelled: same board, same
/// day, same rank and the same score at the published precision (ceval 2023-06-09: "Bloomz-mt"
/// became "Bloomz-mt-176B" at rank 6 with 39.0). Not merged: such a tag can name another model
/// (Llama-2 and Llama-2-70B are two), so the report asks ("Bloomz-mt → Bloomz-mt-176B?") and
/// lists the pair neither as new nor as dropped. docs/reports.md, "A likely rename".
struct likely_rename {
    std::string from_key;
    std::string from_name; ///< as the older snapshot printed it
    std::string to_key;
    std::string to_name; ///< as the newer snapshot printed it
    std::optional<int> rank{};
    std::optional<double> score{};
};

struct leader_change {
    std::string from_name; ///< empty when the older snapshot had no ranked row
    std::string to_name;
    std::string to_key{}; ///< the new leader's model key
};

/// The N of a report's "Top N" section (entries and exits, standings) when the report is not
/// limited to a top N: ten is what a board's own headline shows.
inline constexpr int default_top_n = 10;

struct diff_options {
    /// The "top N" whose entries and exits are reported. 0 turns the section off.
    int top_n = default_top_n;
};

/// How many changes of each list a report left out to stay short (`--max-rows`): the lists
/// keep their first rows (the largest moves, the best-ranked newcomers) and count the rest.
struct left_out {
    std::size_t added = 0;
    std::size_t dropped = 0;
    std::size_t moved = 0;
    std::size_t within_ci = 0;
    std::size_t rescored = 0;
    std::size_t metric_changes = 0;
    std::size_t metadata_changes = 0;
};

/// A column is overhauled when at least this share of the rows with a value on both snapshots
/// changed, and there are at least overhaul_min_rows of them. 0.8: on real boards a day of
/// genuine news changes at most a fifth of the scores (lmarena-text 2024-10-29: 24 of 152),
/// while a method or format change changes nearly all of them.
inline constexpr double overhaul_share = 0.8;
/// Below this, "most rows" is a handful of models and is news about them.
inline constexpr std::size_t overhaul_min_rows = 10;

struct board_diff {
    int top_n = 0;              ///< the N of entered_top and left_top
    std::vector<entry> added;   ///< in the newer snapshot only, by new rank
    std::vector<entry> dropped; ///< in the older snapshot only, by old rank
    /// Models present on both snapshots whose order among the others present on both changed:
    /// they overtook or were overtaken, and the board's CIs support it. By size of the move,
    /// largest first.
    std::vector<rank_move> moved;
    /// Pairs of one dropped and one new row that differ only by one size, date or version tag in
    /// the name or only by the variant, and sit at the same rank and score; they are in neither
    /// `added` nor `dropped`.
    std::vector<likely_rename> renamed;
    /// Rank changes the board's own confidence intervals do not support: every model this one
    /// changed places with overlaps it within the published CIs of the newer snapshot. Boards
    /// rank such models as statistical ties, so they are not called moves (not in `moved`).
    std::vector<rank_move> within_ci;
    /// Rank changes of models present on both snapshots that kept their order among the others
    /// present on both: caused only by the rows `added` and `dropped`. Counted, not listed.
    std::size_t shifted = 0;
    /// Rank changes of models that passed no model present on both snapshots but made or broke
    /// a tie with one (LMArena's upper-bound ranks regroup as intervals narrow). Counted.
    std::size_t retied = 0;
    std::vector<top_change> entered_top; ///< by new rank
    std::vector<top_change> left_top;    ///< by old rank
    /// Columns where most values changed at once; their changes are not in `rescored` or
    /// `metric_changes` (the score first, then metrics by name).
    std::vector<value_overhaul> overhauls;
    /// Beyond the board's CI first (what the board itself calls real), then by size of the
    /// change, largest first.
    std::vector<score_change> rescored;
    std::vector<metric_change> metric_changes;     ///< by the model's new rank, then metric name
    std::vector<metadata_change> metadata_changes; ///< by the model's new rank, then field
    std::optional<leader_change> new_leader;
    /// Rows of the lists above left out by a report's row limit; zero in a diff as computed.
    left_out omitted{};

    /// Ties within CI alone do not make a diff non-empty: they are not changes a reader acts on.
    bool empty() const {
        return added.empty() && dropped.empty() && renamed.empty() && moved.empty() &&
               rescored.empty() && entered_top.empty() && left_top.empty() &&
               metric_changes.empty() && metadata_changes.empty() && overhauls.empty() &&
               !new_leader;
    }
};

/// Compares two snapshots of the same board. Rows are matched by (model_key, variant).
board_diff compute_diff(const std::vector<entry>& before, const std::vector<entry>& after,
                        const diff_options& options = {});

} // namespace lbtrack::diff
