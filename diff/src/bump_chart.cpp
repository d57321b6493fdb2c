#include "chart_parts.hpp"
#include "html_escape.hpp"

#include "lbtrack/diff/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

namespace lbtrack::diff {

namespace {

using chart::coord;
using chart::font_size;

constexpr double margin_left = 58; // rank labels and "below 10"
constexpr double margin_top = 30;
constexpr double margin_bottom = 24;
constexpr double lane_height = 22;
/// Two labels at the right end closer than this are pushed apart.
constexpr double label_gap = 13;
constexpr double label_max_width = 280;
constexpr std::size_t label_max_chars = 40;
constexpr double inner_pad = 8;

struct end_label {
    std::size_t series = 0;
    double x = 0;
    double y = 0; ///< the lane of the last point
    double text_y = 0;
    std::string text;
};

/// Where everything sits: N lanes of ranks (and one below them for every rank past N when
/// some point falls there), the time scale, the room for the end labels.
struct bump_layout {
    int n = 1;
    bool below = false; ///< some point ranks below the top N: its lane is drawn
    double width = 0;
    double height = 0; ///< before the end labels, which may need more
    double plot_left = margin_left;
    double plot_right = 0;
    double plot_top = margin_top;
    double plot_bottom = 0;
    chart::time_scale time;

    bool empty() const { return time.t_min > time.t_max; }
    double lane_y(int rank) const { return plot_top + (std::min(rank, n + 1) - 0.5) * lane_height; }
};

bump_layout layout_of(const std::vector<model_series>& series, const bump_options& options) {
    bump_layout l;
    l.n = std::max(1, options.top_n);
    std::int64_t t_min = std::numeric_limits<std::int64_t>::max();
    std::int64_t t_max = std::numeric_limits<std::int64_t>::min();
    double label_width = 0;
    for (const auto& s : series) {
        for (const auto& p : s.points) {
            if (p.rank) {
                t_min = std::min(t_min, p.at.time_since_epoch().count());
                t_max = std::max(t_max, p.at.time_since_epoch().count());
                l.below = l.below || *p.rank > l.n;
            }
        }
        label_width =
            std::max(label_width, chart::text_width(chart::shorten(s.name, label_max_chars)) + 20);
    }
    l.width = std::max(options.width, 400);
    l.plot_right = l.width - std::min(label_width, label_max_width) - 8;
    l.plot_bottom = l.plot_top + (l.n + (l.below ? 1 : 0)) * lane_height;
    l.height = l.plot_bottom + margin_bottom;
    l.time = {t_min, t_max, l.plot_left, l.plot_right, inner_pad};
    return l;
}

/// Lanes: a label per rank (each rank of a top ten, every second or fifth of a longer one),
/// and the shared lane below.
std::string rank_lanes(const bump_layout& l) {
    std::string out;
    const int label_every = l.n <= 12 ? 1 : (l.n <= 30 ? 2 : 5);
    for (int rank = 1; rank <= l.n; ++rank) {
        if (rank == 1 || rank % label_every == 0) {
            out +=
                fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                            "stroke=\"#eee\"/>\n<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\" "
                            "fill=\"#555\">{5}</text>\n",
                            coord(l.plot_left), coord(l.lane_y(rank)), coord(l.plot_right),
                            coord(l.plot_left - 6), coord(l.lane_y(rank) + font_size * 0.35), rank);
        }
    }
    if (l.below) {
        const double top = l.plot_top + l.n * lane_height;
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f4f4\"/>\n"
                           "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">&gt; {}"
                           "</text>\n",
                           coord(l.plot_left), coord(top), coord(l.plot_right - l.plot_left),
                           coord(lane_height), coord(l.plot_left - 6),
                           coord(l.lane_y(l.n + 1) + font_size * 0.35), l.n);
    }
    return out;
}

