#pragma once
// Small inline SVG charts for the HTML report and `lbtrack history --format svg`: rank or score
// over time, the bump chart of a board's top N, and where a day's newcomers landed.
// Self-contained markup (no scripts, no external fonts), every label escaped.

#include "lbtrack/core/entry.hpp"
#include "lbtrack/diff/report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lbtrack::diff {

enum class chart_value { rank, score };

struct chart_options {
    std::string title{};
    chart_value value = chart_value::rank; ///< rank charts put rank 1 at the top
    int width = 560;
    int height = 220;
};

/// One line per series, a legend with the series names. Points without the charted value are
/// skipped (the line is broken there). Empty series give a chart that says "no data". A rank
/// axis over a long range is logarithmic, so the top ranks stay readable; a score chart shades
/// the published CI around each line where the points carry one.
std::string svg_chart(const std::vector<model_series>& series, const chart_options& options);

struct bump_options {
    std::string title{};
    int top_n = default_top_n; ///< ranks 1..top_n get a lane each; lower ranks share one below
    int width = 1100;
};

/// A bump chart: the rank over time of `series` (a board's top N today, in today's order), one
/// lane per rank of the top N so the order reads at a glance, every rank below N drawn in one
/// "below N" lane with hollow markers, and each line labelled with its model at its right end
/// instead of a legend.
std::string svg_bump_chart(const std::vector<model_series>& series, const bump_options& options);

struct newcomers_options {
    std::string title{};
    std::optional<double> leader_score{}; ///< the newer snapshot's #1, a reference line
    std::optional<double> cutoff_score{}; ///< its #top_n, a reference line
    int top_n = default_top_n;
    int width = 560;
    /// Newcomers not in the list given (a report cut to its row limit): counted in a last row.
    std::size_t omitted = 0;
};

/// Where a day's newcomers landed: one row per new model (at most max_newcomer_rows, in rank
/// order) with its score and published CI, over a histogram of every score on the board
/// (`field`) and the leader's and the top-N cut's scores. Newcomers without a score are left
/// out; none with a score give "".
std::string svg_newcomers_chart(const std::vector<entry>& newcomers,
                                const std::vector<double>& field, const newcomers_options& options);

inline constexpr std::size_t max_newcomer_rows = 12;

} // namespace lbtrack::diff
