#pragma once
// A word-sized line chart (a sparkline) for a table cell: the leader's score over a board's
// history. diff::svg_chart draws full charts with axes and a legend; this is the 120-pixel kind.

#include "lbtrack/core/time.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack::serve {

/// Inline SVG of `points` (time, value) in time order; "" with fewer than two points. `title`
/// (plain text, escaped here) is its tooltip and accessible name.
std::string sparkline_svg(const std::vector<std::pair<time_point, double>>& points,
                          std::string_view title);

} // namespace lbtrack::serve
