#pragma once
// One run's report: the diff of every board that got a new snapshot, the cross-board digest
// (one line per model that moved, with its position on every board of the run) and the sources
// that failed. Every renderer (text, Markdown, HTML, JSON) and every notification sink works
// from this one value, so they cannot disagree about what changed.

#include "lbtrack/core/entry.hpp"
#include "lbtrack/core/time.hpp"
#include "lbtrack/diff/board_diff.hpp"
#include "lbtrack/diff/standings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lbtrack::diff {

/// What a board diff compared: the board and the two snapshots.
struct diff_context {
    std::string source_id;
    std::string source_title;
    std::optional<time_point> from; ///< empty: the newer snapshot is the board's first
    time_point to{};
    std::size_t from_rows = 0;
    std::size_t to_rows = 0;
};

/// One stored observation of a model on one board, for charts.
struct chart_point {
    time_point at{};
    std::optional<int> rank;
    std::optional<double> score;
    /// The published CI's half-widths (`+a/-b`), when the board has one: a band around the
    /// score line.
    std::optional<double> ci_plus{};
    std::optional<double> ci_minus{};
};

/// A model's rank and score over time on one board, oldest point first.
struct model_series {
    std::string model_key;
    std::string name; ///< the board's latest spelling
    std::vector<chart_point> points;
};

struct board_report {
    diff_context context;
    board_diff diff;
    /// Rank/score history of the models the charts show (chart_models: today's top N and the
    /// largest moves), filled by the caller from the store; may be empty.
    std::vector<model_series> series;
    /// The newer snapshot's top N (the diff's top_n) with each row's change: what the HTML
    /// report opens a board with.
    std::vector<standing> standings{};
    /// Every score of the newer snapshot when the diff has newcomers: where they landed among
    /// the field (the newcomers chart). Empty otherwise.
    std::vector<double> field_scores{};
};

/// The models whose history a board's charts draw, each once: today's top N (at most
/// max_bump_models, the bump chart), then the largest rank moves (at most max_mover_models).
std::vector<std::string> chart_models(const board_report& board);

/// More lines than these are unreadable at the size of a report chart.
inline constexpr std::size_t max_bump_models = 10;
inline constexpr std::size_t max_mover_models = 6;

/// A model's position on one board of the run.
struct board_position {
    std::string source_id;
    std::optional<int> from; ///< empty: not on the board's older snapshot (new, or first)
    std::optional<int> to;   ///< empty: dropped from the board
    bool present_before = false;
    bool present_after = false;
};

/// "Claude Opus 4: lmarena-text ▲2 (5→3), lmarena-vision new at 4, open-llm = 7".
struct digest_line {
    std::string model_key;
    std::string name;                   ///< the spelling on the first board that lists it
    std::vector<board_position> boards; ///< in the order of the run's boards
};

/// A board the run checked that had no new snapshot: its board was the same as last time.
struct unchanged_board {
    std::string source_id;
    /// Its latest snapshot's time: the last day its board changed. Empty when unknown.
    std::optional<time_point> last_change{};
};

struct run_report {
    time_point generated_at{};
    std::vector<board_report> boards; ///< boards with a new snapshot, in config order
    /// Boards checked that had not changed, in the order checked: a quiet day's report says
    /// which boards it looked at and since when they are unchanged, rather than nothing.
    std::vector<unchanged_board> unchanged{};
    /// Models that were added, dropped or moved on at least one board and are listed on at least
    /// two boards of the run, largest total move first.
    std::vector<digest_line> digest;
    std::vector<std::string> failures; ///< one message per failed source, naming it
    /// Digest lines left out by the report's row limit (digest.hpp).
    std::size_t digest_omitted = 0;
    /// What the report was limited to, as the reader should be told ("top 10; models matching
    /// o3*"); empty when it shows every change (digest.hpp).
    std::string scope{};

    bool has_changes() const {
        for (const auto& b : boards) {
            if (!b.diff.empty()) {
                return true;
            }
        }
        return false;
    }
};

/// The two snapshots of one board, as the caller read them (already under today's identity).
struct board_snapshots {
    diff_context context;
    std::vector<entry> before;
    std::vector<entry> after;
    /// compute_diff(before, after, options) when the caller already has it (the ingest path
    /// computes it for its log line): build_report then reuses it instead of diffing again.
    std::optional<board_diff> diff;
};

/// Diffs every board (unless its diff is given) and builds the cross-board digest.
run_report build_report(const std::vector<board_snapshots>& boards, const diff_options& options,
                        time_point generated_at);

} // namespace lbtrack::diff
