#pragma once
// Which changes of a run a notification carries: the [[notify]] rules of config/sources.toml
// applied to the run's report. A sink gets one digest per run holding only what passed its
// rules; when nothing passed (and no source failed) a quiet sink sends nothing.

#include "lbtrack/diff/report.hpp"

#include <set>
#include <string>
#include <vector>

namespace lbtrack::diff {

struct notify_rules {
    /// Source ids (`*` wildcards allowed); empty: every board.
    std::vector<std::string> boards;
    /// Model patterns (`*` wildcards, case-insensitive) matched against the model key and the
    /// printed name; empty: every model. A new leader passes when the new leader matches.
    std::vector<std::string> models;
    /// Only changes at rank <= top in the older or the newer snapshot; 0: any rank.
    int top = 0;
    /// Rank moves of fewer places are left out.
    int min_rank_move = 1;
    /// Score changes smaller than this (absolute) are left out; 0 keeps every change.
    double min_score_change = 0;
    /// Score changes only when they exceed the board's published CI.
    bool significant_only = false;
    /// Whether failed sources are part of the message.
    bool failures = true;
};

/// True when `text` matches `pattern`, ASCII case-insensitive, `*` matching any run of bytes.
bool matches_pattern(std::string_view pattern, std::string_view text);

/// One board's changes that pass `rules` (its `boards` and `failures` aside). Under a model or
/// top-N rule the board-wide facts (overhauls, counts of unlisted rank changes) are cleared:
/// they are not about the models or ranks the rule keeps.
board_diff filter_changes(board_diff d, const notify_rules& rules);

/// Adds the model keys `d` lists as new, dropped or moved to `keys`: the models a cross-board
/// digest line may still speak of once a board's changes were filtered.
void add_listed_models(const board_diff& d, std::set<std::string>& keys);

/// The report with only what passes `rules`: boards filtered, each board's lists filtered,
/// boards left without changes removed, digest lines kept for models still reported.
run_report apply_rules(const run_report& report, const notify_rules& rules);

/// A filtered report worth a message: some change or, when kept, some failure.
bool worth_sending(const run_report& filtered);

/// One-line summary for an email subject or a chat title: "Leaderboards 2025-07-02: new leader
/// on lmarena-text (o3), 3 new, 2 dropped, 5 moved" or "... no changes".
std::string notification_subject(const run_report& report);

} // namespace lbtrack::diff
