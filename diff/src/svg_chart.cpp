#include "lbtrack/diff/svg_chart.hpp"

#include "html_escape.hpp"
#include "number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace lbtrack::diff {

namespace {

// Okabe–Ito, reordered so the first colours are the most distinct on white and the yellow,
// unreadable on white, is left out. A second round of series gets dashed lines.
constexpr std::array<const char*, 7> palette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                "#E69F00", "#56B4E9", "#000000"};

// The frame around the plot, in SVG user units (pixels at 100% zoom). The left margin holds
// tick labels of up to six characters ("0.8125"); the right one half a date label, which is
// centred on the last point.
constexpr double margin_left = 50;
constexpr double margin_right = 36;
constexpr double margin_top = 28;
constexpr double margin_bottom = 24;
/// Keeps markers on the extreme values inside the plot rather than on its border.
constexpr double inner_pad = 6;
constexpr double font_size = 11;
constexpr double legend_row = 16;
/// Legend names longer than this are cut with "…" (the full name stays in a tooltip).
constexpr std::size_t legend_max_chars = 40;

/// Coordinates at one decimal, without a trailing ".0": small and stable output.
std::string coord(double v) {
    auto s = fmt::format("{:.1f}", v);
    if (s.size() > 2 && s.ends_with(".0")) {
        s.resize(s.size() - 2);
    }
    return s == "-0" ? "0" : s;
}

/// Rough rendered width of a label: the charts use the reader's system font, so this can only
/// be an estimate, erring wide. Wide (CJK) characters count as a full em.
double text_width(std::string_view text) {
    double width = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto length = std::max<std::size_t>(1, detail::utf8_sequence_length(text.substr(i)));
        width += length >= 3 ? font_size : (length == 1 ? font_size * 0.62 : font_size * 0.7);
        i += length;
    }
    return width;
}

/// `text` cut to `max_chars` code points, with "…" when cut.
std::string shorten(std::string_view text, std::size_t max_chars) {
    std::size_t i = 0;
    std::size_t chars = 0;
    while (i < text.size() && chars < max_chars) {
        i += std::max<std::size_t>(1, detail::utf8_sequence_length(text.substr(i)));
        ++chars;
    }
    if (i >= text.size()) {
        return std::string(text);
    }
    return std::string(text.substr(0, i)) + "…";
}

std::string date_label(std::chrono::sys_days day, bool with_year) {
    const std::chrono::year_month_day ymd{day};
    const auto month = static_cast<unsigned>(ymd.month());
    const auto d = static_cast<unsigned>(ymd.day());
    return with_year ? fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), month, d)
                     : fmt::format("{:02}-{:02}", month, d);
}

std::optional<double> value_of(const chart_point& p, chart_value value) {
    if (value == chart_value::rank) {
        return p.rank ? std::optional<double>(*p.rank) : std::nullopt;
    }
    return p.score;
}

struct tick {
    double value = 0;
    std::string label;
};

/// 1, 2 or 5 times a power of ten, at least `raw`.
double nice_step(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw * (1 - 1e-9)) {
            return m * magnitude;
        }
    }
    return 10 * magnitude;
}

/// The value axis: the domain drawn from `top_value` (at the top of the plot) to
/// `bottom_value`, and its labelled ticks.
struct value_axis {
    double top_value = 0;
    double bottom_value = 0;
    std::vector<tick> ticks;
};

/// Ranks: 1 at the top, integer ticks every 1, 2, 5, 10… ranks, the best rank always labelled.
value_axis rank_axis(double best, double worst) {
    value_axis axis{best, worst, {}};
    if (best == worst) {
        axis.top_value = best - 1;
        axis.bottom_value = best + 1;
        axis.ticks.push_back({best, fmt::format("{}", static_cast<long long>(best))});
        return axis;
    }
    const double step = std::max(1.0, nice_step((worst - best) / 5));
    axis.ticks.push_back({best, fmt::format("{}", static_cast<long long>(best))});
    for (double v = std::ceil((best + step / 2) / step) * step; v <= worst; v += step) {
        axis.ticks.push_back({v, fmt::format("{}", static_cast<long long>(v))});
    }
    return axis;
}

