// `/movers?since=WHEN&top=N`: the largest rank moves on every board between the snapshot in
// force at WHEN (a board younger than that: its first) and its latest, matched by stored model
// and variant (store::rank_moves_between), largest first.

#include "board_lookup.hpp"
#include "data_table.hpp"
#include "page_html.hpp"
#include "pages.hpp"

#include "lbtrack/diff/number_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace lbtrack::serve {

namespace {

struct move {
    store::stored_rank_move row;
    std::string source_id;
    time_point from_at{};
    time_point to_at{};
};

} // namespace

http_response movers_page(page_context& ctx, const request_target& target) {
    const auto format =
        choose_format(target, {page_format::html, page_format::json, page_format::csv});
    target.allow_only({"since", "top"});
    const auto since_text = target.param("since").value_or("7d");
    const auto since = when_param("since", since_text.empty() ? "7d" : since_text, ctx.now);
    std::size_t top = 50;
    if (const auto v = target.param("top"); v && !v->empty()) {
        top = static_cast<std::size_t>(int_param("top", *v, 1, 1000));
    }
    std::vector<move> moves;
    std::size_t total = 0;
    std::vector<std::string> compared;
    for (const auto& board : store::source_statuses(ctx.tx)) {
        if (!board.latest_snapshot_id) {
            continue;
        }
        const auto latest = store::snapshot_at_or_before(ctx.tx, board.id);
        auto base = store::snapshot_at_or_before(ctx.tx, board.id, since);
        if (!base) {
            base = store::first_snapshot_after(ctx.tx, board.id, since);
        }
        if (!latest || !base || base->id == latest->id) {
            continue;
        }
        compared.push_back(board.id);
        auto found = store::rank_moves_between(ctx.tx, base->id, latest->id, top);
        total += found.total;
        for (auto& m : found.largest) {
            moves.push_back({std::move(m), board.id, base->observed_at, latest->observed_at});
        }
    }
    // Each board gave its `top` largest: the largest overall are among them.
    std::ranges::sort(moves, [](const move& a, const move& b) {
        const int da = std::abs(a.row.from - a.row.to);
        const int db = std::abs(b.row.from - b.row.to);
        return std::tie(db, a.row.to, a.row.raw_name, a.source_id) <
               std::tie(da, b.row.to, b.row.raw_name, b.source_id);
    });
    if (moves.size() > top) {
        moves.resize(top);
    }

    data_table t{{{"model", "Model"},
                  {"model_key", "Key", false, shown_in::data_only},
                  {"variant", "Variant", false, shown_in::everywhere, true},
                  {"board", "Board"},
                  {"from", "From", true},
                  {"to", "To", true},
                  {"change", "Change", true},
                  {"since", "Since"},
                  {"until", "Until"}},
                 {},
                 {},
                 "movers"};
    for (const auto& m : moves) {
        auto change = integer_cell(m.row.from - m.row.to);
        change.display = diff::rank_delta_text(m.row.from, m.row.to);
        change.css_class = m.row.to < m.row.from ? "up" : "down";
        const auto board_at = [&](time_point at) {
            auto c = link_cell(format_rfc3339(at),
                               board_href(m.source_id) + "?as_of=" + url_encode(when_param_of(at)));
            c.display = format_utc(at);
            return c;
        };
        t.rows.push_back({link_cell(m.row.raw_name, model_href(m.row.model_key)),
                          text_cell(m.row.model_key), text_cell(m.row.variant),
                          link_cell(m.source_id, board_href(m.source_id)), integer_cell(m.row.from),
                          integer_cell(m.row.to), change, board_at(m.from_at), board_at(m.to_at)});
    }
    if (format == page_format::csv) {
        return csv_response(table_csv(t));
    }
    if (format == page_format::json) {
        return json_response({{"since", format_rfc3339(since)},
                              {"moves_total", total},
                              {"boards_compared", compared},
                              {"moves", table_json(t)}});
    }
    page_frame page{"Movers"};
    page.subtitle =
        fmt::format("The largest rank moves on every board since {}", format_utc(since));
    const auto query = fmt::format("?since={}&top={}", url_encode(since_text), top);
    page.alternates = {{"JSON", "/movers.json" + query, "application/json"},
                       {"CSV", "/movers.csv" + query, "text/csv"}};
    page.body += fmt::format(
        "<form class=\"nav\" method=\"get\" action=\"/movers\"><label>Since <input name=\"since\" "
        "value=\"{}\" size=\"12\"></label><label>Top <input name=\"top\" value=\"{}\" size=\"4\">"
        "</label><button type=\"submit\">Show</button><span class=\"muted\">a date "
        "(2025-06-01) or a span back from now (30d, 12h, 2w)</span></form>\n",
        esc(since_text), top);
    page.body += fmt::format("<p>{} of {} moves on {} board{}.</p>\n", moves.size(), total,
                             compared.size(), compared.size() == 1 ? "" : "s");
    if (compared.empty()) {
        page.body += "<p class=\"muted\">No board has a snapshot since then to compare with: try "
                     "an earlier date.</p>\n";
    }
    page.body += "<div class=\"scroll\">" + table_html(t) + "</div>\n";
    return html_response(html_page(page));
}

} // namespace lbtrack::serve
