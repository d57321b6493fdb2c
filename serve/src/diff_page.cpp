// `/boards/ID/diff?from=WHEN&to=WHEN`: what changed on a board between any two of its snapshots
// (the snapshot in force at each time). JSON is the report schema of docs/report-json.md.

#include "board_lookup.hpp"
#include "diff_html.hpp"
#include "http_error.hpp"
#include "page_html.hpp"
#include "pages.hpp"

#include <fmt/format.h>

namespace lbtrack::serve {

namespace {

// The diff page lists every change of a kind up to this many; a recomputed board changes every
// score, and the JSON and CSV have them all.
constexpr std::size_t listed = 200;

std::optional<time_point> optional_date(const request_target& target, const char* name) {
    if (const auto v = target.param(name); v && !v->empty()) {
        return date_param(name, *v);
    }
    return std::nullopt;
}

} // namespace

http_response diff_page(page_context& ctx, const request_target& target,
                        const std::string& source_id) {
    const auto format =
        choose_format(target, {page_format::html, page_format::json, page_format::csv});
    target.allow_only({"from", "to"});
    const auto from_at = optional_date(target, "from");
    const auto to_at = optional_date(target, "to");
    if (from_at && to_at && *from_at > *to_at) {
        throw bad_request(
            fmt::format("from ({}) is after to ({})", format_utc(*from_at), format_utc(*to_at)));
    }
    const auto board = find_board(ctx, source_id);
    const auto to = find_snapshot(ctx, board, to_at);
    std::optional<store::snapshot_record> from;
    if (from_at) {
        // Before the board's first snapshot there is none: compared from nothing, every row new.
        from = store::snapshot_at_or_before(ctx.tx, board.id, *from_at);
    } else {
        from = store::snapshot_before(ctx.tx, board.id, to.observed_at);
    }
    const bool same = from && from->id == to.id;
    const auto changes =
        same ? std::make_shared<const diff::board_diff>() : ctx.cache.diff(ctx.tx, from, to);
    const auto context = context_of(board, from, to);

    if (format == page_format::csv) {
        return csv_response(table_csv(board_diff_table(*changes)));
    }
    if (format == page_format::json) {
        return json_response(board_diff_json(*changes, context));
    }
    page_frame page{board.title + ": changes"};
    const auto at = [&](const store::snapshot_record& s) {
        return board_href(board.id) + "?as_of=" + url_encode(when_param_of(s.observed_at));
    };
    const auto query = fmt::format(
        "?{}to={}",
        from ? "from=" + url_encode(when_param_of(from->observed_at)) + "&" : std::string(),
        url_encode(when_param_of(to.observed_at)));
    const auto base = board_href(board.id) + "/diff";
    page.alternates = {{"JSON", base + ".json" + query, "application/json"},
                       {"CSV", base + ".csv" + query, "text/csv"}};
    auto& body = page.body;
    body += fmt::format(
        "<p>{} → {} on {}</p>\n",
        from ? html_link(at(*from), format_utc(from->observed_at) + " (" +
                                        std::to_string(from->row_count) + " rows)")
             : std::string("<span class=\"muted\">nothing (the board's first snapshot)</span>"),
        html_link(at(to),
                  format_utc(to.observed_at) + " (" + std::to_string(to.row_count) + " rows)"),
        html_link(board_href(board.id), board.id));
    body += fmt::format(
        "<form class=\"nav\" method=\"get\" action=\"{}\"><label>From <input type=\"date\" "
        "name=\"from\" value=\"{}\"></label><label>to <input type=\"date\" name=\"to\" "
        "value=\"{}\"></label><button type=\"submit\">Compare</button></form>\n",
        esc(base), from ? esc(date_text(from->observed_at)) : "", esc(date_text(to.observed_at)));
    if (same) {
        body += "<p>Both times fall on the same snapshot: nothing to compare.</p>\n";
    } else {
        body += fmt::format("<p><strong>{}</strong></p>\n", esc(board_diff_summary(*changes)));
        body += board_diff_html(*changes, listed);
    }
    return html_response(html_page(page));
}

} // namespace lbtrack::serve
