#include "lbtrack/diff/notify_rules.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace lbtrack::diff {

bool matches_pattern(std::string_view pattern, std::string_view text) {
    // Iterative wildcard match with one backtrack point: linear for the patterns users write.
    std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
    const auto same = [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    };
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && same(pattern[p], text[t])) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

namespace {

bool any_match(const std::vector<std::string>& patterns, std::string_view a,
               std::string_view b = {}) {
    if (patterns.empty()) {
        return true;
    }
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
        return matches_pattern(p, a) || (!b.empty() && matches_pattern(p, b));
    });
}

bool within_top(int top, const std::optional<int>& a, const std::optional<int>& b = {}) {
    return top <= 0 || (a && *a <= top) || (b && *b <= top);
}

template <typename T, typename Keep>
void keep_if(std::vector<T>& list, Keep keep) {
    list.erase(std::remove_if(list.begin(), list.end(), [&](const T& x) { return !keep(x); }),
               list.end());
}

} // namespace

board_diff filter_changes(board_diff d, const notify_rules& r) {
    const auto model_ok = [&](const std::string& key, const std::string& name) {
        return any_match(r.models, key, name);
    };
    keep_if(d.added, [&](const entry& e) {
        return model_ok(e.model_key, e.raw_name) && within_top(r.top, e.rank);
    });
    keep_if(d.dropped, [&](const entry& e) {
        return model_ok(e.model_key, e.raw_name) && within_top(r.top, e.rank);
    });
    keep_if(d.renamed, [&](const likely_rename& n) {
        return (model_ok(n.from_key, n.from_name) || model_ok(n.to_key, n.to_name)) &&
               within_top(r.top, n.rank);
    });
    keep_if(d.moved, [&](const rank_move& m) {
        return model_ok(m.model_key, m.name) && within_top(r.top, m.from, m.to) &&
               std::abs(m.to - m.from) >= std::max(1, r.min_rank_move);
    });
    keep_if(d.within_ci, [&](const rank_move& m) {
        return model_ok(m.model_key, m.name) && within_top(r.top, m.from, m.to);
    });
    keep_if(d.entered_top, [&](const top_change& t) { return model_ok(t.model_key, t.name); });
    keep_if(d.left_top, [&](const top_change& t) { return model_ok(t.model_key, t.name); });
    keep_if(d.rescored, [&](const score_change& s) {
        return model_ok(s.model_key, s.name) && within_top(r.top, s.rank) &&
               std::abs(s.to - s.from) >= r.min_score_change &&
               (!r.significant_only || s.significant);
    });
    keep_if(d.metric_changes, [&](const metric_change& m) {
        return model_ok(m.model_key, m.name) && within_top(r.top, m.rank);
    });
    keep_if(d.metadata_changes, [&](const metadata_change& m) {
        return model_ok(m.model_key, m.name) && within_top(r.top, m.rank);
    });
    if (!r.models.empty() || r.top > 0) {
        // Board-wide facts (a method change, counts of unlisted rank changes) are not about the
        // models or ranks a rule keeps.
        d.overhauls.clear();
        d.shifted = 0;
        d.retied = 0;
    }
    if (d.new_leader && !model_ok(d.new_leader->to_key, d.new_leader->to_name)) {
        d.new_leader.reset();
    }
    return d;
}

void add_listed_models(const board_diff& d, std::set<std::string>& keys) {
    for (const auto& e : d.added) {
        keys.insert(e.model_key);
    }
    for (const auto& e : d.dropped) {
        keys.insert(e.model_key);
    }
    for (const auto& m : d.moved) {
        keys.insert(m.model_key);
    }
}

run_report apply_rules(const run_report& report, const notify_rules& rules) {
    run_report out;
    out.generated_at = report.generated_at;
    std::set<std::string> reported; // model keys still in some added/dropped/moved list
    for (const auto& b : report.boards) {
        // A board's first snapshot lists every row as new: that is a board joining lbtrack,
        // not news about models, so no notification carries it.
        if (!b.context.from || !any_match(rules.boards, b.context.source_id)) {
            continue;
        }
        board_report kept{b.context, filter_changes(b.diff, rules), {}};
        if (kept.diff.empty()) {
            continue;
        }
        // The board as it stands is not a change a rule filters: the HTML email opens with it
        // and its charts (whose movers chart follows the moves kept).
        kept.standings = b.standings;
        kept.field_scores = b.field_scores;
        kept.series = b.series;
        add_listed_models(kept.diff, reported);
        out.boards.push_back(std::move(kept));
    }
    std::set<std::string> kept_boards;
    for (const auto& b : out.boards) {
        kept_boards.insert(b.context.source_id);
    }
    for (const auto& line : report.digest) {
        if (!reported.contains(line.model_key)) {
            continue;
        }
        digest_line kept{line.model_key, line.name, {}};
        for (const auto& p : line.boards) {
            if (any_match(rules.boards, p.source_id)) {
                kept.boards.push_back(p);
            }
        }
        if (kept.boards.size() >= 2) {
            out.digest.push_back(std::move(kept));
        }
    }
    if (rules.failures) {
        out.failures = report.failures;
    }
    return out;
}

bool worth_sending(const run_report& filtered) {
    return filtered.has_changes() || !filtered.failures.empty();
}

std::string notification_subject(const run_report& report) {
    std::size_t added = 0, dropped = 0, moved = 0;
    std::vector<std::string> leaders;
    for (const auto& b : report.boards) {
        added += b.diff.added.size();
        dropped += b.diff.dropped.size();
        moved += b.diff.moved.size();
        if (b.diff.new_leader && !b.diff.new_leader->from_name.empty()) {
            leaders.push_back(fmt::format("new leader on {} ({})", b.context.source_id,
                                          b.diff.new_leader->to_name));
        }
    }
    std::vector<std::string> parts = leaders;
    if (added > 0) {
        parts.push_back(fmt::format("{} new", added));
    }
    if (dropped > 0) {
        parts.push_back(fmt::format("{} dropped", dropped));
    }
    if (moved > 0) {
        parts.push_back(fmt::format("{} moved", moved));
    }
    if (parts.empty()) {
        parts.push_back(report.has_changes() ? "changes" : "no changes");
    }
    if (!report.failures.empty()) {
        parts.push_back(fmt::format("{} source(s) failed", report.failures.size()));
    }
    const auto date = format_utc(report.generated_at).substr(0, 10);
    return fmt::format("Leaderboards {}: {}", date, fmt::join(parts, ", "));
}

} // namespace lbtrack::diff
