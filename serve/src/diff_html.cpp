#include "diff_html.hpp"

#include "page_html.hpp"

#include "lbtrack/diff/number_text.hpp"
#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>

namespace lbtrack::serve {

namespace {

std::string rank_text(const std::optional<int>& r) {
    return r ? std::to_string(*r) : "–";
}

std::string score_text(const std::optional<double>& v) {
    return v ? diff::number_text(*v) : "–";
}

std::string model_link(const std::string& key, const std::string& name) {
    return html_link(model_href(key), name);
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// "<h3>title</h3><ul>...</ul>" for up to `limit` items, with a line for the rest.
template <typename T, typename Item>
std::string list_section(const std::string& title, const std::vector<T>& items, std::size_t limit,
                         Item item) {
    if (items.empty()) {
        return {};
    }
    std::string out = fmt::format("<h3>{} ({})</h3>\n<ul>\n", esc(title), items.size());
    for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
        out += "<li>" + item(items[i]) + "</li>\n";
    }
    if (items.size() > limit) {
        out += fmt::format("<li class=\"muted\">and {} more (all of them in the JSON and CSV "
                           "forms)</li>\n",
                           items.size() - limit);
    }
    return out + "</ul>\n";
}

std::string move_html(const diff::rank_move& m) {
    return fmt::format("{} <span class=\"{}\">{}</span> {} → {}", model_link(m.model_key, m.name),
                       m.to < m.from ? "up" : "down", esc(diff::rank_delta_text(m.from, m.to)),
                       m.from, m.to);
}

std::string entry_html(const entry& e) {
    return fmt::format(
        "{}{} at rank {}, score {}", model_link(e.model_key, e.raw_name),
        e.variant.empty() ? "" : fmt::format(" <span class=\"muted\">({})</span>", esc(e.variant)),
        rank_text(e.rank), esc(score_text(e.score)));
}

} // namespace

std::string board_diff_summary(const diff::board_diff& d) {
    std::vector<std::string> parts;
    if (d.new_leader) {
        parts.push_back(d.new_leader->from_name.empty()
                            ? fmt::format("leader: {}", d.new_leader->to_name)
                            : fmt::format("new leader: {} (was {})", d.new_leader->to_name,
                                          d.new_leader->from_name));
    }
    if (!d.added.empty()) {
        parts.push_back(fmt::format("{} new", d.added.size()));
    }
    if (!d.dropped.empty()) {
        parts.push_back(fmt::format("{} dropped", d.dropped.size()));
    }
    if (!d.moved.empty()) {
        parts.push_back(fmt::format("{} moved", d.moved.size()));
    }
    if (!d.rescored.empty()) {
        parts.push_back(plural(d.rescored.size(), "score changed", "scores changed"));
    }
    for (const auto& o : d.overhauls) {
        parts.push_back(fmt::format("{} of {} values of {} {}", o.changed, o.compared, o.field,
                                    o.ranking ? "reordered" : "changed at once"));
    }
    if (parts.empty()) {
        return "no changes";
    }
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : ", ") + p;
    }
    return out;
}

