#include "number_format.hpp"
#include "printable_report.hpp"

#include "lbtrack/diff/number_text.hpp"
#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

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

std::string within_ci_note(const board_diff& d) {
    if (d.within_ci.empty()) {
        return {};
    }
    std::vector<std::string> names;
    for (const auto& m : d.within_ci) {
        names.push_back(fmt::format("{} {}→{}", escape_md(m.name), m.from, m.to));
    }
    if (d.omitted.within_ci > 0) {
        names.push_back(fmt::format("and {} more", d.omitted.within_ci));
    }
    return fmt::format("\n_{} rank change(s) within the board's confidence intervals, not counted "
                       "as moves: {}._\n",
                       d.within_ci.size() + d.omitted.within_ci, fmt::join(names, "; "));
}

/// The line under a list cut to the report's row limit.
std::string more_note(std::size_t omitted) {
    return omitted == 0 ? std::string() : fmt::format("\n_{}._\n", detail::more_rows(omitted));
}

std::string unlisted_note(const board_diff& d) {
    const auto text = detail::unlisted_moves(d);
    return text.empty() ? std::string() : fmt::format("\n_Not listed: {}._\n", text);
}

/// A new leader, a board that changed how it scores, likely renames.
std::string callouts_markdown(const board_diff& d) {
    std::string out;
    if (d.new_leader) {
        out +=
            d.new_leader->from_name.empty()
                ? fmt::format("\n**Leader:** {}\n", escape_md(d.new_leader->to_name))
                : fmt::format("\n**New leader:** {} (was {})\n", escape_md(d.new_leader->to_name),
                              escape_md(d.new_leader->from_name));
    }
    for (const auto& o : d.overhauls) {
        out += fmt::format("\n**{}.**\n", overhaul_text(o, escape_md(o.field)));
    }
    for (const auto& r : d.renamed) {
        out += fmt::format("\n**Likely renamed:** {}.\n",
                           detail::rename_text(r, escape_md(r.from_name), escape_md(r.to_name)));
    }
    return out;
}

/// New, dropped and moved models.
std::string model_lists_markdown(const board_diff& d) {
    std::string out;
    if (!d.added.empty()) {
        out += fmt::format("\n### New models ({})\n\n| Rank | Model | Score |\n|---:|---|---:|\n",
                           d.added.size() + d.omitted.added);
        for (const auto& e : d.added) {
            out += fmt::format("| {} | {} | {} |\n", opt_rank(e.rank), escape_md(e.raw_name),
                               opt_number(e.score));
        }
        out += more_note(d.omitted.added);
    }
    if (!d.dropped.empty()) {
        out += fmt::format(
            "\n### Dropped models ({})\n\n| Last rank | Model | Last score |\n|---:|---|---:|\n",
            d.dropped.size() + d.omitted.dropped);
        for (const auto& e : d.dropped) {
            out += fmt::format("| {} | {} | {} |\n", opt_rank(e.rank), escape_md(e.raw_name),
                               opt_number(e.score));
        }
        out += more_note(d.omitted.dropped);
    }
    if (!d.moved.empty()) {
        out += fmt::format(
            "\n### Rank moves ({})\n\n| Model | From | To | Move |\n|---|---:|---:|---:|\n",
            d.moved.size() + d.omitted.moved);
        for (const auto& m : d.moved) {
            out += fmt::format("| {} | {} | {} | {} |\n", escape_md(m.name), m.from, m.to,
                               detail::rank_delta(m.from, m.to));
        }
        out += more_note(d.omitted.moved);
    }
    return out;
}

/// Models that entered or left the top N.
std::string top_changes_markdown(const board_diff& d) {
    std::string out;
    if (!d.entered_top.empty() || !d.left_top.empty()) {
        out += fmt::format("\n### Top {} ({} in, {} out)\n\n| Model | Change | From | To |\n"
                           "|---|---|---:|---:|\n",
                           d.top_n, d.entered_top.size(), d.left_top.size());
        for (const auto& t : d.entered_top) {
            out += fmt::format("| {} | entered | {} | {} |\n", escape_md(t.name),
                               t.from ? std::to_string(*t.from) : "new", opt_rank(t.to));
        }
        for (const auto& t : d.left_top) {
            out += fmt::format("| {} | left | {} | {} |\n", escape_md(t.name), opt_rank(t.from),
                               t.to ? std::to_string(*t.to) : "dropped");
        }
    }
    return out;
}

std::string rescored_markdown(const board_diff& d) {
    std::string out;
    if (!d.rescored.empty()) {
        out +=
            fmt::format("\n### Score changes ({})\n\n| Model | From | To | Change | Beyond CI |\n"
                        "|---|---:|---:|---:|:---:|\n",
                        d.rescored.size() + d.omitted.rescored);
        for (const auto& s : d.rescored) {
            out += fmt::format("| {} | {} | {} | {} | {} |\n", escape_md(s.name),
                               detail::number(s.from), detail::number(s.to),
                               detail::signed_difference(s.from, s.to), s.significant ? "yes" : "");
        }
        out += more_note(d.omitted.rescored);
    }
    return out;
}

