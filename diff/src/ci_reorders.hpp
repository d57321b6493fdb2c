#pragma once
// Which rank changes between two snapshots are reshuffles of a tie within the published CIs.

#include "lbtrack/core/entry.hpp"

#include <utility>
#include <vector>

namespace lbtrack::diff {

/// Rows of a model present in both snapshots: (older row, newer row).
using row_pair = std::pair<const entry*, const entry*>;

/// How a model present on both snapshots changed places with the others present on both.
struct reorder {
    /// How many other pairs of `common` it changed places with (above before and below now, or
    /// the reverse; a tie on either day is not a change of places). 0 for a pair without both
    /// ranks. A rank change with no such pair was caused by rows that arrived or left.
    std::size_t passed = 0;
    /// True when every pair it changed places with overlaps it within the newer snapshot's
    /// published CIs and there is at least one: the board itself cannot tell them apart. False
    /// without an interval, or when it passed a row without one.
    bool within_ci = false;
};

/// One reorder per pair of `common`, in its order.
///
/// O(n log n): a sweep over the new ranks with a Fenwick tree over the old ones, since a 10,000
/// row board where most rows move would take 10^8 pair checks the direct way.
std::vector<reorder> reorders_among(const std::vector<row_pair>& common);

} // namespace lbtrack::diff
