#include "number_format.hpp"

#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>

namespace lbtrack::diff {

namespace {

/// Model names and units come from upstream pages: anything Markdown would interpret is escaped
/// so a name like "a|b" or "*star*" cannot break the table or the emphasis, and two prices in
/// "$" cannot become a math span on renderers that support one.
std::string escape_md(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (std::string_view("\\`*_[]<>|#$").find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

std::string opt_number(const std::optional<double>& v) {
    return v ? detail::number(*v) : "–";
}
std::string opt_rank(const std::optional<int>& v) {
    return v ? std::to_string(*v) : "–";
}

} // namespace

std::string render_markdown(const board_diff& d, const diff_context& ctx) {
    std::string out = fmt::format("## {} (`{}`)\n\n", escape_md(ctx.source_title), ctx.source_id);
    if (!ctx.from) {
        out += fmt::format("First snapshot, {} ({} rows).\n", format_utc(ctx.to), ctx.to_rows);
    } else {
        out += fmt::format("Compared {} → {} ({} → {} rows).\n", format_utc(*ctx.from),
                           format_utc(ctx.to), ctx.from_rows, ctx.to_rows);
    }
    if (d.empty()) {
        out += "\nNo changes.\n";
        return out;
    }
    if (d.new_leader) {
        out +=
            d.new_leader->from_name.empty()
                ? fmt::format("\n**Leader:** {}\n", escape_md(d.new_leader->to_name))
                : fmt::format("\n**New leader:** {} (was {})\n", escape_md(d.new_leader->to_name),
                              escape_md(d.new_leader->from_name));
    }
    if (!d.added.empty()) {
        out += fmt::format("\n### New models ({})\n\n| Rank | Model | Score |\n|---:|---|---:|\n",
                           d.added.size());
        for (const auto& e : d.added) {
            out += fmt::format("| {} | {} | {} |\n", opt_rank(e.rank), escape_md(e.raw_name),
                               opt_number(e.score));
        }
    }
    if (!d.dropped.empty()) {
        out += fmt::format(
            "\n### Dropped models ({})\n\n| Last rank | Model | Last score |\n|---:|---|---:|\n",
            d.dropped.size());
        for (const auto& e : d.dropped) {
            out += fmt::format("| {} | {} | {} |\n", opt_rank(e.rank), escape_md(e.raw_name),
                               opt_number(e.score));
        }
    }
    if (!d.moved.empty()) {
        out += fmt::format(
            "\n### Rank moves ({})\n\n| Model | From | To | Move |\n|---|---:|---:|---:|\n",
            d.moved.size());
        for (const auto& m : d.moved) {
            out += fmt::format("| {} | {} | {} | {} |\n", escape_md(m.name), m.from, m.to,
                               detail::rank_delta(m.from, m.to));
        }
    }
    if (!d.rescored.empty()) {
        out +=
            fmt::format("\n### Score changes ({})\n\n| Model | From | To | Change | Beyond CI |\n"
                        "|---|---:|---:|---:|:---:|\n",
                        d.rescored.size());
        for (const auto& s : d.rescored) {
            out += fmt::format("| {} | {} | {} | {} | {} |\n", escape_md(s.name),
                               detail::number(s.from), detail::number(s.to),
                               detail::signed_difference(s.from, s.to), s.significant ? "yes" : "");
        }
    }
    if (!d.metric_changes.empty()) {
        out += fmt::format("\n### Metric changes ({})\n\n| Model | Metric | From | To | Change |\n"
                           "|---|---|---:|---:|---:|\n",
                           d.metric_changes.size());
        for (const auto& m : d.metric_changes) {
            out += fmt::format(
                "| {} | {} | {} | {} | {} |\n", escape_md(m.name), escape_md(m.metric),
                escape_md(detail::with_unit(m.from, m.from_unit)),
                escape_md(detail::with_unit(m.to, m.unit)),
                m.unit == m.from_unit ? detail::signed_difference(m.from, m.to) : "unit changed");
        }
    }
    return out;
}

} // namespace lbtrack::diff
