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

} // namespace

std::string svg_newcomers_chart(const std::vector<entry>& newcomers,
                                const std::vector<double>& field,
                                const newcomers_options& options) {
    std::vector<const entry*> rows;
    for (const auto& e : newcomers) {
        if (e.score && std::isfinite(*e.score)) {
            rows.push_back(&e);
        }
    }
    if (rows.empty()) {
        return {};
    }
    const std::size_t left_out =
        (rows.size() > max_newcomer_rows ? rows.size() - max_newcomer_rows : 0) + options.omitted;
    rows.resize(std::min(rows.size(), max_newcomer_rows));

    // The score domain: from the lowest newcomer shown (its CI included) or the top-N cut, to
    // the best score on the board. Models far below are counted, not drawn: on a board of 282
    // models from 800 to 1490 the newcomers between 1417 and 1486 would share a few pixels.
    double low = *rows.front()->score;
    double high = low;
    const auto widen = [&](double v) {
        low = std::min(low, v);
        high = std::max(high, v);
    };
    std::vector<std::string> labels;
    double label_width = 0;
    for (const entry* e : rows) {
        widen(*e->score - e->ci_minus.value_or(0));
        widen(*e->score + e->ci_plus.value_or(0));
        labels.push_back(fmt::format("{}{}",
                                     e->rank ? fmt::format("#{} ", *e->rank) : std::string(),
                                     chart::shorten(e->raw_name, label_max_chars)));
        label_width = std::max(label_width, chart::text_width(labels.back()) + 12);
    }
    for (const auto& reference : {options.leader_score, options.cutoff_score}) {
        if (reference && std::isfinite(*reference)) {
            widen(*reference);
        }
    }
    for (const double v : field) {
        high = std::max(high, v);
    }
    const double pad = (high - low) * 0.04;
    low -= pad;
    high += pad;
    const auto below = static_cast<std::size_t>(
        std::count_if(field.begin(), field.end(), [&](double v) { return v < low; }));
    label_width = std::min(label_width, label_max_width);
    const auto axis = chart::score_axis(low, high);

    const double width = std::max(options.width, 360);
    const double plot_left = label_width + 8;
    const double plot_right = width - margin_right;
    const double field_top = margin_top;
    const double rows_top = field_top + field_height + 6;
    const double plot_bottom =
        rows_top + static_cast<double>(rows.size()) * row_height + (left_out > 0 ? row_height : 0);
    const double height = plot_bottom + margin_bottom;
    // Higher scores to the right.
    const auto x_of = [&](double v) {
        return plot_left + (1 - axis.fraction(v)) * (plot_right - plot_left);
    };
    const std::string title =
        options.title.empty() ? std::string("Where the newcomers landed") : options.title;
    std::string out = chart::open_svg(width, height, title);
    out += chart::heading(8, title);

    for (const auto& t : axis.ticks) {
        const double x = x_of(t.value);
        out += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e5e5e5\"/>\n"
            "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#555\">{4}"
            "</text>\n",
            coord(x), coord(field_top), coord(plot_bottom), coord(plot_bottom + 15), t.label);
    }

    // The field: how many models score in each bin, as grey bars.
    if (!field.empty()) {
        std::vector<int> bins(field_bins, 0);
        for (const double v : field) {
            const double f = 1 - axis.fraction(v);
            if (f >= 0 && f <= 1) {
                ++bins[std::clamp(static_cast<int>(f * field_bins), 0, field_bins - 1)];
            }
        }
        const int most = std::max(1, *std::max_element(bins.begin(), bins.end()));
        const double bin_width = (plot_right - plot_left) / field_bins;
        std::string bars;
        for (int b = 0; b < field_bins; ++b) {
            if (bins[b] == 0) {
                continue;
            }
            const double h = std::max(1.5, field_height * bins[b] / most);
            bars +=
                fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                            coord(plot_left + b * bin_width + 0.5),
                            coord(field_top + field_height - h), coord(bin_width - 1), coord(h));
        }
        out += fmt::format("<g fill=\"#c8ccd1\"><title>every score on the board ({} models)</title>"
                           "{}</g>\n<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">all "
                           "{} models</text>\n",
                           field.size(), bars, coord(plot_left - 6),
                           coord(field_top + field_height - (below > 0 ? 14 : 2)), field.size());
        if (below > 0) {
            out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">{} "
                               "below the axis</text>\n",
                               coord(plot_left - 6), coord(field_top + field_height - 2), below);
        }
    }

    // The leader's and the top-N cut's scores, for scale; their labels lean apart, so two close
    // lines (catalog 2025-12-11: #1 at 1486.6, #10 at 1437.95) keep readable labels.
    const auto reference = [&](double score, const std::string& label, bool right) {
        const double x = x_of(score);
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888\" "
                           "stroke-dasharray=\"3 3\"><title>{3}: {4}</title></line>\n"
                           "<text x=\"{5}\" y=\"{6}\" text-anchor=\"{7}\" fill=\"#555\">{3}"
                           "</text>\n",
                           coord(x), coord(field_top), coord(plot_bottom), label,
                           detail::number(score), coord(right ? x + 2 : x - 2),
                           coord(field_top - 4), right ? "start" : "end");
    };
    const auto finite = [](const std::optional<double>& v) { return v && std::isfinite(*v); };
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

    for (std::size_t i = 0; i < rows.size(); ++i) {
        const entry& e = *rows[i];
        const double y = rows_top + (static_cast<double>(i) + 0.5) * row_height;
        const double x = x_of(*e.score);
        const char* colour = chart::colour(i);
        std::string whisker;
        if (e.ci_plus || e.ci_minus) {
            whisker =
                fmt::format("<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\" "
                            "stroke-width=\"2\"/>",
                            coord(x_of(*e.score - e.ci_minus.value_or(0))),
                            coord(x_of(*e.score + e.ci_plus.value_or(0))), coord(y), colour);
        }
        const std::string ci =
            e.ci_plus || e.ci_minus
                ? fmt::format(" (+{}/-{})", detail::number(e.ci_plus.value_or(0)),
                              detail::number(e.ci_minus.value_or(0)))
                : std::string();
        out += fmt::format(
            "<g><title>{0}: score {1}{2}{3}</title><text x=\"{4}\" y=\"{5}\" text-anchor=\"end\" "
            "fill=\"#222\">{6}</text>{7}<circle cx=\"{8}\" cy=\"{9}\" r=\"4\" fill=\"{10}\" "
            "stroke=\"#fff\" stroke-width=\"1\"/></g>\n",
            detail::escape_html(e.raw_name), detail::number(*e.score), ci,
            e.rank ? fmt::format(", rank {}", *e.rank) : std::string(), coord(plot_left - 6),
            coord(y + font_size * 0.35), detail::escape_html(labels[i]), whisker, coord(x),
            coord(y), colour);
    }
    if (left_out > 0) {
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">and {} "
                           "more</text>\n",
                           coord(plot_left - 6),
                           coord(rows_top + (static_cast<double>(rows.size()) + 0.5) * row_height +
                                 font_size * 0.35),
                           left_out);
    }
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
                       "stroke=\"#bbb\"/>\n</svg>\n",
                       coord(plot_left), coord(field_top), coord(plot_right - plot_left),
                       coord(plot_bottom - field_top));
    return out;
}

} // namespace lbtrack::diff
