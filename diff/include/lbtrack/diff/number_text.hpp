#pragma once
// Numbers as the reports print them, for other renderers (`lbtrack serve`'s pages), so a score
// or a change reads the same in a report, a page and a feed.

#include <string>

namespace lbtrack::diff {

/// The shortest spelling that reads back as `v`: 1472, not 1472.000000.
std::string number_text(double v);

/// `to - from` with its sign, at the precision the two values were printed with ("+0.1").
std::string signed_difference_text(double from, double to);

/// A rank move as the reader sees it: "▲2" (a smaller rank is up), "▼3".
std::string rank_delta_text(int from, int to);

} // namespace lbtrack::diff
