#include "chart_parts.hpp"
#include "html_escape.hpp"

#include "lbtrack/diff/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>

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

} // namespace

std::string svg_bump_chart(const std::vector<model_series>& series, const bump_options& options) {
    const int n = std::max(1, options.top_n);
    std::int64_t t_min = std::numeric_limits<std::int64_t>::max();
    std::int64_t t_max = std::numeric_limits<std::int64_t>::min();
    bool below = false; // some point ranks below the top N: its lane is drawn
    double label_width = 0;
    for (const auto& s : series) {
        for (const auto& p : s.points) {
            if (p.rank) {
                t_min = std::min(t_min, p.at.time_since_epoch().count());
                t_max = std::max(t_max, p.at.time_since_epoch().count());
                below = below || *p.rank > n;
            }
        }
        label_width =
            std::max(label_width, chart::text_width(chart::shorten(s.name, label_max_chars)) + 20);
    }
    label_width = std::min(label_width, label_max_width);
    const double width = std::max(options.width, 400);
    const double lanes = n + (below ? 1 : 0);
    const double plot_left = margin_left;
    const double plot_right = width - label_width - 8;
    const double plot_top = margin_top;
    const double plot_bottom = plot_top + lanes * lane_height;
    double height = plot_bottom + margin_bottom;
    const std::string title =
        options.title.empty() ? fmt::format("Top {} over time", n) : options.title;
    // The document's height is known once the end labels are placed: the body comes first.
    std::string out = chart::heading(plot_left, title);
    if (t_min > t_max) {
        out +=
            fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">no "
                        "data</text>\n</svg>\n",
                        coord((plot_left + plot_right) / 2), coord((plot_top + plot_bottom) / 2));
        return chart::open_svg(width, height, title) + out;
    }
    const auto lane_y = [&](int rank) {
        return plot_top + (std::min(rank, n + 1) - 0.5) * lane_height;
    };
    const auto x_of = [&](std::int64_t t) {
        if (t_max == t_min) {
            return (plot_left + plot_right) / 2;
        }
        return plot_left + inner_pad +
               static_cast<double>(t - t_min) / static_cast<double>(t_max - t_min) *
                   (plot_right - plot_left - 2 * inner_pad);
    };

    // Lanes: a label per rank (each rank of a top ten, every second or fifth of a longer one),
    // and the shared lane below.
    const int label_every = n <= 12 ? 1 : (n <= 30 ? 2 : 5);
    for (int rank = 1; rank <= n; ++rank) {
        if (rank == 1 || rank % label_every == 0) {
            out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                               "stroke=\"#eee\"/>\n<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\" "
                               "fill=\"#555\">{5}</text>\n",
                               coord(plot_left), coord(lane_y(rank)), coord(plot_right),
                               coord(plot_left - 6), coord(lane_y(rank) + font_size * 0.35), rank);
        }
    }
    if (below) {
        const double top = plot_top + n * lane_height;
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f4f4\"/>\n"
                           "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">&gt; {}"
                           "</text>\n",
                           coord(plot_left), coord(top), coord(plot_right - plot_left),
                           coord(lane_height), coord(plot_left - 6),
                           coord(lane_y(n + 1) + font_size * 0.35), n);
    }
    out += chart::time_axis(t_min, t_max, x_of, plot_top, plot_bottom);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
                       "stroke=\"#bbb\"/>\n",
                       coord(plot_left), coord(plot_top), coord(plot_right - plot_left),
                       coord(plot_bottom - plot_top));

    std::string markers;
    std::vector<end_label> labels;
    for (std::size_t i = 0; i < series.size(); ++i) {
        auto points = series[i].points;
        std::erase_if(points, [](const chart_point& p) { return !p.rank; });
        if (points.empty()) {
            continue;
        }
        std::stable_sort(points.begin(), points.end(),
                         [](const auto& a, const auto& b) { return a.at < b.at; });
        const char* colour = chart::colour(i);
        const std::string name = detail::escape_html(series[i].name);
        std::string line;
        for (const auto& p : points) {
            const auto x = coord(x_of(p.at.time_since_epoch().count()));
            const auto y = coord(lane_y(*p.rank));
            line += fmt::format("{}{},{}", line.empty() ? "" : " ", x, y);
            // Below the top N the lane holds every rank: a hollow marker, the rank in the
            // tooltip.
            const bool outside = *p.rank > n;
            markers +=
                fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\" stroke=\"{}\" "
                            "stroke-width=\"1.5\"><title>{}: rank {} on {}</title></circle>\n",
                            x, y, outside ? "#fff" : colour, outside ? colour : "#fff", name,
                            *p.rank, format_utc(p.at));
        }
        if (points.size() >= 2) {
            out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" "
                               "stroke-linejoin=\"round\"{} points=\"{}\"/>\n",
                               colour, chart::dash(i), line);
        }
        const auto& last = points.back();
        const double y = lane_y(*last.rank);
        labels.push_back({i, x_of(last.at.time_since_epoch().count()), y, y,
                          chart::shorten(series[i].name, label_max_chars)});
    }
    out += markers;

    // Labels at the right end, in lane order, pushed down where two would overlap (ties).
    std::stable_sort(labels.begin(), labels.end(),
                     [](const auto& a, const auto& b) { return a.y < b.y; });
    for (std::size_t k = 1; k < labels.size(); ++k) {
        labels[k].text_y = std::max(labels[k].text_y, labels[k - 1].text_y + label_gap);
    }
    if (!labels.empty()) {
        height = std::max(height, labels.back().text_y + label_gap);
    }
    for (const auto& l : labels) {
        const double text_x = plot_right + 14;
        out +=
            fmt::format("<g><title>{0}</title><line x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" y2=\"{4}\" "
                        "stroke=\"{5}\" stroke-width=\"1\"/><text x=\"{6}\" y=\"{7}\" "
                        "fill=\"#222\">{8}</text></g>\n",
                        detail::escape_html(series[l.series].name), coord(l.x + 4), coord(l.y),
                        coord(text_x - 3), coord(l.text_y), chart::colour(l.series), coord(text_x),
                        coord(l.text_y + font_size * 0.35), detail::escape_html(l.text));
    }
    out += "</svg>\n";
    return chart::open_svg(width, height, title) + out;
}

} // namespace lbtrack::diff