/// Scores: the higher score at the top, the domain widened to round ticks.
value_axis score_axis(double low, double high) {
    if (low == high) {
        const double pad = low == 0 ? 1 : std::abs(low) * 0.02;
        low -= pad;
        high += pad;
    }
    const double step = nice_step((high - low) / 4);
    const auto first = static_cast<long long>(std::floor(low / step + 1e-9));
    const auto last = static_cast<long long>(std::ceil(high / step - 1e-9));
    const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    value_axis axis{static_cast<double>(last) * step, static_cast<double>(first) * step, {}};
    for (long long k = first; k <= last; ++k) {
        const double v = static_cast<double>(k) * step;
        axis.ticks.push_back({v, fmt::format("{:.{}f}", v == 0 ? 0.0 : v, decimals)});
    }
    return axis;
}

struct legend_item {
    double x = 0;
    double y = 0;
};

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
    std::vector<legend_item> legend;
    std::vector<std::string> legend_names;
    double legend_height = 0;
    if (!series.empty()) {
        double x = plot_left;
        double y = height + 4;
        for (const auto& s : series) {
            legend_names.push_back(shorten(s.name, legend_max_chars));
            const double item = 24 + text_width(legend_names.back()) + 14;
            if (x > plot_left && x + item > width - 8) {
                x = plot_left;
                y += legend_row;
            }
            legend.push_back({x, y});
            x += item;
        }
        legend_height = y + legend_row - height;
    }
    const double total_height = height + legend_height;

    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', "
        "Roboto, Helvetica, Arial, sans-serif\" font-size=\"{2}\">\n",
        coord(width), coord(total_height), coord(font_size));
    out += fmt::format("<title>{}</title>\n", detail::escape_html(title));
    // An own background keeps the chart readable on a dark page and as a standalone file.
    out += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n", coord(width),
                       coord(total_height));
    out += fmt::format("<text x=\"{}\" y=\"17\" font-size=\"12\" font-weight=\"bold\" "
                       "fill=\"#222\">{}</text>\n",
                       coord(plot_left), detail::escape_html(title));

    // Data range over every point that has the charted value.
    std::int64_t t_min = std::numeric_limits<std::int64_t>::max();
    std::int64_t t_max = std::numeric_limits<std::int64_t>::min();
    double v_min = std::numeric_limits<double>::infinity();
    double v_max = -std::numeric_limits<double>::infinity();
    for (const auto& s : series) {
        for (const auto& p : s.points) {
            if (const auto v = value_of(p, options.value); v && std::isfinite(*v)) {
                t_min = std::min(t_min, p.at.time_since_epoch().count());
                t_max = std::max(t_max, p.at.time_since_epoch().count());
                v_min = std::min(v_min, *v);
                v_max = std::max(v_max, *v);
            }
        }
    }
    const auto frame = fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                                   "fill=\"none\" stroke=\"#bbb\"/>\n",
                                   coord(plot_left), coord(plot_top), coord(plot_right - plot_left),
                                   coord(plot_bottom - plot_top));
    if (t_min > t_max) {
        out += frame;
        out +=
            fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">no "
                        "data</text>\n",
                        coord((plot_left + plot_right) / 2), coord((plot_top + plot_bottom) / 2));
    }

    const value_axis axis = t_min > t_max                        ? value_axis{}
                            : options.value == chart_value::rank ? rank_axis(v_min, v_max)
                                                                 : score_axis(v_min, v_max);
    const auto x_of = [&](std::int64_t t) {
        if (t_max == t_min) {
            return (plot_left + plot_right) / 2;
        }
        return plot_left + inner_pad +
               static_cast<double>(t - t_min) / static_cast<double>(t_max - t_min) *
                   (plot_right - plot_left - 2 * inner_pad);
    };
    const auto y_of = [&](double v) {
        return plot_top + inner_pad +
               (v - axis.top_value) / (axis.bottom_value - axis.top_value) *
                   (plot_bottom - plot_top - 2 * inner_pad);
    };

    if (t_min <= t_max) {
        // Value ticks: a light grid line and a label left of the plot.
        for (const auto& t : axis.ticks) {
            const double y = y_of(t.value);
            out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
                               "stroke=\"#e5e5e5\"/>\n",
                               coord(plot_left), coord(y), coord(plot_right));
            out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">{}"
                               "</text>\n",
                               coord(plot_left - 6), coord(y + font_size * 0.35), t.label);
        }

        // Time ticks: the first and last dates in full, a few days between them as MM-DD (with
        // the year when the range spans a new year), none that would overlap a neighbour.
        const auto day_of = [](std::int64_t t) {
            return std::chrono::floor<std::chrono::days>(time_point(std::chrono::microseconds(t)));
        };
        const auto first_day = day_of(t_min);
        const auto last_day = day_of(t_max);
        const bool one_year = std::chrono::year_month_day(first_day).year() ==
                              std::chrono::year_month_day(last_day).year();
        struct x_tick {
            double x;
            std::string label;
        };
        const auto fits = [](const x_tick& a, const x_tick& b) {
            return std::abs(a.x - b.x) >= (text_width(a.label) + text_width(b.label)) / 2 + 8;
        };
        std::vector<x_tick> kept{{x_of(t_min), date_label(first_day, true)}};
        std::optional<x_tick> last;
        if (last_day != first_day) {
            last = x_tick{x_of(t_max), date_label(last_day, true)};
        }
        const auto span = (last_day - first_day).count();
        const auto divisions = std::min<long long>(span, 4);
        for (long long k = 1; k < divisions; ++k) {
            const auto day =
                first_day +
                std::chrono::days(std::llround(static_cast<double>(k * span) / divisions));
            const x_tick t{x_of(std::chrono::time_point_cast<std::chrono::microseconds>(day)
                                    .time_since_epoch()
                                    .count()),
                           date_label(day, !one_year)};
            if (fits(kept.back(), t) && (!last || fits(t, *last))) {
                kept.push_back(t);
            }
        }
        if (last && fits(kept.back(), *last)) {
            kept.push_back(*last);
        }
        for (const auto& t : kept) {
            out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
                               "stroke=\"#e5e5e5\"/>\n",
                               coord(t.x), coord(plot_top), coord(plot_bottom));
            out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{}"
                               "</text>\n",
                               coord(t.x), coord(plot_bottom + 15), t.label);
        }
        out += frame;

        // Lines first, then every marker above every line.
        const char* what = options.value == chart_value::rank ? "rank" : "score";
        std::string markers;
        for (std::size_t i = 0; i < series.size(); ++i) {
            const auto& s = series[i];
            const char* colour = palette[i % palette.size()];
            const char* dash = (i / palette.size()) % 2 == 1 ? " stroke-dasharray=\"5 3\"" : "";
            auto points = s.points;
            std::stable_sort(points.begin(), points.end(),
                             [](const auto& a, const auto& b) { return a.at < b.at; });
            const double radius = points.size() > 60 ? 2 : 3;
            const std::string name = detail::escape_html(s.name);
            std::string run; // the current unbroken stretch of the line
            std::size_t run_points = 0;
            const auto flush = [&] {
                if (run_points >= 2) {
                    out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" "
                                       "stroke-linejoin=\"round\"{} points=\"{}\"/>\n",
                                       colour, dash, run);
                }
                run.clear();
                run_points = 0;
            };
            for (const auto& p : points) {
                const auto v = value_of(p, options.value);
                if (!v || !std::isfinite(*v)) {
                    flush();
                    continue;
                }
                const auto x = coord(x_of(p.at.time_since_epoch().count()));
                const auto y = coord(y_of(*v));
                run += fmt::format("{}{},{}", run.empty() ? "" : " ", x, y);
                ++run_points;
                markers += fmt::format(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"#fff\" "
                    "stroke-width=\"1\"><title>{}: {} {} on {}</title></circle>\n",
                    x, y, coord(radius), colour, name, what, detail::number(*v), format_utc(p.at));
            }
            flush();
        }
        out += markers;
    }

    for (std::size_t i = 0; i < legend.size(); ++i) {
        const char* colour = palette[i % palette.size()];
        const char* dash = (i / palette.size()) % 2 == 1 ? " stroke-dasharray=\"5 3\"" : "";
        const double y = legend[i].y + legend_row / 2;
        const bool cut = legend_names[i].size() != series[i].name.size();
        out += fmt::format(
            "<g>{}<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
            "stroke-width=\"2\"{}/>"
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>"
            "<text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text></g>\n",
            cut ? fmt::format("<title>{}</title>", detail::escape_html(series[i].name)) : "",
            coord(legend[i].x), coord(y), coord(legend[i].x + 18), coord(y), colour, dash,
            coord(legend[i].x + 9), coord(y), colour, coord(legend[i].x + 24),
            coord(y + font_size * 0.35), detail::escape_html(legend_names[i]));
    }
    out += "</svg>\n";
    return out;
}

} // namespace lbtrack::diff
