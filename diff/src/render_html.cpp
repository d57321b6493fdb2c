#include "html_charts.hpp"
#include "html_escape.hpp"
#include "number_format.hpp"

#include "lbtrack/diff/number_text.hpp"
#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace lbtrack::diff {

namespace {

using detail::escape_html;

// One stylesheet in the head and nothing else: no scripts, fonts, images or links to load, so
// the page reads the same from disk, from a mail client that blocks remote content, or
// archived years later. Email clients honour little CSS, so the page is plain tables and
// colours, and still reads where the stylesheet is dropped.
constexpr std::string_view stylesheet = R"(
:root { color-scheme: light dark; }
body { margin: 0; padding: 24px 16px; background: #fff; color: #1f2328;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1160px; margin: 0 auto; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 36px 0 6px; padding-top: 14px; border-top: 2px solid #d0d7de; }
h3 { font-size: 1.05em; margin: 22px 0 6px; }
p { margin: 6px 0; }
code { font: 0.85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #eff1f3; padding: 1px 5px; border-radius: 4px; }
h2 code { font-size: 0.65em; vertical-align: middle; }
a { color: #0969da; }
.muted { color: #59636e; }
table { border-collapse: collapse; margin: 6px 0 10px; font-size: 14px; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f0f2f4; font-weight: 600; }
tbody tr:nth-child(even) { background: #f7f8fa; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.up { color: #1a7f37; font-weight: 600; }
.down { color: #cf222e; font-weight: 600; }
.new { color: #0969da; }
.gone { color: #6e7781; }
.zero { color: #8c959f; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px;
  background: #fff1e5; color: #9a3412; border: 1px solid #f0c8a8; white-space: nowrap; }
.callout { border-left: 4px solid #bf8700; background: #fff8c5; padding: 8px 12px;
  margin: 12px 0; }
details { margin: 12px 0; }
summary { cursor: pointer; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 16px; margin: 8px 0; }
.charts svg { max-width: 100%; height: auto; border: 1px solid #d0d7de; border-radius: 4px; }
.failures li { margin: 4px 0; }
.failures { color: #a40e26; }
footer { margin-top: 40px; font-size: 13px; }
@media (prefers-color-scheme: dark) {
  body { background: #0d1117; color: #e6edf3; }
  h2 { border-top-color: #30363d; }
  code { background: #262c36; }
  a { color: #4493f8; }
  .muted { color: #9198a1; }
  th, td { border-color: #3d444d; }
  th { background: #1b2029; }
  tbody tr:nth-child(even) { background: #151b23; }
  .up { color: #3fb950; } .down { color: #f85149; } .new { color: #4493f8; }
  .gone, .zero { color: #8b949e; }
  .badge { background: #3d2410; color: #ffb77c; border-color: #6b3a12; }
  .callout { background: #2e2a12; border-left-color: #d29922; }
  .failures { color: #ff7b72; }
  .charts svg { border-color: #3d444d; }
}
)";

/// A table cell: its HTML (already escaped) and a class ("num", "up"…; empty for none).
struct cell {
    std::string html;
    std::string css_class;
};

cell text_cell(std::string_view text, std::string css_class = {}) {
    return {escape_html(text), std::move(css_class)};
}

cell num_cell(std::string text, std::string_view extra_class = {}) {
    return {escape_html(text), extra_class.empty() ? "num" : fmt::format("num {}", extra_class)};
}

std::string opt_rank(const std::optional<int>& v) {
    return v ? std::to_string(*v) : "–";
}

std::string opt_number(const std::optional<double>& v) {
    return v ? detail::number(*v) : "–";
}

/// A header cell is numeric (right-aligned) when its name starts with '#': "#Rank".
std::string table(std::initializer_list<std::string_view> headers,
                  const std::vector<std::vector<cell>>& rows) {
    std::string out = "<table>\n<thead><tr>";
    for (auto h : headers) {
        const bool numeric = h.starts_with('#');
        out += fmt::format("<th{}>{}</th>", numeric ? " class=\"num\"" : "",
                           escape_html(numeric ? h.substr(1) : h));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        out += "<tr>";
        for (const auto& c : row) {
            out += c.css_class.empty()
                       ? fmt::format("<td>{}</td>", c.html)
                       : fmt::format("<td class=\"{}\">{}</td>", c.css_class, c.html);
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    return out;
}

std::string move_class(int from, int to) {
    return to < from ? "up" : "down";
}

/// The class of a digest cell, after the kind of position it shows.
std::string position_class(const board_position& p) {
    if (!p.present_before) {
        return "new";
    }
    if (!p.present_after) {
        return "gone";
    }
    if (p.from && p.to && *p.from != *p.to) {
        return move_class(*p.from, *p.to);
    }
    return "zero";
}

std::string compared_text(const diff_context& ctx) {
    return ctx.from ? fmt::format("{} → {}", format_utc(*ctx.from), format_utc(ctx.to))
                    : fmt::format("first snapshot, {}", format_utc(ctx.to));
}

std::string board_anchor(std::size_t index) {
    return fmt::format("board-{}", index + 1);
}

cell count_cell(std::size_t n) {
    return num_cell(std::to_string(n), n == 0 ? "zero" : "");
}

std::string summary_html(const run_report& report) {
    std::string out = "<section>\n<h2>Summary</h2>\n";
    const auto plural = [](std::size_t n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    std::size_t changed = 0;
    for (const auto& b : report.boards) {
        changed += b.diff.empty() ? 0 : 1;
    }
    out += fmt::format(
        "<p>{} checked, {} with a new snapshot, {} with changes; {}.</p>\n",
        plural(report.boards.size() + report.unchanged.size(), "board", "boards"),
        report.boards.size(), changed,
        report.failures.empty()
            ? std::string("no source failed")
            : fmt::format("<a href=\"#failures\">{}</a>",
                          plural(report.failures.size(), "source failed", "sources failed")));
    if (!report.scope.empty()) {
        out += fmt::format("<p class=\"muted\">Limited to: {}.</p>\n", escape_html(report.scope));
    }
    if (const auto quiet = detail::quiet_summary(report); !quiet.empty()) {
        out += fmt::format("<p class=\"callout\">{}</p>\n", escape_html(quiet));
    }
    if (!report.unchanged.empty()) {
        std::vector<std::vector<cell>> unchanged;
        for (const auto& b : report.unchanged) {
            unchanged.push_back({{fmt::format("<code>{}</code>", escape_html(b.source_id)), ""},
                                 text_cell(b.last_change ? format_utc(*b.last_change) : "–")});
        }
        // Folded away under the changes; open on a quiet day, when it is the whole news.
        out += fmt::format("<details{}>\n<summary>Unchanged boards ({})</summary>\n{}</details>\n",
                           report.boards.empty() ? " open" : "", report.unchanged.size(),
                           table({"Board", "Last change"}, unchanged));
    }
    if (report.boards.empty()) {
        out += "<p class=\"muted\">No board got a new snapshot in this run.</p>\n</section>\n";
        return out;
    }
    std::vector<std::vector<cell>> rows;
    for (std::size_t i = 0; i < report.boards.size(); ++i) {
        const auto& b = report.boards[i];
        const auto& d = b.diff;
        std::string leader;
        if (d.new_leader) {
            leader = escape_html(d.new_leader->to_name);
        }
        rows.push_back({
            {fmt::format("<a href=\"#{}\">{}</a> <code>{}</code>", board_anchor(i),
                         escape_html(b.context.source_title), escape_html(b.context.source_id)),
             ""},
            text_cell(compared_text(b.context)),
            count_cell(d.added.size() + d.omitted.added),
            count_cell(d.dropped.size() + d.omitted.dropped),
            count_cell(d.moved.size() + d.omitted.moved),
            count_cell(d.rescored.size() + d.omitted.rescored),
            {leader, ""},
        });
    }
    out += table(
        {"Board", "Compared", "#New", "#Dropped", "#Moved", "#Score changes", "New leader"}, rows);
    out += "</section>\n";
    return out;
}

/// The line under a list cut to the report's row limit.
std::string more_html(std::size_t omitted) {
    return omitted == 0 ? std::string()
                        : fmt::format("<p class=\"muted\">{}.</p>\n",
                                      escape_html(detail::more_rows(omitted)));
}

std::string digest_html(const run_report& report) {
    if (report.digest.empty()) {
        return {};
    }
    std::string out = "<section>\n<h2>Across boards</h2>\n<p class=\"muted\">Models that were "
                      "added, dropped or moved on a board and are listed on at least two, largest "
                      "move first.</p>\n<table>\n<thead><tr><th>Model</th>";
    for (const auto& b : report.boards) {
        out += fmt::format("<th><code>{}</code></th>", escape_html(b.context.source_id));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& line : report.digest) {
        out += fmt::format("<tr><td>{}</td>", escape_html(line.name));
        for (const auto& b : report.boards) {
            const auto pos =
                std::find_if(line.boards.begin(), line.boards.end(),
                             [&](const auto& p) { return p.source_id == b.context.source_id; });
            if (pos == line.boards.end()) {
                out += "<td></td>";
            } else {
                out += fmt::format("<td class=\"{}\">{}</td>", position_class(*pos),
                                   escape_html(detail::position_text(*pos)));
            }
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n" + more_html(report.digest_omitted) + "</section>\n";
    return out;
}

std::string entries_table(const std::vector<entry>& entries, bool dropped) {
    std::vector<std::vector<cell>> rows;
    for (const auto& e : entries) {
        rows.push_back(
            {num_cell(opt_rank(e.rank)), text_cell(e.raw_name), num_cell(opt_number(e.score))});
    }
    return dropped ? table({"#Last rank", "Model", "#Last score"}, rows)
                   : table({"#Rank", "Model", "#Score"}, rows);
}

std::string moves_table(const std::vector<rank_move>& moves) {
    std::vector<std::vector<cell>> rows;
    for (const auto& m : moves) {
        rows.push_back({text_cell(m.name), num_cell(std::to_string(m.from)),
                        num_cell(std::to_string(m.to)),
                        num_cell(detail::rank_delta(m.from, m.to), move_class(m.from, m.to))});
    }
    return table({"Model", "#From", "#To", "#Move"}, rows);
}

/// The board's top N as it stands, with each row's change since the older snapshot: what a
/// board's section opens with.
std::string standings_html(const board_report& b) {
    if (b.standings.empty()) {
        return {};
    }
    const bool compared = b.standings.front().compared;
    const bool has_ci = std::any_of(b.standings.begin(), b.standings.end(),
                                    [](const auto& s) { return s.now.ci_plus || s.now.ci_minus; });
    std::vector<std::vector<cell>> rows;
    for (const auto& s : b.standings) {
        const auto& e = s.now;
        std::vector<cell> row{num_cell(opt_rank(e.rank))};
        if (compared) {
            if (!s.listed_before) {
                row.push_back(text_cell("new", "num new"));
            } else if (s.rank_before && e.rank && *s.rank_before != *e.rank) {
                row.push_back(num_cell(detail::rank_delta(*s.rank_before, *e.rank),
                                       move_class(*s.rank_before, *e.rank)));
            } else {
                row.push_back(num_cell("=", "zero"));
            }
        }
        row.push_back(s.renamed_from.empty()
                          ? text_cell(e.raw_name)
                          : cell{fmt::format("{} <span class=\"muted\">(was {}?)</span>",
                                             escape_html(e.raw_name), escape_html(s.renamed_from)),
                                 ""});
        row.push_back(num_cell(opt_number(e.score)));
        if (compared) {
            row.push_back(!s.score_before || !e.score ? num_cell("")
                          : s.score_changed           ? num_cell(score_change_text(s))
                                                      : num_cell("=", "zero"));
        }
        if (has_ci) {
            row.push_back(
                num_cell(e.ci_plus || e.ci_minus
                             ? fmt::format("+{}/-{}", detail::number(e.ci_plus.value_or(0)),
                                           detail::number(e.ci_minus.value_or(0)))
                             : ""));
        }
        rows.push_back(std::move(row));
    }
    // LMArena ranks ties alike: its top 10 of 2024-10-29 is 14 models.
    const auto n = static_cast<std::size_t>(b.diff.top_n > 0 ? b.diff.top_n : default_top_n);
    const auto heading = fmt::format(
        "<h3>Top {} on {}{}</h3>\n", std::min(n, b.standings.size()),
        format_utc(b.context.to).substr(0, 10),
        b.standings.size() > n ? fmt::format(" ({} models: ties)", b.standings.size()) : "");
    if (compared) {
        return heading + (has_ci
                              ? table({"#Rank", "#Δ", "Model", "#Score", "#Δ score", "#CI"}, rows)
                              : table({"#Rank", "#Δ", "Model", "#Score", "#Δ score"}, rows));
    }
    return heading + (has_ci ? table({"#Rank", "Model", "#Score", "#CI"}, rows)
                             : table({"#Rank", "Model", "#Score"}, rows));
}

/// The section's heading, what was compared, and the callouts: a new leader, a board that
/// changed how it scores, likely renames.
std::string board_head_html(const board_report& b, std::size_t index) {
    const auto& d = b.diff;
    const auto& ctx = b.context;
    std::string out =
        fmt::format("<section>\n<h2 id=\"{}\">{} <code>{}</code></h2>\n", board_anchor(index),
                    escape_html(ctx.source_title), escape_html(ctx.source_id));
    out += ctx.from
               ? fmt::format("<p class=\"muted\">Compared {} → {} ({} → {} rows).</p>\n",
                             format_utc(*ctx.from), format_utc(ctx.to), ctx.from_rows, ctx.to_rows)
               : fmt::format("<p class=\"muted\">First snapshot, {} ({} rows).</p>\n",
                             format_utc(ctx.to), ctx.to_rows);
    if (d.new_leader) {
        out += d.new_leader->from_name.empty()
                   ? fmt::format("<p class=\"callout\"><strong>Leader:</strong> {}</p>\n",
                                 escape_html(d.new_leader->to_name))
                   : fmt::format("<p class=\"callout\"><strong>New leader:</strong> {} (was "
                                 "{})</p>\n",
                                 escape_html(d.new_leader->to_name),
                                 escape_html(d.new_leader->from_name));
    }
    for (const auto& overhaul : d.overhauls) {
        out += fmt::format("<p class=\"callout\"><strong>{}.</strong></p>\n",
                           overhaul_text(overhaul, escape_html(overhaul.field)));
    }
    for (const auto& r : d.renamed) {
        out +=
            fmt::format("<p class=\"callout\"><strong>Likely renamed:</strong> {}.</p>\n",
                        detail::rename_text(r, escape_html(r.from_name), escape_html(r.to_name)));
    }
    return out;
}

/// New, dropped and moved models, and the reshuffles within CI. A first snapshot "adds" the
/// whole board.
std::string model_lists_html(const board_diff& d, bool first_snapshot) {
    const auto& o = d.omitted;
    std::string out;
    if (!d.added.empty()) {
        if (first_snapshot) {
            // A first snapshot "adds" the whole board: listed, but folded away.
            out += fmt::format("<details>\n<summary>All {} models of the first snapshot"
                               "</summary>\n{}{}</details>\n",
                               d.added.size() + o.added, entries_table(d.added, false),
                               more_html(o.added));
        } else {
            out += fmt::format("<h3>New models ({})</h3>\n{}{}", d.added.size() + o.added,
                               entries_table(d.added, false), more_html(o.added));
        }
    }
    if (!d.dropped.empty()) {
        out += fmt::format("<h3>Dropped models ({})</h3>\n{}{}", d.dropped.size() + o.dropped,
                           entries_table(d.dropped, true), more_html(o.dropped));
    }
    if (!d.moved.empty()) {
        out += fmt::format("<h3>Rank moves ({})</h3>\n{}{}", d.moved.size() + o.moved,
                           moves_table(d.moved), more_html(o.moved));
    }
    if (const auto note = detail::unlisted_moves(d); !note.empty()) {
        out += fmt::format("<p class=\"muted\">Not listed: {}.</p>\n", escape_html(note));
    }
    if (!d.within_ci.empty()) {
        out += fmt::format(
            "<details>\n<summary>Ties within CI ({})</summary>\n<p class=\"muted\">These models "
            "changed places only with models whose scores overlap theirs within the board's "
            "published confidence intervals. The board cannot tell them apart, so the new order "
            "is a reshuffle of a statistical tie and is not counted as a rank move.</p>\n{}{}"
            "</details>\n",
            d.within_ci.size() + o.within_ci, moves_table(d.within_ci), more_html(o.within_ci));
    }
    return out;
}

/// Models that entered or left the top N.
std::string top_changes_html(const board_diff& d) {
    std::string out;
    if (!d.entered_top.empty() || !d.left_top.empty()) {
        std::vector<std::vector<cell>> rows;
        for (const auto& t : d.entered_top) {
            rows.push_back({text_cell(t.name), text_cell("entered", "up"),
                            num_cell(t.from ? std::to_string(*t.from) : "new"),
                            num_cell(opt_rank(t.to))});
        }
        for (const auto& t : d.left_top) {
            rows.push_back({text_cell(t.name), text_cell("left", "down"),
                            num_cell(opt_rank(t.from)),
                            num_cell(t.to ? std::to_string(*t.to) : "dropped")});
        }
        out += fmt::format("<h3>Top {} ({} in, {} out)</h3>\n{}", d.top_n, d.entered_top.size(),
                           d.left_top.size(), table({"Model", "Change", "#From", "#To"}, rows));
    }
    return out;
}

std::string rescored_html(const board_diff& d) {
    const auto& o = d.omitted;
    std::string out;
    if (!d.rescored.empty()) {
        std::vector<std::vector<cell>> rows;
        for (const auto& s : d.rescored) {
            rows.push_back({text_cell(s.name),
                            num_cell(detail::number(s.from)),
                            num_cell(detail::number(s.to)),
                            num_cell(detail::signed_difference(s.from, s.to)),
                            {s.significant ? "<span class=\"badge\">beyond CI</span>" : "", ""}});
        }
        out += fmt::format("<h3>Score changes ({})</h3>\n{}{}", d.rescored.size() + o.rescored,
                           table({"Model", "#From", "#To", "#Change", "Beyond CI"}, rows),
                           more_html(o.rescored));
    }
    return out;
}

std::string metric_changes_html(const board_diff& d) {
    const auto& o = d.omitted;
    std::string out;
    if (!d.metric_changes.empty()) {
        std::vector<std::vector<cell>> rows;
        for (const auto& m : d.metric_changes) {
            const bool same_unit = m.unit == m.from_unit;
            rows.push_back({text_cell(m.name), text_cell(m.metric),
                            num_cell(detail::with_unit(m.from, m.from_unit)),
                            num_cell(detail::with_unit(m.to, m.unit)),
                            same_unit ? num_cell(detail::signed_difference(m.from, m.to))
                                      : cell{"<span class=\"badge\">unit changed</span>", "num"}});
        }
        out += fmt::format("<h3>Metric changes ({})</h3>\n{}{}",
                           d.metric_changes.size() + o.metric_changes,
                           table({"Model", "Metric", "#From", "#To", "#Change"}, rows),
                           more_html(o.metric_changes));
    }
    return out;
}

std::string metadata_changes_html(const board_diff& d) {
    const auto& o = d.omitted;
    std::string out;
    if (!d.metadata_changes.empty()) {
        std::vector<std::vector<cell>> rows;
        for (const auto& m : d.metadata_changes) {
            rows.push_back({text_cell(m.name), text_cell(m.field),
                            text_cell(m.from.empty() ? "–" : m.from), text_cell(m.to)});
        }
        out += fmt::format(
            "<h3>Details changed ({})</h3>\n{}{}", d.metadata_changes.size() + o.metadata_changes,
            table({"Model", "Field", "From", "To"}, rows), more_html(o.metadata_changes));
    }
    return out;
}

std::string board_html(const board_report& b, std::size_t index, bool limited) {
    const auto& d = b.diff;
    std::string out = board_head_html(b, index);
    // The board as it stands and the charts come before the lists of changes, which can be long.
    out += standings_html(b);
    out += detail::board_charts_html(b);
    if (d.empty()) {
        out += limited ? "<p>No changes within the report's limits.</p>\n" : "<p>No changes.</p>\n";
    }
    out += model_lists_html(d, !b.context.from);
    out += top_changes_html(d);
    out += rescored_html(d);
    out += metric_changes_html(d);
    out += metadata_changes_html(d);
    out += "</section>\n";
    return out;
}

std::string failures_html(const run_report& report) {
    if (report.failures.empty()) {
        return {};
    }
    // The messages already name their source ("source 'x': ...").
    std::string out = fmt::format("<section>\n<h2 id=\"failures\">Failed sources ({})</h2>\n"
                                  "<p class=\"muted\">No new snapshot of these boards in this "
                                  "run; the other boards are unaffected.</p>\n"
                                  "<ul class=\"failures\">\n",
                                  report.failures.size());
    for (const auto& message : report.failures) {
        out += fmt::format("<li>{}</li>\n", escape_html(message));
    }
    out += "</ul>\n</section>\n";
    return out;
}

} // namespace

std::string render_html(const run_report& report) {
    const std::string generated = format_utc(report.generated_at);
    const std::string title = fmt::format("lbtrack report — {}", generated.substr(0, 10));
    std::string out =
        fmt::format("<!doctype html>\n<html lang=\"en\">\n<head>\n"
                    "<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, "
                    "initial-scale=1\">\n"
                    "<meta name=\"color-scheme\" content=\"light dark\">\n"
                    "<title>{0}</title>\n<style>{1}</style>\n</head>\n<body>\n<main>\n"
                    "<h1>{0}</h1>\n<p class=\"muted\">Generated {2}.</p>\n",
                    title, stylesheet, generated);
    out += summary_html(report);
    out += digest_html(report);
    for (std::size_t i = 0; i < report.boards.size(); ++i) {
        out += board_html(report.boards[i], i, !report.scope.empty());
    }
    out += failures_html(report);
    out += "<footer class=\"muted\">Generated by lbtrack. Ranks and scores as each board "
           "published them.</footer>\n</main>\n</body>\n</html>\n";
    return out;
}

} // namespace lbtrack::diff
