// `/boards/ID[?as_of=WHEN]`: a board as it stood, with each row's change against the snapshot
// before, the changes of that snapshot, and navigation from snapshot to snapshot.

#include "board_lookup.hpp"
#include "data_table.hpp"
#include "diff_html.hpp"
#include "http_error.hpp"
#include "page_html.hpp"
#include "pages.hpp"

#include "lbtrack/core/entry_order.hpp"
#include "lbtrack/diff/number_text.hpp"

#include <fmt/format.h>

#include <climits>
#include <unordered_map>

namespace lbtrack::serve {

namespace {

// The HTML page shows this many rows unless ?rows= says otherwise: a 7,000-row board is 2 MB of
// HTML that nobody reads to the end; JSON and CSV carry every row.
constexpr long long html_rows = 250;
constexpr long long max_rows = 1'000'000;
constexpr std::size_t changes_listed = 25;

/// The standings: every row by rank (unranked rows last, in board order), with its rank and
/// score change against `before`'s row of the same model and variant.
data_table standings(const std::vector<entry>& rows, const std::vector<entry>* before,
                     std::size_t limit) {
    std::vector<const entry*> order;
    order.reserve(rows.size());
    for (const auto& e : rows) {
        order.push_back(&e);
    }
    std::ranges::stable_sort(order, {}, [](const entry* e) { return e->rank.value_or(INT_MAX); });
    std::unordered_map<row_identity, const entry*, row_identity_hash> previous;
    if (before != nullptr) {
        for (const auto& e : *before) {
            previous.emplace(identity_of(e), &e);
        }
    }
    // Metric columns in the order the rows first name them.
    std::vector<std::string> metrics;
    bool any_unit = false;
    for (const auto* e : order) {
        for (const auto& m : e->metrics) {
            if (std::find(metrics.begin(), metrics.end(), m.name) == metrics.end()) {
                metrics.push_back(m.name);
            }
            any_unit = any_unit || !m.unit.empty();
        }
    }
    data_table t{{{"rank", "Rank", true},
                  {"rank_change", "Δ rank", true, shown_in::everywhere, true},
                  {"model", "Model"},
                  {"model_key", "Key", false, shown_in::data_only},
                  {"variant", "Variant", false, shown_in::everywhere, true},
                  {"score", "Score", true, shown_in::everywhere, true},
                  {"score_change", "Δ score", true, shown_in::everywhere, true},
                  {"ci", "CI", true, shown_in::html_only, true},
                  {"ci_plus", "CI +", true, shown_in::data_only},
                  {"ci_minus", "CI −", true, shown_in::data_only},
                  {"votes", "Votes", true, shown_in::everywhere, true},
                  {"organization", "Organization", false, shown_in::everywhere, true},
                  {"license", "License", false, shown_in::everywhere, true},
                  {"knowledge_cutoff", "Knowledge cutoff", false, shown_in::data_only}},
                 {},
                 {},
                 "standings"};
    for (const auto& m : metrics) {
        t.columns.push_back({m, m, true, shown_in::everywhere, true});
        if (any_unit) {
            t.columns.push_back({m + " unit", m + " unit", false, shown_in::data_only});
        }
    }
    for (std::size_t i = 0; i < order.size() && i < limit; ++i) {
        const entry& e = *order[i];
        const auto it = previous.find(identity_of(e));
        const entry* was = it == previous.end() ? nullptr : it->second;
        table_cell rank_change{""};
        if (before != nullptr && was == nullptr) {
            rank_change.display = "new";
            rank_change.css_class = "new";
        } else if (was != nullptr && was->rank && e.rank) {
            rank_change = integer_cell(*was->rank - *e.rank);
            if (*was->rank != *e.rank) {
                rank_change.display = diff::rank_delta_text(*was->rank, *e.rank);
                rank_change.css_class = *e.rank < *was->rank ? "up" : "down";
            } else {
                rank_change.display = "=";
                rank_change.css_class = "zero";
            }
        }
        table_cell score_change{""};
        if (was != nullptr && was->score && e.score) {
            const auto signed_text = diff::signed_difference_text(*was->score, *e.score);
            score_change = spelled_number_cell(signed_text.starts_with('+') ? signed_text.substr(1)
                                                                            : signed_text);
            score_change.display = signed_text.size() > 8
                                       ? fmt::format("{:+.2f}", *e.score - *was->score)
                                       : signed_text;
            score_change.css_class = *e.score == *was->score ? "zero" : "";
        }
        table_cell ci{""};
        if (e.ci_plus || e.ci_minus) {
            ci.display = fmt::format("+{}/−{}", diff::number_text(e.ci_plus.value_or(0)),
                                     diff::number_text(e.ci_minus.value_or(0)));
        }
        std::vector<table_cell> row{
            integer_cell(e.rank ? std::optional<long long>(*e.rank) : std::nullopt),
            rank_change,
            link_cell(e.raw_name, model_href(e.model_key)),
            text_cell(e.model_key),
            text_cell(e.variant),
            number_cell(e.score),
            score_change,
            ci,
            number_cell(e.ci_plus),
            number_cell(e.ci_minus),
            integer_cell(e.votes ? std::optional<long long>(*e.votes) : std::nullopt),
            text_cell(e.organization),
            text_cell(e.license),
            text_cell(e.knowledge_cutoff)};
        for (const auto& name : metrics) {
            const auto m = std::find_if(e.metrics.begin(), e.metrics.end(),
                                        [&](const metric& x) { return x.name == name; });
            auto cell =
                number_cell(m == e.metrics.end() ? std::nullopt : std::optional<double>(m->value));
            if (m != e.metrics.end()) {
                cell.display = display_number(m->value) + m->unit;
            }
            row.push_back(cell);
            if (any_unit) {
                row.push_back(text_cell(m == e.metrics.end() ? "" : m->unit));
            }
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

ordered_json snapshot_json(const std::optional<store::snapshot_record>& s) {
    if (!s) {
        return nullptr;
    }
    return {{"observed_at", format_rfc3339(s->observed_at)},
            {"as_of", when_param_of(s->observed_at)},
            {"rows", s->row_count},
            {"identity_version", s->identity_version}};
}

/// The links from snapshot to snapshot, and a date form for any day.
std::string navigation(const store::source_status& board, const store::snapshot_record& snap,
                       const std::optional<store::snapshot_record>& before,
                       const std::optional<store::snapshot_record>& after) {
    const auto href = board_href(board.id);
    const auto at = [&](const store::snapshot_record& s) {
        return href + "?as_of=" + url_encode(when_param_of(s.observed_at));
    };
    std::string out = "<div class=\"nav\">";
    out += before ? html_link(at(*before), "← " + format_utc(before->observed_at))
                  : "<span class=\"muted\">← first snapshot</span>";
    out += fmt::format("<span>Snapshot of <strong>{}</strong> · {} rows</span>",
                       esc(format_utc(snap.observed_at)), snap.row_count);
    out += after ? html_link(at(*after), format_utc(after->observed_at) + " →")
                 : "<span class=\"muted\">latest snapshot →</span>";
    if (after) {
        out += html_link(href, "latest");
    }
    out += fmt::format("<form method=\"get\" action=\"{}\"><label>As of <input type=\"date\" "
                       "name=\"as_of\" value=\"{}\"></label><button type=\"submit\">Show"
                       "</button></form>",
                       esc(href), esc(date_text(snap.observed_at)));
    return out + "</div>\n";
}

/// Every snapshot of the board as a link, newest first, folded away.
std::string all_snapshots(page_context& ctx, const store::source_status& board,
                          const store::snapshot_record& current) {
    const auto times = store::snapshot_times(ctx.tx, board.id);
    std::string links;
    for (auto it = times.rbegin(); it != times.rend(); ++it) {
        const auto text = format_utc(it->observed_at);
        links += it->id == current.id
                     ? fmt::format("<strong>{}</strong> ", esc(text))
                     : html_link(board_href(board.id) +
                                     "?as_of=" + url_encode(when_param_of(it->observed_at)),
                                 text) +
                           " ";
    }
    return fmt::format("<details><summary>All {} snapshots</summary><p>{}</p></details>\n",
                       times.size(), links);
}

} // namespace

http_response board_page(page_context& ctx, const request_target& target,
                         const std::string& source_id) {
    const auto format =
        choose_format(target, {page_format::html, page_format::json, page_format::csv});
    target.allow_only({"as_of", "rows"});
    std::optional<time_point> as_of;
    if (const auto v = target.param("as_of"); v && !v->empty()) {
        as_of = date_param("as_of", *v);
    }
    long long limit = format == page_format::html ? html_rows : max_rows;
    if (const auto v = target.param("rows"); v && !v->empty()) {
        limit = *v == "all" ? max_rows : int_param("rows", *v, 1, max_rows);
    }
    const auto board = find_board(ctx, source_id);
    const auto snap = find_snapshot(ctx, board, as_of);
    const auto before = store::snapshot_before(ctx.tx, board.id, snap.observed_at);
    const auto after = store::first_snapshot_after(ctx.tx, board.id, snap.observed_at);
    const auto rows = ctx.cache.entries(ctx.tx, snap);
    const auto previous_rows = before ? ctx.cache.entries(ctx.tx, *before) : entries_ptr();
    const auto table = standings(*rows, previous_rows.get(), static_cast<std::size_t>(limit));
    const auto changes = ctx.cache.diff(ctx.tx, before, snap);

    if (format == page_format::csv) {
        return csv_response(table_csv(table));
    }
    if (format == page_format::json) {
        ordered_json doc;
        doc["board"] = {{"id", board.id}, {"title", board.title}, {"url", board.url}};
        doc["as_of"] = as_of ? ordered_json(format_rfc3339(*as_of)) : ordered_json(nullptr);
        doc["snapshot"] = snapshot_json(snap);
        doc["previous"] = snapshot_json(before);
        doc["next"] = snapshot_json(after);
        doc["rows_total"] = rows->size();
        doc["rows_shown"] = table.rows.size();
        doc["rows"] = table_json(table);
        doc["changes"] = board_diff_json(*changes, context_of(board, before, snap));
        return json_response(doc);
    }

    page_frame page{board.title};
    page.subtitle = fmt::format("{} · {} snapshots", board.id, board.snapshots);
    const auto self = fmt::format("{}?as_of={}", board_href(board.id),
                                  url_encode(when_param_of(snap.observed_at)));
    page.alternates = {{"JSON",
                        fmt::format("{}.json?as_of={}", board_href(board.id),
                                    url_encode(when_param_of(snap.observed_at))),
                        "application/json"},
                       {"CSV",
                        fmt::format("{}.csv?as_of={}", board_href(board.id),
                                    url_encode(when_param_of(snap.observed_at))),
                        "text/csv"},
                       {"Atom feed", board_href(board.id) + "/feed.atom", "application/atom+xml"}};
    auto& body = page.body;
    if (is_web_url(board.url)) {
        body += fmt::format("<p>Upstream: <a href=\"{0}\" rel=\"nofollow noopener noreferrer\">"
                            "{0}</a></p>\n",
                            esc(board.url));
    }
    body += navigation(board, snap, before, after);
    body += section_heading("standings", "Standings");
    if (before) {
        body += fmt::format("<p class=\"muted\">Δ against the snapshot of {}.</p>\n",
                            esc(format_utc(before->observed_at)));
    }
    body += "<div class=\"scroll\">" + table_html(table) + "</div>\n";
    if (table.rows.size() < rows->size()) {
        body += fmt::format("<p>{} of {} rows shown. {}</p>\n", table.rows.size(), rows->size(),
                            html_link(self + "&rows=all", "Show all rows"));
    }
    body += section_heading("changes", before ? "Changes since " + format_utc(before->observed_at)
                                              : "First snapshot");
    if (before) {
        body += fmt::format("<p>{} · {}</p>\n", esc(board_diff_summary(*changes)),
                            html_link(fmt::format("{}/diff?from={}&to={}", board_href(board.id),
                                                  url_encode(when_param_of(before->observed_at)),
                                                  url_encode(when_param_of(snap.observed_at))),
                                      "this diff on its own page"));
        body += board_diff_html(*changes, changes_listed);
    } else {
        body += "<p class=\"muted\">The board's first snapshot: every row is new.</p>\n";
    }
    body += section_heading("history", "History");
    body += all_snapshots(ctx, board, snap);
    return html_response(html_page(page));
}

} // namespace lbtrack::serve
