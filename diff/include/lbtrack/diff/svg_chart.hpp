#pragma once
// Small inline SVG line charts of rank or score over time, for the HTML report and
// `lbtrack history --format svg`. Self-contained markup (no scripts, no external fonts), every
// label escaped.

#include "lbtrack/diff/report.hpp"

#include <string>
#include <vector>

namespace lbtrack::diff {

enum class chart_value { rank, score };

struct chart_options {
    std::string title;
    chart_value value = chart_value::rank; ///< rank charts put rank 1 at the top
    int width = 560;
    int height = 220;
};

/// One line per series, a legend with the series names. Points without the charted value are
/// skipped (the line is broken there). Empty series give a chart that says "no data".
std::string svg_chart(const std::vector<model_series>& series, const chart_options& options);

} // namespace lbtrack::diff
