#include "number_format.hpp"

#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>

namespace lbtrack::diff {

std::string render_text(const board_diff& d, const diff_context& ctx) {
    std::string out = fmt::format("{} ({})\n", ctx.source_title, ctx.source_id);
    out += ctx.from
               ? fmt::format("  {} -> {}  ({} -> {} rows)\n", format_utc(*ctx.from),
                             format_utc(ctx.to), ctx.from_rows, ctx.to_rows)
               : fmt::format("  first snapshot {}  ({} rows)\n", format_utc(ctx.to), ctx.to_rows);
    if (d.empty()) {
        out += "  no changes\n";
        return out;
    }
    if (d.new_leader) {
        out += fmt::format("  new leader: {}{}\n", d.new_leader->to_name,
                           d.new_leader->from_name.empty()
                               ? ""
                               : fmt::format(" (was {})", d.new_leader->from_name));
    }
    for (const auto& e : d.added) {
        out += fmt::format("  + {:<48} rank {:>4}  score {}\n", e.raw_name,
                           e.rank ? std::to_string(*e.rank) : "-",
                           e.score ? detail::number(*e.score) : "-");
    }
    for (const auto& e : d.dropped) {
        out += fmt::format("  - {:<48} was rank {}\n", e.raw_name,
                           e.rank ? std::to_string(*e.rank) : "-");
    }
    for (const auto& m : d.moved) {
        out += fmt::format("  ~ {:<48} rank {} -> {} ({})\n", m.name, m.from, m.to,
                           detail::rank_delta(m.from, m.to));
    }
    for (const auto& s : d.rescored) {
        out += fmt::format("  * {:<48} score {} -> {} ({}){}\n", s.name, detail::number(s.from),
                           detail::number(s.to), detail::signed_difference(s.from, s.to),
                           s.significant ? " beyond CI" : "");
    }
    for (const auto& m : d.metric_changes) {
        out += fmt::format("  $ {:<48} {} {} -> {} ({})\n", m.name, m.metric,
                           detail::with_unit(m.from, m.from_unit), detail::with_unit(m.to, m.unit),
                           m.unit == m.from_unit ? detail::signed_difference(m.from, m.to)
                                                 : "unit changed");
    }
    return out;
}

} // namespace lbtrack::diff
