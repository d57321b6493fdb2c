#include "lbtrack/diff/standings.hpp"

#include "number_format.hpp"
#include "value_precision.hpp"

#include <algorithm>
#include <climits>
#include <unordered_map>

namespace lbtrack::diff {

std::string score_change_text(const standing& s) {
    if (!s.score_before || !s.now.score) {
        return {};
    }
    return detail::signed_difference(*s.score_before, *s.now.score);
}

namespace {

/// `s` was on the earlier snapshot at `place`; scores compared at `decimals`.
void listed_at(standing& s, const earlier_place& place, int decimals) {
    s.listed_before = true;
    s.rank_before = place.rank;
    s.score_before = place.score;
    s.score_changed = place.score && s.now.score && !same_at(*place.score, *s.now.score, decimals);
}

/// standings() over `after` as given: rows of a const vector are copied, others moved.
template <typename Rows>
std::vector<standing> standings_of(const std::vector<entry>* before, Rows& after, int top,
                                   const std::vector<likely_rename>& renamed) {
    using row_pointer = decltype(&after.front());
    std::vector<row_pointer> rows;
    for (auto& e : after) {
        if (top <= 0 || (e.rank && *e.rank <= top)) {
            rows.push_back(&e);
        }
    }
    // Board order: by rank, then as the board lists them (its own order of ties).
    std::stable_sort(rows.begin(), rows.end(), [](const entry* a, const entry* b) {
        return a->rank.value_or(INT_MAX) < b->rank.value_or(INT_MAX);
    });
    std::unordered_map<row_identity, const entry*, row_identity_hash> old_rows;
    std::optional<snapshot_precision> old_precision;
    std::optional<snapshot_precision> new_precision;
    if (before != nullptr) {
        for (const auto& e : *before) {
            old_rows.emplace(identity_of(e), &e);
        }
        old_precision.emplace(*before);
        new_precision.emplace(after);
    }
    std::vector<standing> out;
    out.reserve(rows.size());
    for (const auto e : rows) {
        standing s{std::move(*e)}; // a copy for a const row
        const entry& now = s.now;
        s.compared = before != nullptr;
        if (const auto it = old_rows.find(identity_of(now)); it != old_rows.end()) {
            const entry& old = *it->second;
            listed_at(s, {old.rank, old.score},
                      std::min(old_precision->score, new_precision->score));
        } else if (const auto r = std::find_if(
                       renamed.begin(), renamed.end(),
                       [&](const likely_rename& n) { return n.to_key == now.model_key; });
                   before != nullptr && r != renamed.end()) {
            // Same rank and score at the published precision on both days, by the rule.
            s.listed_before = true;
            s.renamed_from = r->from_name;
            s.rank_before = r->rank;
            s.score_before = r->score;
        }
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

std::vector<standing> standings(std::vector<entry>&& after, const matched_before& before, int top) {
    std::vector<std::size_t> rows;
    rows.reserve(after.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (top <= 0 || (after[i].rank && *after[i].rank <= top)) {
            rows.push_back(i);
        }
    }
    std::ranges::stable_sort(rows, {}, [&](std::size_t i) {
        return std::pair(after[i].rank.value_or(INT_MAX), after[i].row);
    });
    const int decimals = std::min(column_precision(before.scores), score_precision(after));
    std::vector<standing> out;
    out.reserve(rows.size());
    for (const auto i : rows) {
        standing& s = out.emplace_back(standing{std::move(after[i])});
        s.compared = true;
        if (const auto& place = before.of_row[i]) {
            listed_at(s, *place, decimals);
        }
    }
    return out;
}

std::vector<standing> standings(const std::vector<entry>* before, const std::vector<entry>& after,
                                int top, const std::vector<likely_rename>& renamed) {
    return standings_of(before, after, top, renamed);
}

std::vector<standing> standings(const std::vector<entry>* before, std::vector<entry>&& after,
                                int top, const std::vector<likely_rename>& renamed) {
    return standings_of(before, after, top, renamed);
}

} // namespace lbtrack::diff
