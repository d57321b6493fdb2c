#include "lbtrack/diff/standings.hpp"

#include "number_format.hpp"
#include "value_precision.hpp"

#include <algorithm>
#include <climits>
#include <unordered_map>
#include <utility>

namespace lbtrack::diff {

std::string score_change_text(const change_since& s, const std::optional<double>& score_now) {
    if (!s.score_before || !score_now) {
        return {};
    }
    return detail::signed_difference(*s.score_before, *score_now);
}

namespace {

/// The likely rename whose new side is `now`, or null. By key and rank: a relabelled variant
/// keeps the model's key, and another new row of that model is not the pair.
const likely_rename* rename_into(const std::vector<likely_rename>& renamed, const entry& now) {
    const auto r = std::ranges::find_if(renamed, [&](const likely_rename& n) {
        return n.to_key == now.model_key && n.rank == now.rank;
    });
    return r == renamed.end() ? nullptr : &*r;
}

/// The row, whose score is `score_now`, was on the earlier snapshot at `place`; scores compared
/// at `decimals`.
void listed_at(change_since& s, const std::optional<double>& score_now, const earlier_place& place,
               int decimals) {
    s.listed_before = true;
    s.rank_before = place.rank;
    s.score_before = place.score;
    s.score_changed = place.score && score_now && !same_at(*place.score, *score_now, decimals);
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
        // Default-constructed, then the row: a copy for a const row. (Aggregate initialisation
        // with the base's `{}` made GCC 12 -O3 warn that renamed_from may be used uninitialised.)
        standing s;
        s.now = std::move(*e);
        const entry& now = s.now;
        s.compared = before != nullptr;
        if (const auto it = old_rows.find(identity_of(now)); it != old_rows.end()) {
            const entry& old = *it->second;
            listed_at(s, now.score, {old.rank, old.score},
                      std::min(old_precision->score, new_precision->score));
        } else if (const auto* r = rename_into(renamed, now); before != nullptr && r != nullptr) {
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

std::vector<row_standing> standings(const std::vector<entry>& after, const matched_before& before,
                                    int top) {
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
    std::vector<row_standing> out(rows.size());
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const entry& now = after[rows[k]];
        row_standing& s = out[k];
        s.now = &now;
        s.compared = true;
        if (const auto& place = before.of_row[rows[k]]) {
            listed_at(s, now.score, *place, decimals);
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
