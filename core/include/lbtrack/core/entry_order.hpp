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
/// checked first; otherwise the positions are sorted and each entry is moved once.
template <typename Key>
void order_entries_by(std::vector<entry>& entries, Key key) {
    if (std::ranges::is_sorted(entries, {}, key)) {
        return;
    }
    std::vector<std::size_t> order(entries.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::ranges::stable_sort(order, {}, [&](std::size_t i) { return key(entries[i]); });
    std::vector<entry> sorted;
    sorted.reserve(entries.size());
    for (const auto i : order) {
        sorted.push_back(std::move(entries[i]));
    }
    entries = std::move(sorted);
}

} // namespace lbtrack
