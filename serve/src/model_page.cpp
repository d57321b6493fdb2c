// `/models/KEY`: one model across every board — its rank and score over time (inline SVG, one
// chart per measure), each board's spelling of its name, its variants, and why those spellings
// are this model (the identity rules' explanation, as `lbtrack resolve` prints it).
// `/models?q=TEXT`: finding a model.

#include "board_lookup.hpp"
#include "data_table.hpp"
#include "http_error.hpp"
#include "page_html.hpp"
#include "pages.hpp"

#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/diff/svg_chart.hpp"
#include "lbtrack/store/model_details.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace lbtrack::serve {

namespace {

// Score scales differ from board to board (Elo ~1400, percentages, error rates), so each board
// gets its own score chart; past this many boards the rest are in the tables only.
constexpr std::size_t max_score_charts = 12;
constexpr std::size_t models_listed = 200;

/// A board (and variant) the model is on: its line in the charts and its row in the tables.
struct board_line {
    std::string source_id;
    std::string variant;
    std::vector<const store::model_observation*> points; ///< oldest first
};

std::string line_label(const board_line& l) {
    return l.variant.empty() ? l.source_id : fmt::format("{} ({})", l.source_id, l.variant);
}

diff::model_series series_of(const board_line& l) {
    diff::model_series s{line_label(l), line_label(l), {}};
    for (const auto* p : l.points) {
        s.points.push_back({p->observed_at, p->rank, p->score});
    }
    return s;
}

/// Each spelling a board printed, with the first and last time it did.
struct spelling {
    std::string source_id;
    std::string printed_name;
    std::string variant;
    time_point first{};
    time_point last{};
    std::size_t times = 0;
};

std::string charts_html(const store::model_record& model, const std::vector<board_line>& lines) {
    std::vector<diff::model_series> ranks;
    for (const auto& l : lines) {
        ranks.push_back(series_of(l));
    }
    diff::chart_options rank_chart{fmt::format("{}: rank on every board", model.display_name),
                                   diff::chart_value::rank, 760, 300};
    std::string out =
        "<div class=\"charts\">\n<figure>" + diff::svg_chart(ranks, rank_chart) + "</figure>\n";
    // One score chart per board, its variants together; boards with the most points first.
    std::map<std::string, std::vector<diff::model_series>> by_board;
    for (const auto& l : lines) {
        by_board[l.source_id].push_back(series_of(l));
    }
    std::vector<std::pair<std::size_t, std::string>> order;
    for (const auto& [board, series] : by_board) {
        std::size_t points = 0;
        for (const auto& s : series) {
            points += s.points.size();
        }
        order.emplace_back(points, board);
    }
    std::ranges::sort(order, [](const auto& a, const auto& b) {
        return std::tie(b.first, a.second) < std::tie(a.first, b.second);
    });
    for (std::size_t i = 0; i < order.size() && i < max_score_charts; ++i) {
        const auto& board = order[i].second;
        diff::chart_options score_chart{fmt::format("Score on {}", board), diff::chart_value::score,
                                        370, 200};
        out += "<figure>" + diff::svg_chart(by_board[board], score_chart) + "</figure>\n";
    }
    return out + "</div>\n";
}

ordered_json facts_json(const store::model_record& m) {
    return {{"key", m.key},
            {"display_name", m.display_name},
            {"organization", m.organization},
            {"provisional", m.provisional},
            {"family", m.family},
            {"version", m.version},
            {"size", m.size},
            {"tuning", m.tuning},
            {"mode", m.mode},
            {"date_tag", m.date_tag},
            {"first_seen", format_rfc3339(m.first_seen)}};
}

std::string facts_html(const store::model_record& m) {
    std::string out = "<dl class=\"facts\">";
    const auto fact = [&](const char* name, const std::string& value) {
        if (!value.empty()) {
            out += fmt::format("<dt>{}</dt><dd>{}</dd>", name, esc(value));
        }
    };
    out += fmt::format("<dt>key</dt><dd><code>{}</code></dd>", esc(m.key));
    fact("organization", m.organization);
    fact("family", m.family);
    fact("version", m.version);
    fact("size", m.size);
    fact("tuning", m.tuning);
    fact("mode", m.mode);
    fact("date tag", m.date_tag);
    fact("first stored", format_utc(m.first_seen));
    out += fmt::format("<dt>identity</dt><dd>{}</dd>",
                       m.provisional ? "<span class=\"badge warn\">provisional</span> no registry "
                                       "entry or known family vouches for it (<code>lbtrack models "
                                       "--unreviewed</code>)"
                                     : "<span class=\"badge ok\">confirmed</span> by the registry "
                                       "or a known family");
    return out + "</dl>\n";
}

/// One row per board and variant the model is on: when, how often, where it stands.
data_table boards_table(const std::vector<board_line>& lines) {
    data_table boards{{{"board", "Board"},
                       {"variant", "Variant", false, shown_in::everywhere, true},
                       {"first_seen", "First seen"},
                       {"last_seen", "Last seen"},
                       {"snapshots", "Snapshots", true},
                       {"latest_rank", "Latest rank", true},
                       {"latest_score", "Latest score", true},
                       {"best_rank", "Best rank", true}}};
    for (const auto& l : lines) {
        const auto& last = *l.points.back();
        std::optional<long long> best;
        for (const auto* p : l.points) {
            if (p->rank && (!best || *p->rank < *best)) {
                best = *p->rank;
            }
        }
        auto last_cell = link_cell(format_rfc3339(last.observed_at),
                                   board_href(l.source_id) +
                                       "?as_of=" + url_encode(when_param_of(last.observed_at)));
        last_cell.display = format_utc(last.observed_at);
        auto first_cell = text_cell(format_rfc3339(l.points.front()->observed_at));
        first_cell.display = format_utc(l.points.front()->observed_at);
        boards.rows.push_back(
            {link_cell(l.source_id, board_href(l.source_id)), text_cell(l.variant), first_cell,
             last_cell, integer_cell(static_cast<long long>(l.points.size())),
             integer_cell(last.rank ? std::optional<long long>(*last.rank) : std::nullopt),
             number_cell(last.score), integer_cell(best)});
    }
    return boards;
}

/// Every row a board printed for the model (the CSV answer).
data_table observations_table(const std::vector<store::model_observation>& observations) {
    data_table points{{{"board", "Board"},
                       {"observed_at", "Observed"},
                       {"variant", "Variant"},
                       {"printed_name", "Printed as"},
                       {"rank", "Rank", true},
                       {"score", "Score", true},
                       {"ci_plus", "CI +", true},
                       {"ci_minus", "CI −", true},
                       {"votes", "Votes", true}}};
    for (const auto& o : observations) {
        points.rows.push_back(
            {text_cell(o.source_id), text_cell(format_rfc3339(o.observed_at)), text_cell(o.variant),
             text_cell(o.printed_name),
             integer_cell(o.rank ? std::optional<long long>(*o.rank) : std::nullopt),
             number_cell(o.score), number_cell(o.ci_plus), number_cell(o.ci_minus),
             integer_cell(o.votes)});
    }
    return points;
}

ordered_json model_json(const store::model_record& model, const std::vector<board_line>& lines,
                        const data_table& boards, const data_table& names,
                        const data_table& points) {
    std::set<std::string> variants;
    for (const auto& l : lines) {
        variants.insert(l.variant);
    }
    return {{"model", facts_json(model)},
            {"boards", table_json(boards)},
            {"spellings", table_json(names)},
            {"variants", variants},
            {"observations", table_json(points)}};
}

/// The model's observations by board line (board and variant) and by spelling.
struct grouped_observations {
    std::vector<board_line> lines;
    std::vector<spelling> spellings; ///< by board, printed name, variant
};

grouped_observations group(const std::vector<store::model_observation>& observations) {
    std::map<std::pair<std::string, std::string>, board_line> by_line;
    std::map<std::tuple<std::string, std::string, std::string>, spelling> spellings;
    for (const auto& o : observations) {
        auto& line = by_line[{o.source_id, o.variant}];
        line.source_id = o.source_id;
        line.variant = o.variant;
        line.points.push_back(&o);
        auto& s = spellings[{o.source_id, o.printed_name, o.variant}];
        if (s.times == 0) {
            s = {o.source_id, o.printed_name, o.variant, o.observed_at, o.observed_at, 0};
        }
        s.last = o.observed_at;
        ++s.times;
    }
    grouped_observations out;
    for (auto& [k, line] : by_line) {
        out.lines.push_back(std::move(line));
    }
    for (auto& [k, s] : spellings) {
        out.spellings.push_back(std::move(s));
    }
    return out;
}

/// Each board's spelling of the name, when it was printed; with `explain`, what today's rules
/// make of it. `moved_by_rules` counts the spellings that would resolve to another model.
struct spellings_view {
    data_table table;
    std::size_t moved_by_rules = 0;
};

spellings_view spellings_table(const std::vector<spelling>& spellings,
                               const identity_explainer& explain, const std::string& model_key) {
    spellings_view out{data_table{{{"board", "Board"},
                                   {"printed_name", "Printed as"},
                                   {"variant", "Variant", false, shown_in::everywhere, true},
                                   {"first_seen", "First"},
                                   {"last_seen", "Last"},
                                   {"snapshots", "Snapshots", true}}}};
    if (explain) {
        out.table.columns.push_back({"resolves_to", "Resolves today to"});
        out.table.columns.push_back({"decided_by", "Decided by"});
    }
    for (const auto& s : spellings) {
        auto first = text_cell(format_rfc3339(s.first));
        first.display = format_utc(s.first);
        auto last = text_cell(format_rfc3339(s.last));
        last.display = format_utc(s.last);
        std::vector<table_cell> row{link_cell(s.source_id, board_href(s.source_id)),
                                    text_cell(s.printed_name),
                                    text_cell(s.variant),
                                    first,
                                    last,
                                    integer_cell(static_cast<long long>(s.times))};
        if (explain) {
            const auto why = explain(s.printed_name);
            auto to = link_cell(why.key, model_href(why.key));
            if (why.key != model_key) {
                to.css_class = "error";
                to.title = "stored under another key: `lbtrack reprocess` applies today's rules";
                ++out.moved_by_rules;
            }
            row.push_back(to);
            row.push_back(text_cell(why.decided_by));
        }
        out.table.rows.push_back(std::move(row));
    }
    return out;
}

/// The variants the model has on any board, said once under the tables.
std::string variants_html(const std::vector<board_line>& lines) {
    std::set<std::string> variants;
    for (const auto& l : lines) {
        if (!l.variant.empty()) {
            variants.insert(l.variant);
        }
    }
    if (variants.empty()) {
        return {};
    }
    std::string out = section_heading("variants", "Variants") + "<p>";
    for (const auto& v : variants) {
        out += fmt::format("<code>{}</code> ", esc(v));
    }
    return out +
           "— the same model in another precision or setting, kept apart on each board.</p>\n";
}

} // namespace

