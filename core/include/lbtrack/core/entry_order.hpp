#pragma once
// Putting a snapshot's entries in an order (by rank for `board`, by row after a query that has
// no ORDER BY). Entries are hundreds of bytes: a sort that moves them (a stable sort always
// does) was a fifth of `board` on a 10,000-row board.

#include "lbtrack/core/entry.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

namespace lbtrack {

/// Sorts `entries` stably by `key(entry)`. Boards mostly come in that order already, so that is
/// checked first; otherwise the positions are sorted and each entry is moved once (one more for
/// each cycle of the permutation).
template <typename Key>
void order_entries_by(std::vector<entry>& entries, Key key) {
    if (std::ranges::is_sorted(entries, {}, key)) {
        return;
    }
    std::vector<std::size_t> order(entries.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::ranges::stable_sort(order, {}, [&](std::size_t i) { return key(entries[i]); });
    // Position k takes entries[order[k]]. Applied in place, one cycle of the permutation at a
    // time, instead of into a second vector: that vector was fresh memory (1.4 MB for a 4,574-row
    // board) whose page faults cost `board` more than the moves (issue 19).
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start) {
            continue; // in place already, or placed by an earlier cycle
        }
        entry held = std::move(entries[start]);
        std::size_t k = start;
        while (order[k] != start) {
            const auto from = order[k];
            entries[k] = std::move(entries[from]);
            order[k] = k;
            k = from;
        }
        entries[k] = std::move(held);
        order[k] = k;
    }
}

} // namespace lbtrack
