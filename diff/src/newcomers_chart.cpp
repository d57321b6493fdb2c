#include "chart_parts.hpp"
#include "html_escape.hpp"
#include "number_format.hpp"

#include "lbtrack/diff/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace lbtrack::diff {

namespace {

using chart::coord;
using chart::font_size;

constexpr double margin_top = 40; // the title, then the reference lines' labels
constexpr double margin_right = 16;
constexpr double margin_bottom = 24;
/// The histogram of every score on the board, above the newcomers' rows.
constexpr double field_height = 36;
constexpr double row_height = 20;
constexpr std::size_t label_max_chars = 30;
constexpr double label_max_width = 230;
/// Bins of the histogram: enough to show where the field bunches, few enough to stay bars.
constexpr int field_bins = 40;

/// The newcomers drawn: those with a finite score, at most max_newcomer_rows, in the order given;
/// `left_out` counts the rest (and the ones the report had already cut).
struct drawn_rows {
    std::vector<const entry*> rows;
    std::size_t left_out = 0;
};

drawn_rows rows_to_draw(const std::vector<entry>& newcomers, std::size_t omitted) {
    drawn_rows out;
    for (const auto& e : newcomers) {
        if (e.score && std::isfinite(*e.score)) {
            out.rows.push_back(&e);
        }
    }
    out.left_out =
        (out.rows.size() > max_newcomer_rows ? out.rows.size() - max_newcomer_rows : 0) + omitted;
    out.rows.resize(std::min(out.rows.size(), max_newcomer_rows));
    return out;
}

bool finite(const std::optional<double>& v) {
    return v && std::isfinite(*v);
}

/// Where everything sits: the rows' labels, the score axis and the plot's box.
struct layout {
    std::vector<std::string> labels;
    chart::value_axis axis;
    std::size_t below = 0; ///< scores of the field under the axis: counted, not drawn
    double width = 0;
    double height = 0;
    double plot_left = 0;
    double plot_right = 0;
    double field_top = margin_top;
    double rows_top = 0;
    double plot_bottom = 0;

    /// Higher scores to the right.
    double x_of(double v) const {
        return plot_left + (1 - axis.fraction(v)) * (plot_right - plot_left);
    }
    double row_y(std::size_t i) const {
        return rows_top + (static_cast<double>(i) + 0.5) * row_height;
    }
};

layout layout_of(const drawn_rows& drawn, const std::vector<double>& field,
                 const newcomers_options& options) {
    // The score domain: from the lowest newcomer shown (its CI included) or the top-N cut, to
    // the best score on the board. Models far below are counted, not drawn: on a board of 282
    // models from 800 to 1490 the newcomers between 1417 and 1486 would share a few pixels.
    layout l;
    double low = *drawn.rows.front()->score;
    double high = low;
    const auto widen = [&](double v) {
        low = std::min(low, v);
        high = std::max(high, v);
    };
    double label_width = 0;
    for (const entry* e : drawn.rows) {
        widen(*e->score - e->ci_minus.value_or(0));
        widen(*e->score + e->ci_plus.value_or(0));
        l.labels.push_back(fmt::format("{}{}",
                                       e->rank ? fmt::format("#{} ", *e->rank) : std::string(),
                                       chart::shorten(e->raw_name, label_max_chars)));
        label_width = std::max(label_width, chart::text_width(l.labels.back()) + 12);
    }
    for (const auto& reference : {options.leader_score, options.cutoff_score}) {
        if (finite(reference)) {
            widen(*reference);
        }
    }
    for (const double v : field) {
        high = std::max(high, v);
    }
    const double pad = (high - low) * 0.04;
    low -= pad;
    high += pad;
    l.below = static_cast<std::size_t>(
        std::count_if(field.begin(), field.end(), [&](double v) { return v < low; }));
    l.axis = chart::score_axis(low, high);

    l.width = std::max(options.width, 360);
    l.plot_left = std::min(label_width, label_max_width) + 8;
    l.plot_right = l.width - margin_right;
    l.rows_top = l.field_top + field_height + 6;
    l.plot_bottom = l.rows_top + static_cast<double>(drawn.rows.size()) * row_height +
                    (drawn.left_out > 0 ? row_height : 0);
    l.height = l.plot_bottom + margin_bottom;
    return l;
}

std::string score_ticks(const layout& l) {
    std::string out;
    for (const auto& t : l.axis.ticks) {
        const double x = l.x_of(t.value);
        out += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e5e5e5\"/>\n"
            "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#555\">{4}"
            "</text>\n",
            coord(x), coord(l.field_top), coord(l.plot_bottom), coord(l.plot_bottom + 15), t.label);
    }
    return out;
}