http_response model_page(page_context& ctx, const request_target& target,
                         const std::string& model_key) {
    const auto format =
        choose_format(target, {page_format::html, page_format::json, page_format::csv});
    target.allow_only({});
    const auto model = store::model_by_key(ctx.tx, model_key);
    if (!model) {
        throw not_found(
            fmt::format("no model '{}' (search: /models?q=...)", printable_text(model_key)));
    }
    const auto observations = store::model_observations(ctx.tx, model->id);
    const auto grouped = group(observations);
    const auto& lines = grouped.lines;
    const auto boards = boards_table(lines);
    const bool explained = static_cast<bool>(ctx.options.explain);
    const auto names = spellings_table(grouped.spellings, ctx.options.explain, model->key);
    const auto points = observations_table(observations);

    if (format == page_format::csv) {
        return csv_response(table_csv(points));
    }
    if (format == page_format::json) {
        return json_response(model_json(*model, lines, boards, names.table, points));
    }

    page_frame page{model->display_name};
    page.subtitle = fmt::format("on {} board{}, {} observations", boards.rows.size(),
                                boards.rows.size() == 1 ? "" : "s", observations.size());
    const auto href = model_href(model->key);
    page.alternates = {{"JSON", href + ".json", "application/json"},
                       {"CSV", href + ".csv", "text/csv"},
                       {"Atom feed", href + "/feed.atom", "application/atom+xml"}};
    auto& body = page.body;
    body += facts_html(*model);
    if (!observations.empty()) {
        body += section_heading("charts", "Rank and score over time");
        body += charts_html(*model, lines);
    }
    body += section_heading("boards", "Boards");
    body += "<div class=\"scroll\">" + table_html(boards) + "</div>\n";
    body += section_heading("spellings", "Spellings and identity");
    body += "<p class=\"muted\">Each board's spelling of the name";
    body += explained ? ", and what the identity rules and registry make of it today "
                        "(<code>lbtrack resolve</code>).</p>\n"
                      : ".</p>\n";
    if (names.moved_by_rules > 0) {
        body += fmt::format("<p class=\"callout\">{} spelling{} would resolve to another model "
                            "under today's rules or registry; <code>lbtrack reprocess</code> "
                            "moves {} there.</p>\n",
                            names.moved_by_rules, names.moved_by_rules == 1 ? "" : "s",
                            names.moved_by_rules == 1 ? "it" : "them");
    }
    body += "<div class=\"scroll\">" + table_html(names.table) + "</div>\n";
    body += variants_html(lines);
    return html_response(html_page(page));
}

