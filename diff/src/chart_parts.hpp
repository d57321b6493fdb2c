#pragma once
// What the SVG charts share (svg_chart, the bump chart, the newcomers chart): colours, number
// and text measures, the frame of the document and the axes. Private to lbtrack_diff.

#include "lbtrack/diff/svg_chart.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::diff::chart {

// Okabe–Ito, reordered so the first colours are the most distinct on white and the yellow,
// unreadable on white, is left out. A second round of series gets dashed lines.
inline constexpr std::array<const char*, 7> palette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                       "#E69F00", "#56B4E9", "#000000"};

inline const char* colour(std::size_t i) {
    return palette[i % palette.size()];
}

/// A stroke-dasharray attribute (with its leading space) for the second round of colours.
inline const char* dash(std::size_t i) {
    return (i / palette.size()) % 2 == 1 ? " stroke-dasharray=\"5 3\"" : "";
}

inline constexpr double font_size = 11;

/// Coordinates at one decimal, without a trailing ".0": small and stable output.
std::string coord(double v);

/// Rough rendered width of a label: the charts use the reader's system font, so this can only
/// be an estimate, erring wide. Wide (CJK) characters count as a full em.
double text_width(std::string_view text);

/// `text` cut to `max_chars` code points, with "…" when cut.
std::string shorten(std::string_view text, std::size_t max_chars);

/// 1, 2 or 5 times a power of ten, at least `raw`.
double nice_step(double raw);

/// `<svg …>` with its <title> (escaped) and a white background: a chart keeps its own
/// background so it reads on a dark page and as a standalone file.
std::string open_svg(double width, double height, std::string_view title);

/// The bold title text at the top left of a chart (escaped).
std::string heading(double x, std::string_view title);

/// The plot's border: an unfilled grey rectangle, drawn over the grid.
std::string plot_frame(double left, double top, double right, double bottom);

/// One series' line through `points` ("x,y x,y ..."), in the series' colour and dash.
std::string series_line(std::size_t series, double stroke_width, std::string_view points);

/// `points` oldest first; points of one time keep their order.
std::vector<chart_point> by_time(std::vector<chart_point> points);

/// Times across a plot from `left` to `right`, `pad` inside each end so markers on the first
/// and last day stay off the border; a single time sits in the middle. Times in microseconds.
struct time_scale {
    std::int64_t t_min = 0;
    std::int64_t t_max = 0;
    double left = 0;
    double right = 0;
    double pad = 0;

    double x(std::int64_t t) const;
};

struct tick {
    double value = 0;
    std::string label;
};

/// A value axis: where a value sits between the top (0) and the bottom (1) of the plot, and
/// its labelled ticks.
struct value_axis {
    double top_value = 0;
    double bottom_value = 0;
    bool log = false; ///< positions by the logarithm of the value
    std::vector<tick> ticks;

    double fraction(double v) const;
};

/// Ranks: 1 at the top. A short range is linear with integer ticks every 1, 2, 5, 10… ranks; a
/// long one (the worst rank at least 4 times the best and 15 ranks apart) is logarithmic, so
/// the top ten keep most of the height instead of a few pixels under ranks 100–150. The best
/// rank is always labelled. `pixels` is the plot's height, for spacing the labels.
value_axis rank_axis(double best, double worst, double pixels);

/// Scores: the higher score at the top, the domain widened to round ticks.
value_axis score_axis(double low, double high);

/// The time axis under a plot from `top` to `bottom`: a light grid line and a label per tick;
/// the first and last dates in full, a few days between them as MM-DD (with the year when the
/// range spans a new year), none that would overlap a neighbour. Times in microseconds.
std::string time_axis(std::int64_t t_min, std::int64_t t_max,
                      const std::function<double(std::int64_t)>& x_of, double top, double bottom);

/// A day as a label: "2025-07-02", or "07-02" without the year.
std::string date_label(std::int64_t micros, bool with_year);

} // namespace lbtrack::diff::chart
