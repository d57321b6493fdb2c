#include "lbtrack/diff/svg_chart.hpp"

#include "chart_parts.hpp"
#include "html_escape.hpp"
#include "number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace lbtrack::diff {

namespace {

using chart::coord;
using chart::font_size;

// The frame around the plot, in SVG user units (pixels at 100% zoom). The left margin holds
// tick labels of up to six characters ("0.8125"); the right one half a date label, which is
// centred on the last point.
constexpr double margin_left = 50;
constexpr double margin_right = 36;
constexpr double margin_top = 28;
constexpr double margin_bottom = 24;
/// Keeps markers on the extreme values inside the plot rather than on its border.
constexpr double inner_pad = 6;
constexpr double legend_row = 16;
/// Legend names longer than this are cut with "…" (the full name stays in a tooltip).
constexpr std::size_t legend_max_chars = 40;

std::optional<double> value_of(const chart_point& p, chart_value value) {
    if (value == chart_value::rank) {
        return p.rank ? std::optional<double>(*p.rank) : std::nullopt;
    }
    return p.score;
}

/// The published CI around a score, when the point has one: [low, high].
std::optional<std::pair<double, double>> band_of(const chart_point& p) {
    if (!p.score || (!p.ci_plus && !p.ci_minus)) {
        return std::nullopt;
    }
    const double plus = p.ci_plus.value_or(p.ci_minus.value_or(0));
    const double minus = p.ci_minus.value_or(plus);
    if (plus <= 0 && minus <= 0) {
        return std::nullopt;
    }
    return std::pair{*p.score - minus, *p.score + plus};
}

struct legend_item {
    double x = 0;
    double y = 0;
};

/// Legend entries flow in rows under the plot, starting at `top`.
struct legend_layout {
    std::vector<legend_item> items;
    std::vector<std::string> names;
    double height = 0;
};

legend_layout lay_out_legend(const std::vector<model_series>& series, double left, double width,
                             double top) {
    legend_layout legend;
    if (series.empty()) {
        return legend;
    }
    double x = left;
    double y = top + 4;
    for (const auto& s : series) {
        legend.names.push_back(chart::shorten(s.name, legend_max_chars));
        const double item = 24 + chart::text_width(legend.names.back()) + 14;
        if (x > left && x + item > width - 8) {
            x = left;
            y += legend_row;
        }
        legend.items.push_back({x, y});
        x += item;
    }
    legend.height = y + legend_row - top;
    return legend;
}

std::string legend_svg(const std::vector<model_series>& series, const legend_layout& legend) {
    std::string out;
    for (std::size_t i = 0; i < legend.items.size(); ++i) {
        const auto& at = legend.items[i];
        const double y = at.y + legend_row / 2;
        const bool cut = legend.names[i].size() != series[i].name.size();
        out += fmt::format(
            "<g>{}<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
            "stroke-width=\"2\"{}/>"
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>"
            "<text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text></g>\n",
            cut ? fmt::format("<title>{}</title>", detail::escape_html(series[i].name)) : "",
            coord(at.x), coord(y), coord(at.x + 18), coord(y), chart::colour(i), chart::dash(i),
            coord(at.x + 9), coord(y), chart::colour(i), coord(at.x + 24),
            coord(y + font_size * 0.35), detail::escape_html(legend.names[i]));
    }
    return out;
}

/// The range of times and values a chart draws (CI bands included in a score chart).
struct data_range {
    std::int64_t t_min = std::numeric_limits<std::int64_t>::max();
    std::int64_t t_max = std::numeric_limits<std::int64_t>::min();
    double v_min = std::numeric_limits<double>::infinity();
    double v_max = -std::numeric_limits<double>::infinity();

    bool empty() const { return t_min > t_max; }
    void add(std::int64_t t, double low, double high) {
        t_min = std::min(t_min, t);
        t_max = std::max(t_max, t);
        v_min = std::min(v_min, low);
        v_max = std::max(v_max, high);
    }
};

data_range range_of(const std::vector<model_series>& series, chart_value value) {
    data_range r;
    for (const auto& s : series) {
        for (const auto& p : s.points) {
            const auto v = value_of(p, value);
            if (!v || !std::isfinite(*v)) {
                continue;
            }
            const auto band = value == chart_value::score ? band_of(p) : std::nullopt;
            r.add(p.at.time_since_epoch().count(), band ? band->first : *v,
                  band ? band->second : *v);
        }
    }
    return r;
}

/// The shaded CI band of one series: one polygon per unbroken stretch of points with a CI.
template <typename X, typename Y>
std::string ci_bands(const std::vector<chart_point>& points, const char* colour, const X& x_of,
                     const Y& y_of) {
    std::string out;
    std::vector<std::pair<double, std::pair<double, double>>> run; // x, (low, high)
    const auto flush = [&] {
        if (run.size() >= 2) {
            std::string polygon;
            for (const auto& [x, band] : run) {
                polygon += fmt::format("{}{},{}", polygon.empty() ? "" : " ", coord(x),
                                       coord(y_of(band.second)));
            }
            for (auto it = run.rbegin(); it != run.rend(); ++it) {
                polygon += fmt::format(" {},{}", coord(it->first), coord(y_of(it->second.first)));
            }
            out += fmt::format("<polygon fill=\"{}\" fill-opacity=\"0.15\" stroke=\"none\" "
                               "points=\"{}\"/>\n",
                               colour, polygon);
        } else if (run.size() == 1) {
            const auto& [x, band] = run.front();
            out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" "
                               "stroke-opacity=\"0.35\" stroke-width=\"6\"/>\n",
                               coord(x), coord(y_of(band.second)), coord(y_of(band.first)), colour);
        }
        run.clear();
    };
    for (const auto& p : points) {
        if (const auto band = band_of(p)) {
            run.emplace_back(x_of(p.at.time_since_epoch().count()), *band);
        } else {
            flush();
        }
    }
    flush();
    return out;
}

