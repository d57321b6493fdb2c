#include "ci_reorders.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace lbtrack::diff {

namespace {

/// The published confidence interval of a row as [low, high]; empty without score or CI.
std::optional<std::pair<double, double>> interval(const entry& e) {
    if (!e.score || (!e.ci_plus && !e.ci_minus)) {
        return std::nullopt;
    }
    return std::pair(*e.score - e.ci_minus.value_or(0), *e.score + e.ci_plus.value_or(0));
}

/// What a row needs to know about the rows it passed: how many, whether any lacks an interval,
/// and the extremes that decide whether all of their intervals overlap its own.
struct passed_rows {
    std::size_t count = 0;
    std::size_t without_interval = 0;
    double max_low = -INFINITY;
    double min_high = INFINITY;

    void add(const passed_rows& o) {
        count += o.count;
        without_interval += o.without_interval;
        max_low = std::max(max_low, o.max_low);
        min_high = std::min(min_high, o.min_high);
    }
};

/// Fenwick tree of passed_rows: add at a position, combine over the positions below one.
class fenwick {
public:
    explicit fenwick(std::size_t size) : tree_(size + 1) {}

    void add(std::size_t position, const passed_rows& value) {
        for (auto i = position + 1; i < tree_.size(); i += i & (~i + 1)) {
            tree_[i].add(value);
        }
    }

    /// The combination of every value added at a position < `end`.
    passed_rows below(std::size_t end) const {
        passed_rows out;
        for (auto i = end; i > 0; i -= i & (~i + 1)) {
            out.add(tree_[i]);
        }
        return out;
    }

private:
    std::vector<passed_rows> tree_;
};

struct ranked_row {
    long long now = 0; ///< rank in the newer snapshot
    long long was = 0; ///< rank in the older snapshot
    passed_rows self;
};

/// For each row i, the combination over the rows j with now_j < now_i and was_j > was_i (the
/// rows that passed it from below). Strict on both sides: equal ranks are not a passing.
std::vector<passed_rows> passed_from_below(const std::vector<ranked_row>& rows) {
    std::vector<long long> was_values;
    was_values.reserve(rows.size());
    for (const auto& r : rows) {
        was_values.push_back(r.was);
    }
    std::ranges::sort(was_values);
    was_values.erase(std::unique(was_values.begin(), was_values.end()), was_values.end());
    // Positions count down from the worst old rank, so "was_j > was_i" is a prefix.
    const auto position = [&](long long was) {
        const auto index = std::ranges::lower_bound(was_values, was) - was_values.begin();
        return was_values.size() - 1 - static_cast<std::size_t>(index);
    };

    std::vector<std::size_t> by_now(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        by_now[i] = i;
    }
    std::ranges::sort(by_now, {}, [&](std::size_t i) { return rows[i].now; });

    std::vector<passed_rows> out(rows.size());
    fenwick tree(was_values.size());
    for (std::size_t begin = 0; begin < by_now.size();) {
        auto end = begin;
        while (end < by_now.size() && rows[by_now[end]].now == rows[by_now[begin]].now) {
            ++end;
        }
        // A group of equal new ranks is queried before any of it is added.
        for (auto k = begin; k < end; ++k) {
            out[by_now[k]] = tree.below(position(rows[by_now[k]].was));
        }
        for (auto k = begin; k < end; ++k) {
            tree.add(position(rows[by_now[k]].was), rows[by_now[k]].self);
        }
        begin = end;
    }
    return out;
}

} // namespace

std::vector<reorder> reorders_among(const std::vector<row_pair>& common) {
    std::vector<ranked_row> rows;
    std::vector<std::size_t> pair_of_row;
    for (std::size_t k = 0; k < common.size(); ++k) {
        const auto& [old_row, new_row] = common[k];
        if (!old_row->rank || !new_row->rank) {
            continue;
        }
        ranked_row r{*new_row->rank, *old_row->rank, {}};
        r.self.count = 1;
        if (const auto i = interval(*new_row)) {
            r.self.max_low = i->first;
            r.self.min_high = i->second;
        } else {
            r.self.without_interval = 1;
        }
        rows.push_back(r);
        pair_of_row.push_back(k);
    }

    auto passed = passed_from_below(rows);
    // Mirrored, the rows that were above and are now below become the ones from below.
    for (auto& r : rows) {
        r.now = -r.now;
        r.was = -r.was;
    }
    const auto passed_from_above = passed_from_below(rows);

    std::vector<reorder> out(common.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        passed[i].add(passed_from_above[i]);
        const auto mine = interval(*common[pair_of_row[i]].second);
        const auto& p = passed[i];
        out[pair_of_row[i]] = {p.count, mine && p.count > 0 && p.without_interval == 0 &&
                                            p.max_low <= mine->second && p.min_high >= mine->first};
    }
    return out;
}

} // namespace lbtrack::diff
