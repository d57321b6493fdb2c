#include "lbtrack/diff/board_diff.hpp"

#include "ci_reorders.hpp"
#include "likely_renames.hpp"
#include "value_precision.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace lbtrack::diff {

namespace {

// The diff looks up every row of both snapshots by row_identity (core/entry.hpp): copying two
// strings per lookup was most of its time on a 2,700-row board.
using identity = row_identity;
using rows_by_identity = std::unordered_map<identity, const entry*, row_identity_hash>;

/// The leader is the best-ranked row; ties on rank go to the higher score, then to the row the
/// board lists first (boards list ties in their own preferred order).
const entry* leader_of(const std::vector<entry>& entries) {
    const entry* best = nullptr;
    for (const auto& e : entries) {
        if (!e.rank) {
            continue;
        }
        if (best == nullptr || *e.rank < *best->rank ||
            (*e.rank == *best->rank &&
             e.score.value_or(-INFINITY) > best->score.value_or(-INFINITY))) {
            best = &e;
        }
    }
    return best;
}

double half_width(const entry& e) {
    return std::max(e.ci_plus.value_or(0), e.ci_minus.value_or(0));
}

bool rank_order(const entry& a, const entry& b) {
    return std::pair(a.rank.value_or(INT32_MAX), a.row) <
           std::pair(b.rank.value_or(INT32_MAX), b.row);
}

/// The published precision of both snapshots: a value changed only when it differs at the
/// coarser of the two (value_precision.hpp).
struct precisions {
    snapshot_precision before;
    snapshot_precision after;

