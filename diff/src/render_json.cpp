#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/time.hpp"
#include "lbtrack/diff/render.hpp"

// Field order is the documented one (docs/report-json.md): ordered_json keeps insertion order.

namespace lbtrack::diff {

namespace {

ordered_json opt(const std::optional<int>& v) {
    return json_or_null(v);
}

/// One object per element of `list`, in its order.
template <typename T, typename Object>
ordered_json array_of(const std::vector<T>& list, Object object_of) {
    auto out = ordered_json::array();
    for (const auto& x : list) {
        out.push_back(object_of(x));
    }
    return out;
}

/// A model on one day: what added and dropped list.
ordered_json entries(const std::vector<entry>& list) {
    return array_of(list, [](const entry& e) -> ordered_json {
        return {{"model_key", e.model_key},
                {"name", e.raw_name},
                {"rank", opt(e.rank)},
                {"score", json_number(e.score)}};
    });
}

ordered_json moves(const std::vector<rank_move>& list) {
    return array_of(list, [](const rank_move& m) -> ordered_json {
        return {{"model_key", m.model_key}, {"name", m.name}, {"from", m.from}, {"to", m.to}};
    });
}

ordered_json top_changes(const std::vector<top_change>& list) {
    return array_of(list, [](const top_change& t) -> ordered_json {
        return {
            {"model_key", t.model_key}, {"name", t.name}, {"from", opt(t.from)}, {"to", opt(t.to)}};
    });
}

ordered_json overhauls(const std::vector<value_overhaul>& list) {
    return array_of(list, [](const value_overhaul& o) -> ordered_json {
        return {{"field", o.field},
                {"changed", o.changed},
                {"compared", o.compared},
                {"ranking", o.ranking}};
    });
}

/// Likely renames (a dropped and a new row that differ by one size, date or version tag or by the
/// variant, at the same rank and score): docs/reports.md, "A likely rename".
ordered_json renames(const std::vector<likely_rename>& list) {
    return array_of(list, [](const likely_rename& r) -> ordered_json {
        return {{"from_key", r.from_key}, {"from_name", r.from_name},
                {"to_key", r.to_key},     {"to_name", r.to_name},
                {"rank", opt(r.rank)},    {"score", json_number(r.score)}};
    });
}

ordered_json omitted(const left_out& o) {
    return {{"added", o.added},
            {"dropped", o.dropped},
            {"moved", o.moved},
            {"within_ci", o.within_ci},
            {"rescored", o.rescored},
            {"metric_changes", o.metric_changes},
            {"metadata_changes", o.metadata_changes}};
}

ordered_json standings_json(const std::vector<standing>& list) {
    return array_of(list, [](const standing& s) -> ordered_json {
        return {{"model_key", s.now.model_key},
                {"name", s.now.raw_name},
                {"rank", opt(s.now.rank)},
                {"score", json_number(s.now.score)},
                {"new", s.compared && !s.listed_before},
                {"rank_before", opt(s.rank_before)},
                {"score_before", json_number(s.score_before)}};
    });
}

ordered_json rescored_json(const std::vector<score_change>& list) {
    return array_of(list, [](const score_change& s) -> ordered_json {
        return {{"model_key", s.model_key},
                {"name", s.name},
                {"from", json_number(s.from)},
                {"to", json_number(s.to)},
                {"significant", s.significant}};
    });
}

ordered_json metric_changes_json(const std::vector<metric_change>& list) {
    return array_of(list, [](const metric_change& m) -> ordered_json {
        return {{"model_key", m.model_key},    {"name", m.name},          {"metric", m.metric},
                {"from", json_number(m.from)}, {"to", json_number(m.to)}, {"unit", m.unit},
                {"from_unit", m.from_unit}};
    });
}

ordered_json metadata_changes_json(const std::vector<metadata_change>& list) {
    return array_of(list, [](const metadata_change& m) -> ordered_json {
        return {{"model_key", m.model_key},
                {"name", m.name},
                {"field", m.field},
                {"from", m.from},
                {"to", m.to}};
    });
}

ordered_json leader_json(const std::optional<leader_change>& leader) {
    if (!leader) {
        return nullptr;
    }
    return {{"from", json_text_or_null(leader->from_name)}, {"to", leader->to_name}};
}

ordered_json board_json(const board_report& b) {
    const auto& d = b.diff;
    const auto& ctx = b.context;
    ordered_json out;
    out["source"] = {{"id", ctx.source_id}, {"title", ctx.source_title}};
    out["from"] = ctx.from ? ordered_json(format_rfc3339(*ctx.from)) : ordered_json(nullptr);
    out["to"] = format_rfc3339(ctx.to);
    out["from_rows"] = ctx.from_rows;
    out["to_rows"] = ctx.to_rows;
    out["new_leader"] = leader_json(d.new_leader);
    out["added"] = entries(d.added);
    out["dropped"] = entries(d.dropped);
    out["renamed"] = renames(d.renamed);
    out["moved"] = moves(d.moved);
    out["within_ci"] = moves(d.within_ci);
    out["shifted"] = d.shifted;
    out["retied"] = d.retied;
    out["top_n"] = d.top_n;
    out["entered_top"] = top_changes(d.entered_top);
    out["left_top"] = top_changes(d.left_top);
    out["overhauls"] = overhauls(d.overhauls);
    out["rescored"] = rescored_json(d.rescored);
    out["metric_changes"] = metric_changes_json(d.metric_changes);
    out["metadata_changes"] = metadata_changes_json(d.metadata_changes);
    out["omitted"] = omitted(d.omitted);
    out["standings"] = standings_json(b.standings);
    return out;
}

/// How a model's place on one board changed: "added", "dropped", "moved" or "same".
const char* change_of(const board_position& p) {
    return !p.present_before  ? "added"
           : !p.present_after ? "dropped"
           : p.from != p.to   ? "moved"
                              : "same";
}

ordered_json digest_json(const std::vector<digest_line>& digest) {
    auto out = ordered_json::array();
    for (const auto& line : digest) {
        auto boards = ordered_json::array();
        for (const auto& p : line.boards) {
            boards.push_back({{"source", p.source_id},
                              {"change", change_of(p)},
                              {"from", opt(p.from)},
                              {"to", opt(p.to)}});
        }
        out.push_back({{"model_key", line.model_key}, {"name", line.name}, {"boards", boards}});
    }
    return out;
}

} // namespace

ordered_json report_json(const run_report& report) {
    ordered_json out;
    out["schema_version"] = 2;
    out["generated_at"] = format_rfc3339(report.generated_at);
    out["boards"] = ordered_json::array();
    for (const auto& b : report.boards) {
        out["boards"].push_back(board_json(b));
    }
    out["unchanged"] = ordered_json::array();
    for (const auto& b : report.unchanged) {
        out["unchanged"].push_back(
            {{"source", b.source_id},
             {"last_change", b.last_change ? ordered_json(format_rfc3339(*b.last_change))
                                           : ordered_json(nullptr)}});
    }
    out["digest"] = digest_json(report.digest);
    out["failures"] = report.failures;
    out["digest_omitted"] = report.digest_omitted;
    out["scope"] = report.scope;
    return out;
}

std::string render_json(const run_report& report) {
    return json_dump(report_json(report)) + "\n";
}

} // namespace lbtrack::diff