/// Value ticks: a light grid line and a label left of the plot.
template <typename Y>
std::string value_ticks(const chart::value_axis& axis, const Y& y_of, double left, double right) {
    std::string out;
    for (const auto& t : axis.ticks) {
        const double y = y_of(t.value);
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                           "stroke=\"#e5e5e5\"/>\n",
                           coord(left), coord(y), coord(right));
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">{}"
                           "</text>\n",
                           coord(left - 6), coord(y + font_size * 0.35), t.label);
    }
    return out;
}

/// Series `i`: its line, broken where a point has no value, into `lines`; a marker per point
/// with its value in a tooltip into `markers` (drawn above every line).
template <typename Y>
void draw_series(std::size_t i, const model_series& s, const std::vector<chart_point>& points,
                 chart_value value, const chart::time_scale& time, const Y& y_of,
                 std::string& lines, std::string& markers) {
    const char* what = value == chart_value::rank ? "rank" : "score";
    const double radius = points.size() > 60 ? 2 : 3;
    const std::string name = detail::escape_html(s.name);
    std::string run; // the current unbroken stretch of the line
    std::size_t run_points = 0;
    const auto flush = [&] {
        if (run_points >= 2) {
            lines += chart::series_line(i, 2, run);
        }
        run.clear();
        run_points = 0;
    };
    for (const auto& p : points) {
        const auto v = value_of(p, value);
        if (!v || !std::isfinite(*v)) {
            flush();
            continue;
        }
        const auto x = coord(time.x(p.at.time_since_epoch().count()));
        const auto y = coord(y_of(*v));
        run += fmt::format("{}{},{}", run.empty() ? "" : " ", x, y);
        ++run_points;
        markers += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"#fff\" "
                               "stroke-width=\"1\"><title>{}: {} {} on {}</title></circle>\n",
                               x, y, coord(radius), chart::colour(i), name, what,
                               detail::number(*v), format_utc(p.at));
    }
    flush();
}

} // namespace

std::string svg_chart(const std::vector<model_series>& series, const chart_options& options) {
    const double width = std::max(options.width, 200);
    const double height = std::max(options.height, 120);
    const double plot_left = margin_left;
    const double plot_right = width - margin_right;
    const double plot_top = margin_top;
    const double plot_bottom = height - margin_bottom;
    const std::string title =
        !options.title.empty()
            ? options.title
            : (options.value == chart_value::rank ? "Rank over time" : "Score over time");

    // The legend flows in rows under the plot, adding to the requested height.
    const auto legend = lay_out_legend(series, plot_left, width, height);
    std::string out = chart::open_svg(width, height + legend.height, title);
    out += chart::heading(plot_left, title);

    const auto range = range_of(series, options.value);
    const auto frame = chart::plot_frame(plot_left, plot_top, plot_right, plot_bottom);
    if (range.empty()) {
        out += frame;
        out +=
            fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">no "
                        "data</text>\n",
                        coord((plot_left + plot_right) / 2), coord((plot_top + plot_bottom) / 2));
        return out + legend_svg(series, legend) + "</svg>\n";
    }

    const double inner_height = plot_bottom - plot_top - 2 * inner_pad;
    const auto axis = options.value == chart_value::rank
                          ? chart::rank_axis(range.v_min, range.v_max, inner_height)
                          : chart::score_axis(range.v_min, range.v_max);
    const chart::time_scale time{range.t_min, range.t_max, plot_left, plot_right, inner_pad};
    const auto x_of = [&](std::int64_t t) { return time.x(t); };
    const auto y_of = [&](double v) {
        return plot_top + inner_pad + axis.fraction(v) * inner_height;
    };
    out += value_ticks(axis, y_of, plot_left, plot_right);
    out += chart::time_axis(range.t_min, range.t_max, x_of, plot_top, plot_bottom);
    out += frame;

    // CI bands under every line, then the lines, then every marker above every line.
    std::vector<std::vector<chart_point>> sorted;
    for (const auto& s : series) {
        sorted.push_back(chart::by_time(s.points));
    }
    if (options.value == chart_value::score) {
        for (std::size_t i = 0; i < series.size(); ++i) {
            out += ci_bands(sorted[i], chart::colour(i), x_of, y_of);
        }
    }
    std::string markers;
    for (std::size_t i = 0; i < series.size(); ++i) {
        draw_series(i, series[i], sorted[i], options.value, time, y_of, out, markers);
    }
    return out + markers + legend_svg(series, legend) + "</svg>\n";
}

} // namespace lbtrack::diff
