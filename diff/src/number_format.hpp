#pragma once
// Number formatting shared by the renderers: scores print as the board prints them (1472, not
// 1472.000000), deltas carry their sign.

#include <fmt/format.h>

#include <string>

namespace lbtrack::diff::detail {

inline std::string number(double v) {
    return fmt::format("{}", v);
}

inline std::string signed_number(double v) {
    return fmt::format("{:+}", v);
}

/// A rank move as the user reads it: a smaller rank is a move up.
inline std::string rank_delta(int from, int to) {
    return to < from ? fmt::format("▲{}", from - to) : fmt::format("▼{}", to - from);
}

} // namespace lbtrack::diff::detail