/// The field: how many models score in each bin, as grey bars.
std::string field_histogram(const layout& l, const std::vector<double>& field) {
    if (field.empty()) {
        return {};
    }
    std::vector<int> bins(field_bins, 0);
    for (const double v : field) {
        const double f = 1 - l.axis.fraction(v);
        if (f >= 0 && f <= 1) {
            ++bins[std::clamp(static_cast<int>(f * field_bins), 0, field_bins - 1)];
        }
    }
    const int most = std::max(1, *std::max_element(bins.begin(), bins.end()));
    const double bin_width = (l.plot_right - l.plot_left) / field_bins;
    std::string bars;
    for (int b = 0; b < field_bins; ++b) {
        if (bins[b] == 0) {
            continue;
        }
        const double h = std::max(1.5, field_height * bins[b] / most);
        bars += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                            coord(l.plot_left + b * bin_width + 0.5),
                            coord(l.field_top + field_height - h), coord(bin_width - 1), coord(h));
    }
    std::string out =
        fmt::format("<g fill=\"#c8ccd1\"><title>every score on the board ({} models)</title>"
                    "{}</g>\n<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">all "
                    "{} models</text>\n",
                    field.size(), bars, coord(l.plot_left - 6),
                    coord(l.field_top + field_height - (l.below > 0 ? 14 : 2)), field.size());
    if (l.below > 0) {
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">{} "
                           "below the axis</text>\n",
                           coord(l.plot_left - 6), coord(l.field_top + field_height - 2), l.below);
    }
    return out;
}

/// The leader's and the top-N cut's scores, for scale; their labels lean apart, so two close
/// lines (catalog 2025-12-11: #1 at 1486.6, #10 at 1437.95) keep readable labels.
std::string reference_lines(const layout& l, const newcomers_options& options) {
    std::string out;
    const auto reference = [&](double score, const std::string& label, bool right) {
        const double x = l.x_of(score);
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888\" "
                           "stroke-dasharray=\"3 3\"><title>{3}: {4}</title></line>\n"
                           "<text x=\"{5}\" y=\"{6}\" text-anchor=\"{7}\" fill=\"#555\">{3}"
                           "</text>\n",
                           coord(x), coord(l.field_top), coord(l.plot_bottom), label,
                           detail::number(score), coord(right ? x + 2 : x - 2),
                           coord(l.field_top - 4), right ? "start" : "end");
    };
    const bool leader = finite(options.leader_score);
    const bool cutoff =
        finite(options.cutoff_score) && options.cutoff_score != options.leader_score;
    const bool leader_right = !cutoff || !leader || *options.leader_score >= *options.cutoff_score;
    if (leader) {
        reference(*options.leader_score, "#1", leader_right);
    }
    if (cutoff) {
        reference(*options.cutoff_score, fmt::format("#{}", options.top_n), !leader_right);
    }
    return out;
}

/// Row `i`: the label, the score's dot and its CI as a whisker, a tooltip with the values.
std::string newcomer_row(const layout& l, const entry& e, std::size_t i) {
    const double y = l.row_y(i);
    const double x = l.x_of(*e.score);
    const char* colour = chart::colour(i);
    const bool has_ci = e.ci_plus || e.ci_minus;
    const std::string whisker =
        has_ci ? fmt::format("<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\" "
                             "stroke-width=\"2\"/>",
                             coord(l.x_of(*e.score - e.ci_minus.value_or(0))),
                             coord(l.x_of(*e.score + e.ci_plus.value_or(0))), coord(y), colour)
               : std::string();
    const std::string ci = has_ci ? fmt::format(" (+{}/-{})", detail::number(e.ci_plus.value_or(0)),
                                                detail::number(e.ci_minus.value_or(0)))
                                  : std::string();
    return fmt::format(
        "<g><title>{0}: score {1}{2}{3}</title><text x=\"{4}\" y=\"{5}\" text-anchor=\"end\" "
        "fill=\"#222\">{6}</text>{7}<circle cx=\"{8}\" cy=\"{9}\" r=\"4\" fill=\"{10}\" "
        "stroke=\"#fff\" stroke-width=\"1\"/></g>\n",
        detail::escape_html(e.raw_name), detail::number(*e.score), ci,
        e.rank ? fmt::format(", rank {}", *e.rank) : std::string(), coord(l.plot_left - 6),
        coord(y + font_size * 0.35), detail::escape_html(l.labels[i]), whisker, coord(x), coord(y),
        colour);
}

} // namespace

std::string svg_newcomers_chart(const std::vector<entry>& newcomers,
                                const std::vector<double>& field,
                                const newcomers_options& options) {
    const auto drawn = rows_to_draw(newcomers, options.omitted);
    if (drawn.rows.empty()) {
        return {};
    }
    const auto l = layout_of(drawn, field, options);
    const std::string title =
        options.title.empty() ? std::string("Where the newcomers landed") : options.title;
    std::string out = chart::open_svg(l.width, l.height, title);
    out += chart::heading(8, title);
    out += score_ticks(l);
    out += field_histogram(l, field);
    out += reference_lines(l, options);
    for (std::size_t i = 0; i < drawn.rows.size(); ++i) {
        out += newcomer_row(l, *drawn.rows[i], i);
    }
    if (drawn.left_out > 0) {
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">and {} "
                           "more</text>\n",
                           coord(l.plot_left - 6),
                           coord(l.row_y(drawn.rows.size()) + font_size * 0.35), drawn.left_out);
    }
    out += chart::plot_frame(l.plot_left, l.field_top, l.plot_right, l.plot_bottom);
    out += "</svg>\n";
    return out;
}

} // namespace lbtrack::diff
