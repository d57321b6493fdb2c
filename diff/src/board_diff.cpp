#include "lbtrack/diff/board_diff.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace lbtrack::diff {

namespace {

using identity = std::pair<std::string, std::string>; // model key, variant

identity identity_of(const entry& e) {
    return {e.model_key, e.variant};
}

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

/// The metrics of `now` whose value or unit differs from the same-named metric of `old`.
void collect_metric_changes(const entry& old, const entry& now, std::vector<metric_change>& out) {
    for (const auto& m : now.metrics) {
        const auto was = std::find_if(old.metrics.begin(), old.metrics.end(),
                                      [&](const metric& o) { return o.name == m.name; });
        if (was != old.metrics.end() && (was->value != m.value || was->unit != m.unit)) {
            out.push_back(
                {now.model_key, now.raw_name, m.name, was->value, m.value, m.unit, was->unit});
        }
    }
}

} // namespace

board_diff compute_diff(const std::vector<entry>& before, const std::vector<entry>& after) {
    board_diff result;
    std::map<identity, const entry*> old_rows;
    for (const auto& e : before) {
        old_rows.emplace(identity_of(e), &e);
    }
    std::map<identity, const entry*> new_rows;
    for (const auto& e : after) {
        new_rows.emplace(identity_of(e), &e);
    }

    // Metric changes are listed board-like (by the model's new rank), so they are collected
    // with the row they belong to and sorted before being kept.
    std::vector<std::pair<const entry*, metric_change>> metric_changes;
    for (const auto& e : after) {
        const auto it = old_rows.find(identity_of(e));
        if (it == old_rows.end()) {
            result.added.push_back(e);
            continue;
        }
        const entry& old = *it->second;
        std::vector<metric_change> changes;
        collect_metric_changes(old, e, changes);
        for (auto& c : changes) {
            metric_changes.emplace_back(&e, std::move(c));
        }
        if (old.rank && e.rank && *old.rank != *e.rank) {
            result.moved.push_back({e.model_key, e.raw_name, *old.rank, *e.rank});
        }
        if (old.score && e.score && *old.score != *e.score) {
            const double ci = std::max(half_width(old), half_width(e));
            result.rescored.push_back({e.model_key, e.raw_name, *old.score, *e.score,
                                       ci > 0 && std::abs(*e.score - *old.score) > ci});
        }
    }
    for (const auto& e : before) {
        if (!new_rows.contains(identity_of(e))) {
            result.dropped.push_back(e);
        }
    }

    std::sort(result.added.begin(), result.added.end(), rank_order);
    std::sort(result.dropped.begin(), result.dropped.end(), rank_order);
    std::stable_sort(result.moved.begin(), result.moved.end(), [](const auto& a, const auto& b) {
        return std::abs(a.to - a.from) > std::abs(b.to - b.from);
    });
    std::stable_sort(result.rescored.begin(), result.rescored.end(),
                     [](const auto& a, const auto& b) {
                         return std::abs(a.to - a.from) > std::abs(b.to - b.from);
                     });

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

    const entry* old_leader = leader_of(before);
    const entry* new_leader = leader_of(after);
    if (new_leader != nullptr &&
        (old_leader == nullptr || identity_of(*old_leader) != identity_of(*new_leader))) {
        result.new_leader =
            leader_change{old_leader ? old_leader->raw_name : std::string(), new_leader->raw_name};
    }
    return result;
}

} // namespace lbtrack::diff
