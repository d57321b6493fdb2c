#include "lbtrack/diff/number_text.hpp"

#include "number_format.hpp"

namespace lbtrack::diff {

std::string number_text(double v) {
    return detail::exact_number(v);
}

std::string signed_difference_text(double from, double to) {
    return detail::signed_difference(from, to);
}

std::string rank_delta_text(int from, int to) {
    return detail::rank_delta(from, to);
}

} // namespace lbtrack::diff
