#pragma once
// Number formatting shared by the renderers: scores print as the board prints them (1472, not
// 1472.000000), deltas carry their sign and the precision of the values they compare.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::diff::detail {

inline std::string number(double v) {
    return fmt::format("{}", v);
}

inline std::string signed_number(double v) {
    return fmt::format("{:+}", v);
}

/// Digits after the point in the shortest spelling of `v`; std::nullopt for exponent form.
inline std::optional<int> decimals(double v) {
    const std::string s = number(v);
    if (s.find_first_of("eE") != std::string::npos) {
        return std::nullopt;
    }
    const auto point = s.find('.');
    return point == std::string::npos ? 0 : static_cast<int>(s.size() - point - 1);
}

/// `to - from` with its sign, at the precision the two values were printed with: 0.8 - 0.7 is
/// "+0.1", not the "+0.10000000000000009" that binary floating point computes.
inline std::string signed_difference(double from, double to) {
    const auto a = decimals(from);
    const auto b = decimals(to);
    if (!a || !b) {
        return signed_number(to - from);
    }
    return fmt::format("{:+.{}f}", to - from, std::max(*a, *b));
}

/// A metric value with its unit, as the board printed it: "0.7元", "76.2%".
inline std::string with_unit(double v, const std::string& unit) {
    return number(v) + unit;
}

/// The line under a list a report cut to its row limit (digest.hpp): "… and 14 more, not
/// listed (--max-rows)"; "" when nothing was cut.
inline std::string more_rows(std::size_t n) {
    return n == 0 ? std::string() : fmt::format("… and {} more, not listed (--max-rows)", n);
}

/// A rank move as the user reads it: a smaller rank is a move up.
inline std::string rank_delta(int from, int to) {
    return to < from ? fmt::format("▲{}", from - to) : fmt::format("▼{}", to - from);
}

} // namespace lbtrack::diff::detail

#include "lbtrack/diff/report.hpp"

namespace lbtrack::diff::detail {

/// A model's place on one board in the cross-board digest, as every renderer prints it:
/// "▲2 (5→3)", "new at 4", "dropped (was 7)", "= 7", "–" (on the board, unranked).
inline std::string position_text(const board_position& p) {
    const auto rank = [](const std::optional<int>& r) { return r ? std::to_string(*r) : "–"; };
    if (!p.present_before) {
        return p.to ? fmt::format("new at {}", *p.to) : "new";
    }
    if (!p.present_after) {
        return p.from ? fmt::format("dropped (was {})", *p.from) : "dropped";
    }
    if (p.from && p.to && *p.from != *p.to) {
        return fmt::format("{} ({}→{})", rank_delta(*p.from, *p.to), *p.from, *p.to);
    }
    return fmt::format("= {}", rank(p.to));
}

/// "No changes: 3 boards checked." when nothing in the report changed, else empty. A board
/// with a new snapshot whose diff is empty (only ties reshuffled) counts as checked. Empty too
/// when no board could be checked (every source failed): the failures section says why.
inline std::string quiet_summary(const run_report& r) {
    const auto n = r.boards.size() + r.unchanged.size();
    if (r.has_changes() || (n == 0 && !r.failures.empty())) {
        return {};
    }
    if (!r.scope.empty() && !r.boards.empty()) {
        // Boards changed, but not within what the reader asked for.
        return fmt::format("No changes within the report's limits: {} board{} checked.", n,
                           n == 1 ? "" : "s");
    }
    return fmt::format("No changes: {} board{} checked{}.", n, n == 1 ? "" : "s",
                       n == 0 ? "" : (n == 1 ? ", unchanged" : ", all unchanged"));
}

/// "unchanged since 2025-07-01 11:42 UTC", "unchanged" when the last change is unknown.
inline std::string unchanged_text(const unchanged_board& b) {
    return b.last_change ? fmt::format("unchanged since {}", format_utc(*b.last_change))
                         : std::string("unchanged");
}

/// "every score changed (152 rows) at once: a recomputation, or a change of method or format
/// upstream? ...", "138 of 152 values of rank_stylectrl changed at once: ...". Plain text: the
/// caller escapes `metric_name`.
inline std::string overhaul_text(const value_overhaul& o, const std::string& metric_name) {
    const bool score = o.field == "score";
    const auto count = o.changed == o.compared
                           ? fmt::format("every {} changed ({} rows)",
                                         score ? "score" : "value of " + metric_name, o.compared)
                           : fmt::format("{} of {} {} changed", o.changed, o.compared,
                                         score ? "scores" : "values of " + metric_name);
    // Hedged: a recomputation (every LMArena catalog release; style-control ranks shifted by
    // newcomers) looks the same from here as a change of method or format.
    return count + " at once: a recomputation, or a change of method or format upstream? Not "
                   "listed row by row";
}

/// The rank changes a board's diff counts instead of listing, as every renderer says it:
/// "75 rank changes caused only by 3 new and 1 dropped models; 50 ties made or broken (no
/// model passed)". Empty when there are none.
inline std::string unlisted_moves(const board_diff& d) {
    std::vector<std::string> parts;
    if (d.shifted > 0) {
        // Every arrival and departure, the ones a row limit left unlisted too.
        const auto added = d.added.size() + d.omitted.added;
        const auto dropped = d.dropped.size() + d.omitted.dropped;
        std::vector<std::string> causes;
        if (added > 0) {
            causes.push_back(fmt::format("{} new", added));
        }
        if (dropped > 0) {
            causes.push_back(fmt::format("{} dropped", dropped));
        }
        parts.push_back(fmt::format("{} rank change{} caused only by {} model{}", d.shifted,
                                    d.shifted == 1 ? "" : "s", fmt::join(causes, " and "),
                                    added + dropped == 1 ? "" : "s"));
    }
    if (d.retied > 0) {
        parts.push_back(fmt::format("{} rank change{} from ties made or broken, no model passed",
                                    d.retied, d.retied == 1 ? "" : "s"));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

} // namespace lbtrack::diff::detail
