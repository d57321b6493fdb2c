#include "number_format.hpp"
#include "printable_report.hpp"

#include "lbtrack/diff/number_text.hpp"
#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace lbtrack::diff {

namespace {

/// ANSI styling that collapses to nothing when colour is off, so the layout is identical.
class painter {
public:
    explicit painter(bool on) : on_(on) {}
    std::string bold(std::string_view s) const { return wrap("1", s); }
    std::string green(std::string_view s) const { return wrap("32", s); }
    std::string red(std::string_view s) const { return wrap("31", s); }
    std::string dim(std::string_view s) const { return wrap("2", s); }
    /// Green for a move up, red for a move down.
    std::string move(int from, int to) const {
        const auto text = detail::rank_delta(from, to);
        return to < from ? green(text) : red(text);
    }

private:
    std::string wrap(std::string_view code, std::string_view s) const {
        return on_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
    }
    bool on_;
};

std::string opt_rank(const std::optional<int>& r) {
    return r ? std::to_string(*r) : "-";
}

/// The line under a list cut to the report's row limit.
std::string more_line(std::size_t omitted, const painter& p) {
    return omitted == 0 ? std::string()
                        : p.dim(fmt::format("    {}\n", detail::more_rows(omitted)));
}

std::string board_text(const board_report& b, const painter& p, bool limited) {
    const auto& d = b.diff;
    const auto& ctx = b.context;
    std::string out = p.bold(fmt::format("{} ({})", ctx.source_title, ctx.source_id)) + "\n";
    out += ctx.from
               ? fmt::format("  {} -> {}  ({} -> {} rows)\n", format_utc(*ctx.from),
                             format_utc(ctx.to), ctx.from_rows, ctx.to_rows)
               : fmt::format("  first snapshot {}  ({} rows)\n", format_utc(ctx.to), ctx.to_rows);
    if (d.empty()) {
        out += limited ? "  no changes within the report's limits\n" : "  no changes\n";
        if (const auto note = detail::unlisted_moves(d); !note.empty()) {
            out += p.dim(fmt::format("  not listed: {}\n", note));
        }
        if (!d.within_ci.empty()) {
            out += p.dim(fmt::format("  {} rank change(s) within the board's CI, not moves\n",
                                     d.within_ci.size()));
        }
        return out;
    }
    if (d.new_leader) {
        out += p.bold(fmt::format("  new leader: {}{}", d.new_leader->to_name,
                                  d.new_leader->from_name.empty()
                                      ? ""
                                      : fmt::format(" (was {})", d.new_leader->from_name))) +
               "\n";
    }
    for (const auto& o : d.overhauls) {
        out += p.bold(fmt::format("  ! {}", overhaul_text(o, o.field))) + "\n";
    }
    for (const auto& r : d.renamed) {
        out +=
            fmt::format("  ? likely renamed: {}\n", detail::rename_text(r, r.from_name, r.to_name));
    }
    for (const auto& e : d.added) {
        out += fmt::format("  {} {:<48} rank {:>4}  score {}\n", p.green("+"), e.raw_name,
                           opt_rank(e.rank), e.score ? detail::number(*e.score) : "-");
    }
    out += more_line(d.omitted.added, p);
    for (const auto& e : d.dropped) {
        out += fmt::format("  {} {:<48} was rank {}\n", p.red("-"), e.raw_name, opt_rank(e.rank));
    }
    out += more_line(d.omitted.dropped, p);
    for (const auto& m : d.moved) {
        out += fmt::format("  ~ {:<48} rank {} -> {} ({})\n", m.name, m.from, m.to,
                           p.move(m.from, m.to));
    }
    out += more_line(d.omitted.moved, p);
    if (const auto note = detail::unlisted_moves(d); !note.empty()) {
        out += p.dim(fmt::format("  not listed: {}\n", note));
    }
    if (!d.within_ci.empty()) {
        out += p.dim(fmt::format("  {} rank change(s) within the board's CI, not moves\n",
                                 d.within_ci.size() + d.omitted.within_ci));
    }
    for (const auto& t : d.entered_top) {
        out +=
            fmt::format("  {} {:<48} entered the top {} at {}{}\n", p.green("↑"), t.name, d.top_n,
                        opt_rank(t.to), t.from ? fmt::format(" (was {})", *t.from) : " (new)");
    }
    for (const auto& t : d.left_top) {
        out += fmt::format("  {} {:<48} left the top {}{}\n", p.red("↓"), t.name, d.top_n,
                           t.to ? fmt::format(" (now {})", *t.to) : " (dropped)");
    }
    for (const auto& s : d.rescored) {
        out += fmt::format("  * {:<48} score {} -> {} ({}){}\n", s.name, detail::number(s.from),
                           detail::number(s.to), detail::signed_difference(s.from, s.to),
                           s.significant ? " beyond CI" : "");
    }
    out += more_line(d.omitted.rescored, p);
    for (const auto& m : d.metric_changes) {
        out += fmt::format("  $ {:<48} {} {} -> {} ({})\n", m.name, m.metric,
                           detail::with_unit(m.from, m.from_unit), detail::with_unit(m.to, m.unit),
                           m.unit == m.from_unit ? detail::signed_difference(m.from, m.to)
                                                 : "unit changed");
    }
    out += more_line(d.omitted.metric_changes, p);
    for (const auto& m : d.metadata_changes) {
        out += fmt::format("  # {:<48} {} {} -> {}\n", m.name, m.field,
                           m.from.empty() ? "(none)" : m.from, m.to);
    }
    out += more_line(d.omitted.metadata_changes, p);
    return out;
}

} // namespace

std::string render_text(const run_report& upstream, const render_options& options) {
    // Every upstream string escaped once, here: no name can drive the terminal or forge a line.
    const auto report = detail::printable_report(upstream);
    const painter p(options.color);
    std::string out;
    if (!report.scope.empty()) {
        out += p.dim(fmt::format("Limited to: {}\n", report.scope));
    }
    if (const auto quiet = detail::quiet_summary(report); !quiet.empty()) {
        out += fmt::format("{} ({})\n", quiet, format_utc(report.generated_at));
    }
    for (std::size_t i = 0; i < report.boards.size(); ++i) {
        out += (i || !out.empty() ? "\n" : "") +
               board_text(report.boards[i], p, !report.scope.empty());
    }
    if (!report.unchanged.empty()) {
        out += (out.empty() ? "" : "\n") + p.bold("Unchanged boards") + "\n";
        for (const auto& b : report.unchanged) {
            out += fmt::format("  = {:<48} {}\n", b.source_id, detail::unchanged_text(b));
        }
    }
    if (!report.digest.empty()) {
        out += "\n" + p.bold("Across boards") + "\n";
        for (const auto& line : report.digest) {
            std::vector<std::string> places;
            for (const auto& pos : line.boards) {
                places.push_back(fmt::format("{} {}", pos.source_id, detail::position_text(pos)));
            }
            out += fmt::format("  {:<40} {}\n", line.name, fmt::join(places, ", "));
        }
        out += more_line(report.digest_omitted, p);
    }
    if (!report.failures.empty()) {
        out += "\n" + p.red(p.bold("Failed sources")) + "\n";
        // The messages already name their source ("source 'x': ...").
        for (const auto& message : report.failures) {
            out += fmt::format("  {}\n", message);
        }
    }
    return out;
}

} // namespace lbtrack::diff