    bool score_changed(double from, double to) const {
        return !same_at(from, to, std::min(before.score, after.score));
    }
    bool metric_changed(const std::string& name, double from, double to) const {
        return !same_at(from, to, std::min(before.metric(name), after.metric(name)));
    }
};

/// The metrics of `now` whose value (at the published precision) or unit differs from the
/// same-named metric of `old`.
void collect_metric_changes(const entry& old, const entry& now, const precisions& precision,
                            std::vector<metric_change>& out) {
    for (const auto& m : now.metrics) {
        const auto was = std::find_if(old.metrics.begin(), old.metrics.end(),
                                      [&](const metric& o) { return o.name == m.name; });
        if (was != old.metrics.end() &&
            (was->unit != m.unit || precision.metric_changed(m.name, was->value, m.value))) {
            out.push_back({now.model_key, now.raw_name, m.name, was->value, m.value, m.unit,
                           was->unit, now.rank});
        }
    }
}

/// ASCII case-insensitive equality: "Meta" and "meta" are the same organization.
bool same_text(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

/// License and organization changes. A field the newer row leaves empty is not reported: a
/// board that stops printing a column is a schema question, not news about the model.
void collect_metadata_changes(const entry& old, const entry& now,
                              std::vector<metadata_change>& out) {
    const auto check = [&](const char* field, const std::string& was, const std::string& is) {
        if (!is.empty() && !same_text(was, is)) {
            out.push_back({now.model_key, now.raw_name, field, was, is, now.rank});
        }
    };
    check("license", old.license, now.license);
    check("organization", old.organization, now.organization);
}

/// Each pair's competition rank (1-2-2-4) by its board rank among the ranked pairs of
/// `common`, on the day `side` picks; 0 for a pair without a rank that day.
std::vector<int> ranks_among(const std::vector<row_pair>& common, const entry* row_pair::*side) {
    std::vector<int> ranks;
    for (const auto& p : common) {
        if ((p.*side)->rank) {
            ranks.push_back(*(p.*side)->rank);
        }
    }
    std::ranges::sort(ranks);
    std::vector<int> out(common.size(), 0);
    for (std::size_t k = 0; k < common.size(); ++k) {
        if (const auto& r = (common[k].*side)->rank) {
            out[k] = static_cast<int>(std::ranges::lower_bound(ranks, *r) - ranks.begin()) + 1;
        }
    }
    return out;
}

/// How many rows had a value of each metric on both snapshots (same metric name).
std::map<std::string, std::size_t> metrics_compared(const std::vector<row_pair>& common) {
    std::map<std::string, std::size_t> out;
    for (const auto& [old, now] : common) {
        for (const auto& m : now->metrics) {
            if (std::ranges::any_of(old->metrics,
                                    [&](const metric& o) { return o.name == m.name; })) {
                ++out[m.name];
            }
        }
    }
    return out;
}

bool overhauled(std::size_t changed, std::size_t compared) {
    return compared >= overhaul_min_rows &&
           static_cast<double>(changed) >= overhaul_share * static_cast<double>(compared);
}

/// Whether metric `name` is a ranking of its own: its name says rank and every value it has on
/// either snapshot of `common` is a whole number from 1.
bool is_ranking(const std::string& name, const std::vector<row_pair>& common) {
    std::string lower = name;
    std::ranges::transform(lower, lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("rank") == std::string::npos) {
        return false;
    }
    const auto whole_from_one = [&](const entry& e) {
        return std::ranges::all_of(e.metrics, [&](const metric& m) {
            return m.name != name || (m.value >= 1 && m.value == std::floor(m.value));
        });
    };
    return std::ranges::all_of(common, [&](const row_pair& p) {
        return whole_from_one(*p.first) && whole_from_one(*p.second);
    });
}

/// Replaces the row-by-row changes of a column most of whose values changed by one overhaul.
void collect_overhauls(const std::vector<row_pair>& common, board_diff& d) {
    const auto scored = std::ranges::count_if(
        common, [](const row_pair& p) { return p.first->score && p.second->score; });
    if (overhauled(d.rescored.size(), static_cast<std::size_t>(scored))) {
        d.overhauls.push_back({"score", d.rescored.size(), static_cast<std::size_t>(scored)});
        d.rescored.clear();
    }
    std::map<std::string, std::size_t> changed;
    for (const auto& c : d.metric_changes) {
        ++changed[c.metric];
    }
    for (const auto& [name, compared] : metrics_compared(common)) {
        const auto n = changed[name];
        if (!overhauled(n, compared)) {
            continue;
        }
        d.overhauls.push_back({name, n, compared, is_ranking(name, common)});
        std::erase_if(d.metric_changes, [&](const metric_change& c) { return c.metric == name; });
    }
}

bool in_top(const std::optional<int>& rank, int n) {
    return rank && *rank <= n;
}

/// The rank changes of the models present on both days: moved (beyond or within the CI) when
/// the model passed another, else counted as shifted or retied.
void classify_rank_changes(const std::vector<row_pair>& common, board_diff& result) {
    const auto reorders = reorders_among(common);
    const auto relative_before = ranks_among(common, &row_pair::first);
    const auto relative_after = ranks_among(common, &row_pair::second);
    for (std::size_t k = 0; k < common.size(); ++k) {
        const auto& [old, e] = common[k];
        if (!old->rank || !e->rank || *old->rank == *e->rank) {
            continue;
        }
        // A model that passed no other model present on both days moved only because rows
        // arrived or left above it, or because a tie with one of them was made or broken (the
        // competition rank among them changed). lmarena-text 2024-10-24 -> 10-29: 136 rank
        // changes, of which 11 models passed another, 75 were shifts and 50 were ties of its
        // upper-bound ranking made or broken.
        if (reorders[k].passed == 0) {
            ++(relative_before[k] == relative_after[k] ? result.shifted : result.retied);
            continue;
        }
        auto& list = reorders[k].within_ci ? result.within_ci : result.moved;
        list.push_back({e->model_key, e->raw_name, *old->rank, *e->rank});
    }
}

/// Every list in the order the reports show it.
void sort_for_report(board_diff& result) {
    std::sort(result.added.begin(), result.added.end(), rank_order);
    std::sort(result.dropped.begin(), result.dropped.end(), rank_order);
    const auto by_move = [](const auto& a, const auto& b) {
        return std::abs(a.to - a.from) > std::abs(b.to - b.from);
    };
    std::stable_sort(result.moved.begin(), result.moved.end(), by_move);
    std::stable_sort(result.within_ci.begin(), result.within_ci.end(), by_move);
    const auto by_rank = [](const std::optional<int>& a, const std::optional<int>& b) {
        return a.value_or(INT32_MAX) < b.value_or(INT32_MAX);
    };
    std::stable_sort(result.entered_top.begin(), result.entered_top.end(),
                     [&](const auto& a, const auto& b) { return by_rank(a.to, b.to); });
    std::stable_sort(result.left_top.begin(), result.left_top.end(),
                     [&](const auto& a, const auto& b) { return by_rank(a.from, b.from); });
    // A report that keeps only its first rows (--max-rows) keeps the changes the board's own
    // CI supports before larger ones it calls noise.
    std::stable_sort(result.rescored.begin(), result.rescored.end(),
                     [](const auto& a, const auto& b) {
                         if (a.significant != b.significant) {
                             return a.significant;
                         }
                         return std::abs(a.to - a.from) > std::abs(b.to - b.from);
                     });
}

/// The new leader, when the board's first row is another model than before.
std::optional<leader_change> leader_change_of(const std::vector<entry>& before,
                                              const std::vector<entry>& after) {
    const entry* old_leader = leader_of(before);
    const entry* new_leader = leader_of(after);
    if (new_leader != nullptr &&
        (old_leader == nullptr || identity_of(*old_leader) != identity_of(*new_leader))) {
        return leader_change{old_leader ? old_leader->raw_name : std::string(),
                             new_leader->raw_name, new_leader->model_key};
    }
    return std::nullopt;
}

} // namespace

board_diff compute_diff(const std::vector<entry>& before, const std::vector<entry>& after,
                        const diff_options& options) {
    board_diff result;
    result.top_n = options.top_n;
    rows_by_identity old_rows(before.size());
    for (const auto& e : before) {
        old_rows.emplace(identity_of(e), &e);
    }
    rows_by_identity new_rows(after.size());
    for (const auto& e : after) {
        new_rows.emplace(identity_of(e), &e);
    }

    const precisions precision{snapshot_precision(before), snapshot_precision(after)};
    // Metric changes are listed board-like (by the model's new rank), so they are collected
    // with the row they belong to and sorted before being kept.
    std::vector<std::pair<const entry*, metric_change>> metric_changes;
    std::vector<std::pair<const entry*, metadata_change>> metadata_changes;
    std::vector<row_pair> common;
    for (const auto& e : after) {
        const auto it = old_rows.find(identity_of(e));
        if (it == old_rows.end()) {
            result.added.push_back(e);
            if (options.top_n > 0 && in_top(e.rank, options.top_n)) {
                result.entered_top.push_back({e.model_key, e.raw_name, std::nullopt, e.rank});
            }
            continue;
        }
        const entry& old = *it->second;
        common.emplace_back(&old, &e);
        std::vector<metric_change> changes;
        collect_metric_changes(old, e, precision, changes);
        for (auto& c : changes) {
            metric_changes.emplace_back(&e, std::move(c));
        }
        std::vector<metadata_change> meta;
        collect_metadata_changes(old, e, meta);
        for (auto& c : meta) {
            metadata_changes.emplace_back(&e, std::move(c));
        }
        if (options.top_n > 0 && in_top(old.rank, options.top_n) != in_top(e.rank, options.top_n)) {
            auto& list = in_top(e.rank, options.top_n) ? result.entered_top : result.left_top;
            list.push_back({e.model_key, e.raw_name, old.rank, e.rank});
        }
        if (old.score && e.score && precision.score_changed(*old.score, *e.score)) {
            const double ci = std::max(half_width(old), half_width(e));
            result.rescored.push_back({e.model_key, e.raw_name, *old.score, *e.score,
                                       ci > 0 && std::abs(*e.score - *old.score) > ci, e.rank});
        }
    }
    classify_rank_changes(common, result);
    for (const auto& e : before) {
        if (!new_rows.contains(identity_of(e))) {
            result.dropped.push_back(e);
            if (options.top_n > 0 && in_top(e.rank, options.top_n)) {
                result.left_top.push_back({e.model_key, e.raw_name, e.rank, std::nullopt});
            }
        }
    }

    detail::pair_likely_renames(result, std::min(precision.before.score, precision.after.score));
    sort_for_report(result);

    std::stable_sort(
        metric_changes.begin(), metric_changes.end(), [](const auto& a, const auto& b) {
            if (rank_order(*a.first, *b.first)) {
                return true;
            }
            return !rank_order(*b.first, *a.first) && a.second.metric < b.second.metric;
        });
    for (auto& c : metric_changes) {
        result.metric_changes.push_back(std::move(c.second));
    }
    std::stable_sort(metadata_changes.begin(), metadata_changes.end(),
                     [](const auto& a, const auto& b) { return rank_order(*a.first, *b.first); });
    for (auto& c : metadata_changes) {
        result.metadata_changes.push_back(std::move(c.second));
    }

    collect_overhauls(common, result);

    result.new_leader = leader_change_of(before, after);
    return result;
}

} // namespace lbtrack::diff
