#pragma once
// The charts at the top of a board's section of the HTML report: the board's top N over the
// period (a bump chart), where the newcomers landed, and the largest moves (rank, and score
// with the published CI). Private to lbtrack_diff.

#include "lbtrack/diff/report.hpp"

#include <string>

namespace lbtrack::diff::detail {

/// The charts' HTML (a div of inline SVGs), or "" when the board has nothing to chart: a first
/// snapshot has no period, and a board without history or newcomers has no line to draw.
std::string board_charts_html(const board_report& board);

} // namespace lbtrack::diff::detail
