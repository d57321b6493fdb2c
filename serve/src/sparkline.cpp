#include "sparkline.hpp"

#include "page_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace lbtrack::serve {

namespace {

constexpr double width = 120;
constexpr double height = 26;
constexpr double pad = 3; ///< keeps the end dot inside the box

} // namespace

std::string sparkline_svg(const std::vector<std::pair<time_point, double>>& points,
                          std::string_view title) {
    if (points.size() < 2) {
        return {};
    }
    const auto [lo, hi] = std::ranges::minmax(points, {}, [](const auto& p) { return p.second; });
    const double t0 = static_cast<double>(points.front().first.time_since_epoch().count());
    const double t1 = static_cast<double>(points.back().first.time_since_epoch().count());
    const auto x = [&](time_point t) {
        const double span = t1 - t0;
        const double at = static_cast<double>(t.time_since_epoch().count());
        return pad + (span > 0 ? (at - t0) / span : 0.5) * (width - 2 * pad);
    };
    const auto y = [&](double v) {
        const double span = hi.second - lo.second;
        return pad + (span > 0 ? (hi.second - v) / span : 0.5) * (height - 2 * pad);
    };
    std::string coords;
    for (const auto& [t, v] : points) {
        coords += fmt::format("{}{:.1f},{:.1f}", coords.empty() ? "" : " ", x(t), y(v));
    }
    const auto& last = points.back();
    return fmt::format(
        "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\"><title>{2}</title>"
        "<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\" points=\"{3}\"/>"
        "<circle cx=\"{4:.1f}\" cy=\"{5:.1f}\" r=\"2\" fill=\"#0969da\"/></svg>",
        width, height, esc(title), coords, x(last.first), y(last.second));
}

} // namespace lbtrack::serve