std::string metric_changes_markdown(const board_diff& d) {
    std::string out;
    if (!d.metric_changes.empty()) {
        out += fmt::format("\n### Metric changes ({})\n\n| Model | Metric | From | To | Change |\n"
                           "|---|---|---:|---:|---:|\n",
                           d.metric_changes.size() + d.omitted.metric_changes);
        for (const auto& m : d.metric_changes) {
            out += fmt::format(
                "| {} | {} | {} | {} | {} |\n", escape_md(m.name), escape_md(m.metric),
                escape_md(detail::with_unit(m.from, m.from_unit)),
                escape_md(detail::with_unit(m.to, m.unit)),
                m.unit == m.from_unit ? detail::signed_difference(m.from, m.to) : "unit changed");
        }
        out += more_note(d.omitted.metric_changes);
    }
    return out;
}

std::string metadata_changes_markdown(const board_diff& d) {
    std::string out;
    if (!d.metadata_changes.empty()) {
        out += fmt::format("\n### Details changed ({})\n\n| Model | Field | From | To |\n"
                           "|---|---|---|---|\n",
                           d.metadata_changes.size() + d.omitted.metadata_changes);
        for (const auto& m : d.metadata_changes) {
            out += fmt::format("| {} | {} | {} | {} |\n", escape_md(m.name), m.field,
                               m.from.empty() ? "–" : escape_md(m.from), escape_md(m.to));
        }
        out += more_note(d.omitted.metadata_changes);
    }
    return out;
}

std::string board_markdown(const board_report& b, bool limited) {
    const auto& d = b.diff;
    const auto& ctx = b.context;
    std::string out = fmt::format("## {} (`{}`)\n\n", escape_md(ctx.source_title), ctx.source_id);
    if (!ctx.from) {
        out += fmt::format("First snapshot, {} ({} rows).\n", format_utc(ctx.to), ctx.to_rows);
    } else {
        out += fmt::format("Compared {} → {} ({} → {} rows).\n", format_utc(*ctx.from),
                           format_utc(ctx.to), ctx.from_rows, ctx.to_rows);
    }
    if (d.empty()) {
        out += limited ? "\nNo changes within the report's limits.\n" : "\nNo changes.\n";
        return out + unlisted_note(d) + within_ci_note(d);
    }
    out += callouts_markdown(d);
    out += model_lists_markdown(d);
    out += unlisted_note(d);
    out += within_ci_note(d);
    out += top_changes_markdown(d);
    out += rescored_markdown(d);
    out += metric_changes_markdown(d);
    out += metadata_changes_markdown(d);
    return out;
}

} // namespace

std::string render_markdown(const run_report& upstream) {
    // Every upstream string escaped once, here: a line break in a name would end its table row.
    // Markdown's own characters (| * _ ...) are escaped where each is written (escape_md).
    const auto report = detail::printable_report(upstream);
    std::string out = fmt::format("# Leaderboard changes, {}\n", format_utc(report.generated_at));
    if (!report.scope.empty()) {
        out += fmt::format("\n_Limited to: {}._\n", escape_md(report.scope));
    }
    if (const auto quiet = detail::quiet_summary(report); !quiet.empty()) {
        out += "\n" + quiet + "\n";
    }
    for (const auto& b : report.boards) {
        out += "\n" + board_markdown(b, !report.scope.empty());
    }
    if (!report.unchanged.empty()) {
        out += fmt::format("\n## Unchanged boards ({})\n\n", report.unchanged.size());
        for (const auto& b : report.unchanged) {
            out += fmt::format("- `{}`: {}\n", b.source_id, detail::unchanged_text(b));
        }
    }
    if (!report.digest.empty()) {
        out += "\n## Across boards\n\n| Model |";
        // One column per board of the run, in run order.
        std::vector<std::string> ids;
        for (const auto& b : report.boards) {
            ids.push_back(b.context.source_id);
        }
        for (const auto& id : ids) {
            out += fmt::format(" `{}` |", id);
        }
        out += "\n|---|";
        for (std::size_t i = 0; i < ids.size(); ++i) {
            out += "---|";
        }
        out += "\n";
        for (const auto& line : report.digest) {
            out += fmt::format("| {} |", escape_md(line.name));
            for (const auto& id : ids) {
                const auto pos = std::find_if(line.boards.begin(), line.boards.end(),
                                              [&](const auto& p) { return p.source_id == id; });
                out += fmt::format(" {} |",
                                   pos == line.boards.end() ? "" : detail::position_text(*pos));
            }
            out += "\n";
        }
        out += more_note(report.digest_omitted);
    }
    if (!report.failures.empty()) {
        out += "\n## Failed sources\n\n";
        // The messages already name their source ("source 'x': ...").
        for (const auto& message : report.failures) {
            out += fmt::format("- {}\n", escape_md(message));
        }
    }
    return out;
}

} // namespace lbtrack::diff
