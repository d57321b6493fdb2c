#include "value_precision.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace lbtrack::diff {

int published_decimals(double v) {
    if (!std::isfinite(v) || v == 0) {
        return 0;
    }
    // Shortest round-trip spelling in scientific form, "d.ddde-XX": the digits after the
    // mantissa's point, less the exponent, are the digits after the decimal point.
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v,
                                         std::chars_format::scientific);
    if (ec != std::errc{}) {
        return max_published_decimals;
    }
    const std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
    const auto e = text.find('e');
    const auto point = text.find('.');
    const int mantissa_decimals =
        point == std::string_view::npos || point > e ? 0 : static_cast<int>(e - point - 1);
    int exponent = 0;
    std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(),
                    exponent);
    return std::clamp(mantissa_decimals - exponent, 0, max_published_decimals);
}

bool same_at(double a, double b, int decimals) {
    // The relative slack absorbs the binary representation of the two values (19.425 is stored
    // as 19.42500000000000071...).
    const double half_unit = 0.5 * std::pow(10.0, -decimals);
    return std::abs(a - b) <= half_unit + 1e-9 * std::max(std::abs(a), std::abs(b));
}

int column_precision(const std::vector<double>& values) {
    int decimals = 0;
    for (const double v : values) {
        if (decimals == max_published_decimals) {
            break; // a full-precision export reaches it on its first row
        }
        decimals = std::max(decimals, published_decimals(v));
    }
    return decimals;
}

int score_precision(const std::vector<entry>& rows) {
    int decimals = 0;
    for (const auto& e : rows) {
        if (decimals == max_published_decimals) {
            break;
        }
        if (e.score) {
            decimals = std::max(decimals, published_decimals(*e.score));
        }
    }
    return decimals;
}

snapshot_precision::snapshot_precision(const std::vector<entry>& rows) {
    // A column at max_published_decimals can go no higher: published_decimals (a shortest
    // spelling and its parse) is skipped for it, which is every row of a full-precision export
    // such as openllm-v2's since 2024-12-11.
    for (const auto& e : rows) {
        if (e.score && score < max_published_decimals) {
            score = std::max(score, published_decimals(*e.score));
        }
        for (const auto& m : e.metrics) {
            auto& d = metrics[m.name];
            if (d < max_published_decimals) {
                d = std::max(d, published_decimals(m.value));
            }
        }
    }
}

int snapshot_precision::metric(const std::string& name) const {
    const auto it = metrics.find(name);
    return it == metrics.end() ? 0 : it->second;
}

} // namespace lbtrack::diff
