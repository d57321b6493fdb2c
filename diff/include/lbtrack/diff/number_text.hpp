#pragma once
// Numbers and counts as the reports print them, for other renderers (`lbtrack serve`'s pages), so
// a score, a change or an overhaul reads the same in a report, a page and a feed.

#include "lbtrack/diff/board_diff.hpp"

#include <string>

namespace lbtrack::diff {

/// The shortest spelling that reads back as `v`: 1472, not 1472.000000.
std::string number_text(double v);

/// `to - from` with its sign, at the precision the two values were printed with ("+0.1").
std::string signed_difference_text(double from, double to);

/// A rank move as the reader sees it: "▲2" (a smaller rank is up), "▼3".
std::string rank_delta_text(int from, int to);

/// A column's overhaul as the reports and pages say it: "every score changed (258 rows) at once:
/// a recomputation, or a change of method or format upstream? Not listed row by row", and for a
/// ranking of its own "162 of 181 values of rank_stylectrl changed: a ranking of its own, which
/// the day's new models and score changes reorder. Not listed row by row". Plain text: the
/// caller escapes `field_name`.
std::string overhaul_text(const value_overhaul& o, const std::string& field_name);

} // namespace lbtrack::diff
