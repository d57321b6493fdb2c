#pragma once
// Renames upstream: a board that starts printing a model under another name (LMArena's
// `Claude 3.5 Sonnet` became `Claude 3.5 Sonnet (20240620)` on 2024-10-29, when the 20241022
// snapshot arrived) shows as a drop plus a new model when the identity layer cannot tie the two
// names. Between two consecutive snapshots of one board, a dropped row and a new row whose values
// continue each other are most likely one model under two names; `lbtrack models --unreviewed`
// suggests the registry alias that carries the history across (docs/model-identity.md).

#include "lbtrack/core/board_row.hpp"

#include <string>
#include <vector>

namespace lbtrack::ingest {

/// One row of a stored snapshot, after identity: what the rename check compares.
using board_row = lbtrack::board_row;

/// Two consecutive snapshots of one board: the earlier one's rows whose model and variant are
/// absent from the later one (dropped), and the later one's rows absent from the earlier (added).
struct board_transition {
    std::string source_id;
    std::string before_date; ///< YYYY-MM-DD (UTC) of the earlier snapshot
    std::string after_date;  ///< YYYY-MM-DD (UTC) of the later snapshot
    std::vector<board_row> dropped;
    std::vector<board_row> added;
};

/// A dropped row and an added row that continue each other.
struct rename_suggestion {
    std::string source_id;
    std::string before_date;
    std::string after_date; ///< the day the new name was first seen on the board
    board_row before;       ///< the dropped row, on before_date
    board_row after;        ///< the added row, on after_date
    /// The board printed one name on both days (as clean_model_name reads it) and identity split
    /// it: no rename upstream, but a dated alias that ends while the board still printed the
    /// name for the model (`Claude 3.5 Sonnet` is claude-3-5-sonnet-20240620 until 2024-10-21
    /// in the registry; LMArena printed it with the same votes on 2024-10-24).
    bool same_name = false;
};

/// The tolerances of the rule. Defaults measured on lmarena-text (92 snapshots, 2024-06 ..
/// 2025-08): see docs/model-identity.md, "Renames upstream".
struct rename_rule {
    /// Votes may grow by this share of the earlier count, or by min_votes_growth, whichever is
    /// larger: LMArena's established models gain 1-3 % a week (Claude 3.5 Sonnet 79,710 ->
    /// 81,086 over 2024-10-24 .. 10-29), a young one more (Gemini-2.5-Pro-Preview-06-05 8,825 ->
    /// Gemini-2.5-Pro 12,327 over 2025-06-18 .. 06-25, +40 %).
    double votes_growth = 0.5;
    long long min_votes_growth = 2000;
    /// ...and may shrink by this share: LMArena's recounts trim a few votes (Gemini Pro (Dev API)
    /// 18,789 -> Gemini-1.0-Pro-001 18,773 on 2024-08-07; Llama-2-70b-chat 39,630 -> 39,621 on
    /// 2024-11-05). A real drop of votes is another model.
    double votes_shrink = 0.001;
    /// Rank may move by this many places, or by rank_share of the earlier rank, whichever is
    /// larger: new models entering above shift a renamed one down (10 -> 11 for Claude).
    int rank_slack = 3;
    double rank_share = 0.1;
};

/// The fewest decimals (0..6) that print every score of the transition's dropped and added rows:
/// the board's printed precision as far as these rows show it (scores are stored as doubles).
int score_decimals(const board_transition& t);

/// The renames of one transition. A pair is suggested when
///   - both rows have a score and the same variant;
///   - the scores are equal within one step of the printed precision (1 for LMArena's integer
///     ratings), or, on a board with votes and intervals, each score lies within the other
///     row's interval;
///   - the votes, when the board has them, did not decrease (beyond a recount's trim) and grew
///     by at most the rule's allowance (a row with votes never pairs with one without);
///   - the ranks, when both rows have one, are within the rule's slack;
///   - the pair is unique: the dropped row matches no other added row and the added row no other
///     dropped row. An ambiguous pair is refused, never guessed.
/// Suggestions come in the order of the dropped rows.
std::vector<rename_suggestion> find_renames(const board_transition& t,
                                            const rename_rule& rule = {});

/// The day before `yyyy_mm_dd` ("2024-10-29" -> "2024-10-28"); the input unchanged when it is not
/// a date.
std::string day_before(const std::string& yyyy_mm_dd);

/// The registry alias that carries the history across: the old printed name as an alias of the
/// new model, valid until the day before the new name appeared (the old name may later name
/// another model, as `Claude 3.5 Sonnet` did): `{ name = "Claude 3.5 Sonnet", until =
/// "2024-10-28" }`. For a same_name suggestion, the period of the old model's alias must reach at
/// least after_date: `until = "<after_date>"`, the least that carries this history across.
std::string alias_item(const rename_suggestion& s);

/// alias_item inside its registry entry, three TOML lines without a trailing newline:
///   [[model]]
///   name = "claude-3-5-sonnet-20240620"
///   aliases = [{ name = "Claude 3.5 Sonnet", until = "2024-10-28" }]
/// The model is the new row's (after.model_name), or the old row's for a same_name suggestion.
std::string alias_toml(const rename_suggestion& s);

} // namespace lbtrack::ingest
