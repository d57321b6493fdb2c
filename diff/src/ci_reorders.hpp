#pragma once
// Which rank changes between two snapshots are reshuffles of a tie within the published CIs.

#include "lbtrack/core/entry.hpp"

#include <utility>
#include <vector>

namespace lbtrack::diff {

/// Rows of a model present in both snapshots: (older row, newer row).
using row_pair = std::pair<const entry*, const entry*>;

/// For each pair of `common`, true when every other ranked pair it changed places with (above
/// before and below now, or the reverse) overlaps it within the newer snapshot's published CIs
/// and there is at least one such pair: the board itself cannot tell them apart. A pair without
/// both ranks, without an interval, or that passed a row without one gets false.
///
/// O(n log n): a sweep over the new ranks with a Fenwick tree over the old ones, since a 10,000
/// row board where most rows move would take 10^8 pair checks the direct way.
std::vector<bool> reorders_within_ci(const std::vector<row_pair>& common);

} // namespace lbtrack::diff
