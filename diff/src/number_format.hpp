#pragma once
// Number formatting shared by the renderers: scores print as the board prints them (1472, not
// 1472.000000), deltas carry their sign and the precision of the values they compare.

#include "value_precision.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::diff::detail {

/// The shortest spelling that reads back as `v`, every digit kept: for JSON and CSV, which
/// machines read.
inline std::string exact_number(double v) {
    return fmt::format("{}", v);
}

/// Digits after the point in `text`, a spelling of a number; std::nullopt for exponent form.
inline std::optional<int> decimals_of(const std::string& text) {
    if (text.find_first_of("eE") != std::string::npos) {
        return std::nullopt;
    }
    const auto point = text.find('.');
    return point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

/// `v` as a report prints it: the shortest spelling that reads back as `v` (1472, not
/// 1472.000000), at the precision the board published. A spelling with more decimals than any
/// board publishes (value_precision.hpp) is a full-precision export or binary noise
/// (openllm-v2 from 2024-12-11: 38.7525412608276; LMArena's catalog: 1486.6027120272704;
/// 0.1 + 0.2 = 0.30000000000000004): it prints at 2 decimals, what openllm-v2 published before
/// and `lbtrack serve` shows, or at 3 significant digits below 1, trailing zeros dropped.
inline std::string number(double v) {
    std::string text = exact_number(v);
    const auto d = decimals_of(text);
    if (!d || *d <= max_published_decimals) {
        return text;
    }
    const double size = std::abs(v);
    const int digits = size >= 1 || size == 0
                           ? 2
                           : std::min(max_published_decimals,
                                      2 + static_cast<int>(std::ceil(-std::log10(size) - 1e-12)));
    text = fmt::format("{:.{}f}", v, digits);
    if (text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    return text == "-0" ? "0" : text;
}

inline std::string signed_number(double v) {
    const auto text = number(v);
    return text.starts_with('-') ? text : "+" + text;
}

/// Digits after the point of `v` as number() prints it; std::nullopt for exponent form.
inline std::optional<int> decimals(double v) {
    return decimals_of(number(v));
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

/// What a quiet report says first: which boards were checked, that none changed, and when the
/// last of them changed: "No changes: 1 board checked (ceval), unchanged since 2023-06-09.",
/// "No changes: 3 boards checked (a, b, c), all unchanged; the last change was on 2025-07-01
/// (b)." Boards are named up to five (the unchanged list below names every one). Empty when
/// something in the report changed, or when no board could be checked (every source failed:
/// the failures section says why). A board with a new snapshot whose diff is empty (only ties
/// reshuffled) counts as checked, its snapshot as its last change.
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
    if (n == 0) {
        return "No changes: no board checked.";
    }
    std::vector<std::string> ids;
    std::optional<time_point> last;
    std::string last_id;
    const auto checked = [&](const std::string& id, const std::optional<time_point>& at) {
        ids.push_back(id);
        if (at && (!last || *at > *last)) {
            last = at;
            last_id = id;
        }
    };
    for (const auto& b : r.boards) {
        checked(b.context.source_id, b.context.to);
    }
    for (const auto& b : r.unchanged) {
        checked(b.source_id, b.last_change);
    }
    const auto named = ids.size() <= 5 ? fmt::format(" ({})", fmt::join(ids, ", ")) : "";
    if (n == 1) {
        return fmt::format("No changes: 1 board checked{}, {}.", named,
                           last ? "unchanged since " + format_utc(*last) : "unchanged");
    }
    return fmt::format(
        "No changes: {} boards checked{}, all unchanged{}.", n, named,
        last ? fmt::format("; the last change was on {} ({})", format_utc(*last), last_id) : "");
}

/// "unchanged since 2025-07-01 11:42 UTC", "unchanged" when the last change is unknown.
inline std::string unchanged_text(const unchanged_board& b) {
    return b.last_change ? fmt::format("unchanged since {}", format_utc(*b.last_change))
                         : std::string("unchanged");
}

/// "Bloomz-mt → Bloomz-mt-176B? Same rank (6) and score (39) on both days: probably one model
/// renamed upstream, listed neither as new nor as dropped." Plain text: the caller escapes the
/// two names.
inline std::string rename_text(const likely_rename& r, const std::string& from_name,
                               const std::string& to_name) {
    std::vector<std::string> same;
    if (r.rank) {
        same.push_back(fmt::format("rank ({})", *r.rank));
    }
    if (r.score) {
        same.push_back(fmt::format("score ({})", number(*r.score)));
    }
    return fmt::format("{} → {}? Same {} on both days: probably one model renamed upstream, "
                       "listed neither as new nor as dropped",
                       from_name, to_name, fmt::join(same, " and "));
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