http_response models_page(page_context& ctx, const request_target& target) {
    const auto format =
        choose_format(target, {page_format::html, page_format::json, page_format::csv});
    target.allow_only({"q"});
    const auto q = target.param("q").value_or("");
    const auto found = store::search_models(ctx.tx, q, models_listed);
    data_table t{{{"model", "Model"},
                  {"key", "Key"},
                  {"organization", "Organization"},
                  {"provisional", "Provisional"},
                  {"first_seen", "First stored"}}};
    for (const auto& m : found) {
        t.rows.push_back({link_cell(m.display_name, model_href(m.key)), text_cell(m.key),
                          text_cell(m.organization), text_cell(m.provisional ? "yes" : "no"),
                          time_cell(m.first_seen)});
    }
    if (format == page_format::csv) {
        return csv_response(table_csv(t));
    }
    if (format == page_format::json) {
        return json_response({{"query", q}, {"models", table_json(t)}});
    }
    page_frame page{"Models"};
    page.subtitle = q.empty() ? fmt::format("The {} most recently stored", found.size())
                              : fmt::format("{} matching “{}”{}", found.size(), q,
                                            found.size() == models_listed ? " (first ones)" : "");
    const auto query = q.empty() ? std::string() : "?q=" + url_encode(q);
    page.alternates = {{"JSON", "/models.json" + query, "application/json"},
                       {"CSV", "/models.csv" + query, "text/csv"}};
    page.body += fmt::format("<form class=\"nav\" method=\"get\" action=\"/models\"><label>Name "
                             "or key <input name=\"q\" value=\"{}\" size=\"30\"></label>"
                             "<button type=\"submit\">Search</button></form>\n",
                             esc(q));
    page.body += "<div class=\"scroll\">" + table_html(t) + "</div>\n";
    return html_response(html_page(page));
}

} // namespace lbtrack::serve
