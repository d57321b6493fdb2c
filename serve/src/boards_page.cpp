// `/` (also `/boards`): every board with its last fetch, status, rows, last change and a
// sparkline of its leader's score; failing and stale boards stand out.

#include "data_table.hpp"
#include "page_html.hpp"
#include "pages.hpp"
#include "source_health.hpp"
#include "sparkline.hpp"

#include "lbtrack/diff/number_text.hpp"
#include "lbtrack/store/board_overview.hpp"

#include <fmt/format.h>

#include <map>

namespace lbtrack::serve {

namespace {

/// The board's id, linked, with its title under it.
table_cell board_cell(const store::source_status& s) {
    auto c = text_cell(s.id);
    c.html = fmt::format("{}<br><span class=\"muted small\">{}</span>",
                         html_link(board_href(s.id), s.id), esc(s.title));
    return c;
}

table_cell state_cell(const source_health& h) {
    table_cell c{state_name(h.state)};
    c.html = fmt::format("<span class=\"badge {}\">{}</span>",
                         h.state == source_state::failing ? "bad"
                         : h.state == source_state::stale ? "warn"
                         : h.state == source_state::ok    ? "ok"
                                                          : "",
                         state_name(h.state));
    c.title = h.reason;
    return c;
}

} // namespace

http_response boards_page(page_context& ctx, const request_target& target) {
    const auto format =
        choose_format(target, {page_format::html, page_format::json, page_format::csv});
    target.allow_only({});
    const auto statuses = store::source_statuses(ctx.tx);
    const auto times = store::snapshot_times(ctx.tx);
    const auto leaders = ctx.cache.leaders(ctx.tx, times);
    // The leader's score over each board's history, oldest first.
    std::map<std::string, std::vector<std::pair<time_point, double>>> trend;
    for (const auto& s : times) {
        const auto it = leaders.find(s.id);
        if (it != leaders.end() && it->second.score) {
            trend[s.source_id].emplace_back(s.observed_at, *it->second.score);
        }
    }

    data_table t{{{"board", "Board"},
                  {"title", "Title", false, shown_in::data_only},
                  {"status", "Status"},
                  {"reason", "Why", false, shown_in::data_only},
                  {"last_fetch", "Last fetch"},
                  {"last_fetch_status", "Fetch result"},
                  {"last_success", "Last success", false, shown_in::data_only},
                  {"last_change", "Last change"},
                  {"rows", "Rows", true},
                  {"snapshots", "Snapshots", true},
                  {"leader", "Leader"},
                  {"leader_key", "Leader key", false, shown_in::data_only},
                  {"leader_score", "Score", true},
                  {"leader_trend", "Leader's score", false, shown_in::html_only}},
                 {},
                 {},
                 "boards"};
    std::size_t failing = 0;
    for (const auto& s : statuses) {
        const auto health = assess(s, ctx.options.health, ctx.now);
        failing += health.state == source_state::failing ? 1 : 0;
        std::optional<store::snapshot_leader> leader;
        if (s.latest_snapshot_id) {
            if (const auto it = leaders.find(*s.latest_snapshot_id); it != leaders.end()) {
                leader = it->second;
            }
        }
        table_cell fetch_status{s.last_fetch ? store::to_string(s.last_fetch->status) : ""};
        if (s.last_fetch && s.last_fetch->status == store::fetch_status::failed) {
            fetch_status.css_class = "error";
            fetch_status.title = s.last_fetch->error;
        }
        table_cell trend_cell{""};
        const auto& points = trend[s.id];
        trend_cell.html = sparkline_svg(
            points, fmt::format("{}: leader's score over {} snapshots", s.id, points.size()));
        t.rows.push_back(
            {board_cell(s), text_cell(s.title), state_cell(health), text_cell(health.reason),
             time_cell(s.last_fetch ? std::optional(s.last_fetch->started_at) : std::nullopt),
             fetch_status, time_cell(s.last_success), time_cell(s.latest_snapshot_at),
             integer_cell(s.latest_snapshot_id ? std::optional<long long>(s.latest_rows)
                                               : std::nullopt),
             integer_cell(static_cast<long long>(s.snapshots)),
             leader ? link_cell(leader->printed_name, model_href(leader->model_key))
                    : text_cell(""),
             text_cell(leader ? leader->model_key : ""),
             number_cell(leader ? leader->score : std::nullopt), trend_cell});
        t.row_classes.push_back(health.state == source_state::failing ? "failing"
                                : health.state == source_state::stale ? "stale"
                                                                      : "");
    }

    if (format == page_format::csv) {
        return csv_response(table_csv(t));
    }
    if (format == page_format::json) {
        auto leader_scores = ordered_json::object();
        for (const auto& [source, points] : trend) {
            auto& series = leader_scores[source] = ordered_json::array();
            for (const auto& [at, score] : points) {
                series.push_back(
                    {{"observed_at", format_rfc3339(at)}, {"score", json_number(score)}});
            }
        }
        return json_response({{"boards", table_json(t)}, {"leader_scores", leader_scores}});
    }
    page_frame page{"Boards"};
    page.subtitle = fmt::format("{} boards, {} snapshots stored", statuses.size(), times.size());
    if (failing > 0) {
        page.body += fmt::format("<p class=\"callout\">{} board{} failed on its latest fetch "
                                 "(marked red below; the reason is in the tooltip and in "
                                 "<a href=\"/health\">/health</a>).</p>\n",
                                 failing, failing == 1 ? "" : "s");
    }
    if (statuses.empty()) {
        page.body += "<p>No board stored yet: run <code>lbtrack run</code> or "
                     "<code>lbtrack replay</code> first.</p>\n";
    }
    page.body += "<div class=\"scroll\">" + table_html(t) + "</div>\n";
    page.alternates = {{"JSON", "/boards.json", "application/json"},
                       {"CSV", "/boards.csv", "text/csv"},
                       {"Atom: every board", "/feed.atom", "application/atom+xml"}};
    return html_response(html_page(page));
}

} // namespace lbtrack::serve
