#include "html_charts.hpp"

#include "lbtrack/diff/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lbtrack::diff::detail {

namespace {

/// The series of `keys` that have points, in the order of `keys`.
std::vector<model_series> series_of(const board_report& board,
                                    const std::vector<std::string>& keys) {
    std::vector<model_series> out;
    for (const auto& key : keys) {
        const auto it = std::find_if(board.series.begin(), board.series.end(),
                                     [&](const model_series& s) { return s.model_key == key; });
        if (it != board.series.end() && !it->points.empty()) {
            out.push_back(*it);
        }
    }
    return out;
}

/// Whether the series span more than one day: one day is a dot per model, not a chart.
bool spans_time(const std::vector<model_series>& series) {
    std::optional<time_point> first;
    for (const auto& s : series) {
        for (const auto& p : s.points) {
            if (first && p.at != *first) {
                return true;
            }
            first = p.at;
        }
    }
    return false;
}

} // namespace

std::string board_charts_html(const board_report& board) {
    if (!board.context.from) {
        return {};
    }
    const auto& d = board.diff;
    const int top_n = d.top_n > 0 ? d.top_n : default_top_n;
    std::string charts;
    std::vector<std::string> top_keys;
    for (std::size_t i = 0; i < board.standings.size() && i < max_bump_models; ++i) {
        top_keys.push_back(board.standings[i].now.model_key);
    }
    if (const auto top = series_of(board, top_keys); spans_time(top)) {
        charts +=
            svg_bump_chart(top, {.title = fmt::format("Today's top {} over time", top_keys.size()),
                                 .top_n = static_cast<int>(top_keys.size())});
    }
    if (!d.added.empty() && !board.standings.empty()) {
        charts += svg_newcomers_chart(d.added, board.field_scores,
                                      {.title = "Where the newcomers landed",
                                       .leader_score = board.standings.front().now.score,
                                       .cutoff_score = board.standings.back().now.score,
                                       .top_n = top_n,
                                       .omitted = d.omitted.added});
    }
    std::vector<std::string> mover_keys;
    for (std::size_t i = 0; i < d.moved.size() && i < max_mover_models; ++i) {
        mover_keys.push_back(d.moved[i].model_key);
    }
    if (const auto movers = series_of(board, mover_keys); spans_time(movers)) {
        charts += svg_chart(movers, {.title = "Largest moves: rank", .value = chart_value::rank});
        const bool has_ci = std::any_of(movers.begin(), movers.end(), [](const auto& s) {
            return std::any_of(s.points.begin(), s.points.end(),
                               [](const chart_point& p) { return p.ci_plus || p.ci_minus; });
        });
        charts += svg_chart(movers, {.title = has_ci ? "Largest moves: score (band: published CI)"
                                                     : "Largest moves: score",
                                     .value = chart_value::score});
    }
    if (charts.empty()) {
        return {};
    }
    return "<div class=\"charts\">\n" + charts + "</div>\n";
}

} // namespace lbtrack::diff::detail
