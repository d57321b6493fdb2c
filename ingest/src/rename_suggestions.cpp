#include "lbtrack/ingest/rename_suggestions.hpp"

#include "lbtrack/ingest/model_identity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace lbtrack::ingest {

namespace {

/// Whether `x` prints exactly with `decimals` decimals. The tolerance absorbs the binary
/// representation of a printed decimal (45.1 is 45.09999...), not a real difference.
bool prints_with(double x, int decimals) {
    const double scaled = x * std::pow(10.0, decimals);
    return std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, std::fabs(scaled));
}

/// Each score within the other row's interval: the two measurements agree as far as the board
/// itself can tell.
bool within_intervals(const board_row& a, const board_row& b) {
    if (!a.ci_plus || !a.ci_minus || !b.ci_plus || !b.ci_minus) {
        return false;
    }
    const auto inside = [](double x, const board_row& r) {
        return x >= *r.score - *r.ci_minus && x <= *r.score + *r.ci_plus;
    };
    return inside(*a.score, b) && inside(*b.score, a);
}

bool continues(const board_row& before, const board_row& after, int decimals,
               const rename_rule& rule) {
    if (!before.score || !after.score || before.variant != after.variant) {
        return false;
    }
    if (before.votes.has_value() != after.votes.has_value()) {
        return false;
    }
    // Compared as printed: at most one step of the last printed digit apart.
    const double scale = std::pow(10.0, decimals);
    const bool same_score =
        std::llabs(std::llround(*after.score * scale) - std::llround(*before.score * scale)) <= 1;
    if (before.votes) {
        const long long growth = *after.votes - *before.votes;
        const auto allowance = std::max(
            rule.min_votes_growth,
            static_cast<long long>(rule.votes_growth * static_cast<double>(*before.votes)));
        const auto trim =
            static_cast<long long>(rule.votes_shrink * static_cast<double>(*before.votes));
        if (growth < -trim || growth > allowance) {
            return false;
        }
        if (!same_score && !within_intervals(before, after)) {
            return false;
        }
    } else if (!same_score) {
        return false;
    }
    if (before.rank && after.rank) {
        const int slack = std::max(
            rule.rank_slack, static_cast<int>(rule.rank_share * static_cast<double>(*before.rank)));
        if (std::abs(*after.rank - *before.rank) > slack) {
            return false;
        }
    }
    return true;
}

} // namespace

int score_decimals(const board_transition& t) {
    int decimals = 0;
    for (const auto* rows : {&t.dropped, &t.added}) {
        for (const auto& r : *rows) {
            while (r.score && decimals < 6 && !prints_with(*r.score, decimals)) {
                ++decimals;
            }
        }
    }
    return decimals;
}

std::vector<rename_suggestion> find_renames(const board_transition& t, const rename_rule& rule) {
    const int decimals = score_decimals(t);
    // matches[i]: the added rows the i-th dropped row continues.
    std::vector<std::vector<std::size_t>> matches(t.dropped.size());
    std::vector<std::size_t> matched_by(t.added.size(), 0);
    for (std::size_t i = 0; i < t.dropped.size(); ++i) {
        for (std::size_t j = 0; j < t.added.size(); ++j) {
            if (continues(t.dropped[i], t.added[j], decimals, rule)) {
                matches[i].push_back(j);
                ++matched_by[j];
            }
        }
    }
    std::vector<rename_suggestion> out;
    for (std::size_t i = 0; i < t.dropped.size(); ++i) {
        if (matches[i].size() == 1 && matched_by[matches[i].front()] == 1) {
            const auto& after = t.added[matches[i].front()];
            out.push_back({t.source_id, t.before_date, t.after_date, t.dropped[i], after,
                           clean_model_name(t.dropped[i].printed_name) ==
                               clean_model_name(after.printed_name)});
        }
    }
    return out;
}

std::string day_before(const std::string& yyyy_mm_dd) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    char tail = 0;
    if (std::sscanf(yyyy_mm_dd.c_str(), "%d-%u-%u%c", &y, &m, &d, &tail) != 3) {
        return yyyy_mm_dd;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                          std::chrono::day{d}};
    if (!ymd.ok()) {
        return yyyy_mm_dd;
    }
    const std::chrono::year_month_day prev{std::chrono::sys_days{ymd} - std::chrono::days{1}};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(prev.year()),
                       static_cast<unsigned>(prev.month()), static_cast<unsigned>(prev.day()));
}

namespace {

/// A TOML basic string: quotes and backslashes escaped (printed names are plain text).
std::string toml_quote(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + '"';
}

} // namespace

std::string alias_toml(const rename_suggestion& s) {
    return fmt::format("[[model]]\nname = {}\naliases = [{}]",
                       toml_quote(s.same_name ? s.before.model_name : s.after.model_name),
                       alias_item(s));
}

std::string alias_item(const rename_suggestion& s) {
    return fmt::format("{{ name = {}, until = \"{}\" }}", toml_quote(s.before.printed_name),
                       s.same_name ? s.after_date : day_before(s.after_date));
}

} // namespace lbtrack::ingest
