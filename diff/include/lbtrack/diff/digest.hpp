#pragma once
// A report cut to what a reader asked for and to a length one reads: the `--top`,
// `--min-rank-move`, `--significant-only` and `--model` filters of `run`, `diff` and `replay`
// (the rules the [[notify]] sinks apply, notify_rules.hpp) and `--max-rows`, which keeps each
// list's first rows and counts the rest.

#include "lbtrack/diff/notify_rules.hpp"
#include "lbtrack/diff/report.hpp"

#include <cstddef>

namespace lbtrack::diff {

/// Rows per list when the reader does not say: a newsletter item or a phone screen shows about
/// ten, and the lists are sorted so the first ten are the news (the best-ranked newcomers, the
/// largest moves, the changes beyond CI). lmarena-text 2024-10-29 had 24 score changes of 1-4
/// points; June 2025 printed 591 lines without a limit.
inline constexpr std::size_t default_max_rows = 10;

struct digest_options {
    /// Which changes, with the meaning of [[notify]]: `top` keeps changes at rank <= top on
    /// either snapshot (0: every rank), `models`, `min_rank_move`, `significant_only`,
    /// `min_score_change`. `boards` and `failures` are not used: a report shows the boards it
    /// was asked for and always its failures.
    notify_rules rules{};
    /// At most this many rows per list (new, dropped, moved, ties within CI, score, metric and
    /// detail changes, cross-board lines); 0: every row.
    std::size_t max_rows = default_max_rows;
};

/// The diff options that go with `options`: a report limited to a top N reports the entries
/// into and exits from that N; one that is not, those of the default top 10.
inline diff_options section_options(const digest_options& options) {
    return {options.rules.top > 0 ? options.rules.top : default_top_n};
}

/// `report` with each board's changes filtered by `options.rules` and every list cut to
/// `options.max_rows`, the rows left out counted in board_diff::omitted (and digest_omitted).
/// Unlike a notification (apply_rules), every board stays, first snapshots included, and a
/// board-wide method change is still said: the report is about the boards it names.
run_report digest(const run_report& report, const digest_options& options);

/// "top 10; models matching claude*; moves of 3+ places; score changes beyond CI only", or ""
/// when `rules` keep every change.
std::string scope_text(const notify_rules& rules);

} // namespace lbtrack::diff