std::string board_diff_html(const diff::board_diff& d, std::size_t list_limit) {
    if (d.empty()) {
        return "<p class=\"muted\">No changes.</p>\n";
    }
    std::string out;
    if (d.new_leader) {
        out += fmt::format("<p><strong>New leader:</strong> {}{}</p>\n",
                           model_link(d.new_leader->to_key, d.new_leader->to_name),
                           d.new_leader->from_name.empty()
                               ? ""
                               : fmt::format(" (was {})", esc(d.new_leader->from_name)));
    }
    for (const auto& o : d.overhauls) {
        out += fmt::format("<p class=\"callout\">{}.</p>\n",
                           diff::overhaul_text(o, fmt::format("<code>{}</code>", esc(o.field))));
    }
    out += list_section("New", d.added, list_limit, entry_html);
    out += list_section("Dropped", d.dropped, list_limit, entry_html);
    out += list_section("Moved", d.moved, list_limit, move_html);
    out += list_section("Entered the top " + std::to_string(d.top_n), d.entered_top, list_limit,
                        [](const diff::top_change& c) {
                            return fmt::format("{} at {}{}", model_link(c.model_key, c.name),
                                               rank_text(c.to),
                                               c.from ? " (was " + rank_text(c.from) + ")" : "");
                        });
    out += list_section("Left the top " + std::to_string(d.top_n), d.left_top, list_limit,
                        [](const diff::top_change& c) {
                            return fmt::format("{} {}", model_link(c.model_key, c.name),
                                               c.to ? "now " + rank_text(c.to)
                                                    : std::string("dropped"));
                        });
    out += list_section("Score changes", d.rescored, list_limit, [](const diff::score_change& c) {
        return fmt::format("{} {} → {} ({}){}", model_link(c.model_key, c.name),
                           esc(diff::number_text(c.from)), esc(diff::number_text(c.to)),
                           esc(diff::signed_difference_text(c.from, c.to)),
                           c.significant ? " <span class=\"badge warn\">beyond CI</span>" : "");
    });
    out += list_section(
        "Other values", d.metric_changes, list_limit, [](const diff::metric_change& c) {
            return fmt::format("{}: {} {}{} → {}{}", model_link(c.model_key, c.name), esc(c.metric),
                               esc(diff::number_text(c.from)), esc(c.from_unit),
                               esc(diff::number_text(c.to)), esc(c.unit));
        });
    out +=
        list_section("Details", d.metadata_changes, list_limit, [](const diff::metadata_change& c) {
            return fmt::format("{}: {} “{}” → “{}”", model_link(c.model_key, c.name), esc(c.field),
                               esc(c.from), esc(c.to));
        });
    std::vector<std::string> counted;
    if (!d.within_ci.empty()) {
        counted.push_back(fmt::format("{} rank changes within the board's confidence intervals",
                                      d.within_ci.size()));
    }
    if (d.shifted > 0) {
        counted.push_back(fmt::format("{} caused only by models arriving or leaving",
                                      plural(d.shifted, "rank change", "rank changes")));
    }
    if (d.retied > 0) {
        counted.push_back(fmt::format("{} from ties made or broken",
                                      plural(d.retied, "rank change", "rank changes")));
    }
    for (const auto& c : counted) {
        out += fmt::format("<p class=\"muted\">{}, not listed.</p>\n", esc(c));
    }
    return out;
}

data_table board_diff_table(const diff::board_diff& d) {
    data_table t{{{"kind", "Kind"},
                  {"model", "Model"},
                  {"model_key", "Key"},
                  {"detail", "Detail"},
                  {"from", "From"},
                  {"to", "To"}}};
    const auto row = [&](const char* kind, const std::string& name, const std::string& key,
                         std::string detail, std::string from, std::string to) {
        t.rows.push_back({text_cell(kind), text_cell(name), text_cell(key),
                          text_cell(std::move(detail)), text_cell(std::move(from)),
                          text_cell(std::move(to))});
    };
    const auto rank = [](const std::optional<int>& r) {
        return r ? std::to_string(*r) : std::string();
    };
    if (d.new_leader) {
        row("new_leader", d.new_leader->to_name, d.new_leader->to_key, "", d.new_leader->from_name,
            d.new_leader->to_name);
    }
    for (const auto& e : d.added) {
        row("added", e.raw_name, e.model_key, e.variant, "", rank(e.rank));
    }
    for (const auto& e : d.dropped) {
        row("dropped", e.raw_name, e.model_key, e.variant, rank(e.rank), "");
    }
    for (const auto& m : d.moved) {
        row("moved", m.name, m.model_key, "rank", std::to_string(m.from), std::to_string(m.to));
    }
    for (const auto& m : d.within_ci) {
        row("within_ci", m.name, m.model_key, "rank", std::to_string(m.from), std::to_string(m.to));
    }
    for (const auto& c : d.entered_top) {
        row("entered_top", c.name, c.model_key, fmt::format("top {}", d.top_n), rank(c.from),
            rank(c.to));
    }
    for (const auto& c : d.left_top) {
        row("left_top", c.name, c.model_key, fmt::format("top {}", d.top_n), rank(c.from),
            rank(c.to));
    }
    for (const auto& c : d.rescored) {
        row("rescored", c.name, c.model_key, c.significant ? "score, beyond CI" : "score",
            diff::number_text(c.from), diff::number_text(c.to));
    }
    for (const auto& c : d.metric_changes) {
        row("metric", c.name, c.model_key, c.metric, diff::number_text(c.from) + c.from_unit,
            diff::number_text(c.to) + c.unit);
    }
    for (const auto& c : d.metadata_changes) {
        row("metadata", c.name, c.model_key, c.field, c.from, c.to);
    }
    return t;
}

ordered_json board_diff_json(const diff::board_diff& d, const diff::diff_context& context) {
    diff::run_report report;
    report.generated_at = context.to;
    report.boards.push_back({context, d, {}});
    return diff::report_json(report);
}

} // namespace lbtrack::serve