/// Series `i`: its line into `lines`, a marker per ranked point into `markers`; its end label,
/// when it has a ranked point.
std::optional<end_label> draw_series(const bump_layout& l, std::size_t i, const model_series& s,
                                     std::string& lines, std::string& markers) {
    auto points = s.points;
    std::erase_if(points, [](const chart_point& p) { return !p.rank; });
    if (points.empty()) {
        return std::nullopt;
    }
    points = chart::by_time(std::move(points));
    const char* colour = chart::colour(i);
    const std::string name = detail::escape_html(s.name);
    std::string line;
    for (const auto& p : points) {
        const auto x = coord(l.time.x(p.at.time_since_epoch().count()));
        const auto y = coord(l.lane_y(*p.rank));
        line += fmt::format("{}{},{}", line.empty() ? "" : " ", x, y);
        // Below the top N the lane holds every rank: a hollow marker, the rank in the tooltip.
        const bool outside = *p.rank > l.n;
        markers += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\" stroke=\"{}\" "
                               "stroke-width=\"1.5\"><title>{}: rank {} on {}</title></circle>\n",
                               x, y, outside ? "#fff" : colour, outside ? colour : "#fff", name,
                               *p.rank, format_utc(p.at));
    }
    if (points.size() >= 2) {
        lines += chart::series_line(i, 2.5, line);
    }
    const auto& last = points.back();
    const double y = l.lane_y(*last.rank);
    return end_label{i, l.time.x(last.at.time_since_epoch().count()), y, y,
                     chart::shorten(s.name, label_max_chars)};
}

/// Labels at the right end, in lane order, pushed down where two would overlap (ties); the
/// chart grows to hold the last.
std::string end_labels(std::vector<end_label> labels, const std::vector<model_series>& series,
                       const bump_layout& l, double& height) {
    std::stable_sort(labels.begin(), labels.end(),
                     [](const auto& a, const auto& b) { return a.y < b.y; });
    for (std::size_t k = 1; k < labels.size(); ++k) {
        labels[k].text_y = std::max(labels[k].text_y, labels[k - 1].text_y + label_gap);
    }
    if (!labels.empty()) {
        height = std::max(height, labels.back().text_y + label_gap);
    }
    std::string out;
    const double text_x = l.plot_right + 14;
    for (const auto& label : labels) {
        out += fmt::format("<g><title>{0}</title><line x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" y2=\"{4}\" "
                           "stroke=\"{5}\" stroke-width=\"1\"/><text x=\"{6}\" y=\"{7}\" "
                           "fill=\"#222\">{8}</text></g>\n",
                           detail::escape_html(series[label.series].name), coord(label.x + 4),
                           coord(label.y), coord(text_x - 3), coord(label.text_y),
                           chart::colour(label.series), coord(text_x),
                           coord(label.text_y + font_size * 0.35), detail::escape_html(label.text));
    }
    return out;
}

} // namespace

std::string svg_bump_chart(const std::vector<model_series>& series, const bump_options& options) {
    const auto l = layout_of(series, options);
    const std::string title =
        options.title.empty() ? fmt::format("Top {} over time", l.n) : options.title;
    // The document's height is known once the end labels are placed: the body comes first.
    std::string out = chart::heading(l.plot_left, title);
    if (l.empty()) {
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">no "
                           "data</text>\n</svg>\n",
                           coord((l.plot_left + l.plot_right) / 2),
                           coord((l.plot_top + l.plot_bottom) / 2));
        return chart::open_svg(l.width, l.height, title) + out;
    }
    out += rank_lanes(l);
    out += chart::time_axis(
        l.time.t_min, l.time.t_max, [&](std::int64_t t) { return l.time.x(t); }, l.plot_top,
        l.plot_bottom);
    out += chart::plot_frame(l.plot_left, l.plot_top, l.plot_right, l.plot_bottom);

    std::string markers;
    std::vector<end_label> labels;
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (auto label = draw_series(l, i, series[i], out, markers)) {
            labels.push_back(std::move(*label));
        }
    }
    out += markers;
    double height = l.height;
    out += end_labels(std::move(labels), series, l, height);
    out += "</svg>\n";
    return chart::open_svg(l.width, height, title) + out;
}

} // namespace lbtrack::diff
