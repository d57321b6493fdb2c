#include "chart_parts.hpp"

#include "html_escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace lbtrack::diff::chart {

std::string coord(double v) {
    auto s = fmt::format("{:.1f}", v);
    if (s.size() > 2 && s.ends_with(".0")) {
        s.resize(s.size() - 2);
    }
    return s == "-0" ? "0" : s;
}

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

double nice_step(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw * (1 - 1e-9)) {
            return m * magnitude;
        }
    }
    return 10 * magnitude;
}

std::string open_svg(double width, double height, std::string_view title) {
    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', "
        "Roboto, Helvetica, Arial, sans-serif\" font-size=\"{2}\">\n",
        coord(width), coord(height), coord(font_size));
    out += fmt::format("<title>{}</title>\n", detail::escape_html(title));
    out += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n", coord(width),
                       coord(height));
    return out;
}

std::string heading(double x, std::string_view title) {
    return fmt::format("<text x=\"{}\" y=\"17\" font-size=\"12\" font-weight=\"bold\" "
                       "fill=\"#222\">{}</text>\n",
                       coord(x), detail::escape_html(title));
}

std::string plot_frame(double left, double top, double right, double bottom) {
    return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
                       "stroke=\"#bbb\"/>\n",
                       coord(left), coord(top), coord(right - left), coord(bottom - top));
}

std::string series_line(std::size_t series, double stroke_width, std::string_view points) {
    return fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" "
                       "stroke-linejoin=\"round\"{} points=\"{}\"/>\n",
                       colour(series), coord(stroke_width), dash(series), points);
}

std::vector<chart_point> by_time(std::vector<chart_point> points) {
    std::stable_sort(points.begin(), points.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
    return points;
}

double time_scale::x(std::int64_t t) const {
    if (t_max == t_min) {
        return (left + right) / 2;
    }
    return left + pad +
           static_cast<double>(t - t_min) / static_cast<double>(t_max - t_min) *
               (right - left - 2 * pad);
}

double value_axis::fraction(double v) const {
    const auto t = [&](double x) { return log ? std::log(x) : x; };
    return (t(v) - t(top_value)) / (t(bottom_value) - t(top_value));
}

namespace {

std::string integer_label(double v) {
    return fmt::format("{}", static_cast<long long>(v));
}

/// 1, 2, 3, 5 times the powers of ten from `best` to `worst`, the best rank first, each at
/// least a label's height from the one kept before it.
value_axis log_rank_axis(double best, double worst, double pixels) {
    value_axis axis{best, worst, true, {}};
    constexpr double min_gap = font_size + 3;
    double last_y = 0;
    axis.ticks.push_back({best, integer_label(best)});
    for (double magnitude = 1; magnitude <= worst; magnitude *= 10) {
        for (const double m : {1.0, 2.0, 3.0, 5.0}) {
            const double v = m * magnitude;
            if (v <= best || v > worst) {
                continue;
            }
            const double y = axis.fraction(v) * pixels;
            if (y - last_y >= min_gap) {
                axis.ticks.push_back({v, integer_label(v)});
                last_y = y;
            }
        }
    }
    return axis;
}

} // namespace

value_axis rank_axis(double best, double worst, double pixels) {
    if (best == worst) {
        return {best - 1, best + 1, false, {{best, integer_label(best)}}};
    }
    if (best >= 1 && worst >= 4 * best && worst - best >= 15) {
        return log_rank_axis(best, worst, pixels);
    }
    value_axis axis{best, worst, false, {}};
    const double step = std::max(1.0, nice_step((worst - best) / 5));
    axis.ticks.push_back({best, integer_label(best)});
    for (double v = std::ceil((best + step / 2) / step) * step; v <= worst; v += step) {
        axis.ticks.push_back({v, integer_label(v)});
    }
    return axis;
}

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
    value_axis axis{static_cast<double>(last) * step, static_cast<double>(first) * step, false, {}};
    for (long long k = first; k <= last; ++k) {
        const double v = static_cast<double>(k) * step;
        axis.ticks.push_back({v, fmt::format("{:.{}f}", v == 0 ? 0.0 : v, decimals)});
    }
    return axis;
}

namespace {

std::chrono::sys_days day_of(std::int64_t micros) {
    return std::chrono::floor<std::chrono::days>(
        std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(micros)));
}

std::string day_label(std::chrono::sys_days day, bool with_year) {
    const std::chrono::year_month_day ymd{day};
    const auto month = static_cast<unsigned>(ymd.month());
    const auto d = static_cast<unsigned>(ymd.day());
    return with_year ? fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), month, d)
                     : fmt::format("{:02}-{:02}", month, d);
}

} // namespace

std::string date_label(std::int64_t micros, bool with_year) {
    return day_label(day_of(micros), with_year);
}

std::string time_axis(std::int64_t t_min, std::int64_t t_max,
                      const std::function<double(std::int64_t)>& x_of, double top, double bottom) {
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
    std::vector<x_tick> kept{{x_of(t_min), day_label(first_day, true)}};
    std::optional<x_tick> last;
    if (last_day != first_day) {
        last = x_tick{x_of(t_max), day_label(last_day, true)};
    }
    const auto span = (last_day - first_day).count();
    const auto divisions = std::min<long long>(span, 4);
    for (long long k = 1; k < divisions; ++k) {
        const auto day =
            first_day + std::chrono::days(std::llround(static_cast<double>(k * span) / divisions));
        const x_tick t{x_of(std::chrono::time_point_cast<std::chrono::microseconds>(day)
                                .time_since_epoch()
                                .count()),
                       day_label(day, !one_year)};
        if (fits(kept.back(), t) && (!last || fits(t, *last))) {
            kept.push_back(t);
        }
    }
    if (last && fits(kept.back(), *last)) {
        kept.push_back(*last);
    }
    std::string out;
    for (const auto& t : kept) {
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
                           "stroke=\"#e5e5e5\"/>\n",
                           coord(t.x), coord(top), coord(bottom));
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{}"
                           "</text>\n",
                           coord(t.x), coord(bottom + 15), t.label);
    }
    return out;
}

} // namespace lbtrack::diff::chart
