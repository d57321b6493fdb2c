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

std::string overhaul_text(const value_overhaul& o, const std::string& field_name) {
    const bool score = o.field == "score";
    const auto count = o.changed == o.compared
                           ? fmt::format("every {} changed ({} rows)",
                                         score ? "score" : "value of " + field_name, o.compared)
                           : fmt::format("{} of {} {} changed", o.changed, o.compared,
                                         score ? "scores" : "values of " + field_name);
    if (o.ranking) {
        return count + ": a ranking of its own, which the day's new models and score changes "
                       "reorder. Not listed row by row";
    }
    // Hedged: a recomputation (every LMArena catalog release) looks the same from here as a
    // change of method or format.
    return count + " at once: a recomputation, or a change of method or format upstream? Not "
                   "listed row by row";
}

} // namespace lbtrack::diff
