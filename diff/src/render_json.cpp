#include "number_format.hpp"

#include "lbtrack/core/json_text.hpp"
#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>

namespace lbtrack::diff {

namespace {

std::string opt(const std::optional<double>& v) {
    return v ? detail::exact_number(*v) : "null";
}
std::string opt(const std::optional<int>& v) {
    return v ? std::to_string(*v) : "null";
}

std::string entries(const std::vector<entry>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& e = list[i];
        out +=
            fmt::format("{}{{\"model_key\":{},\"name\":{},\"rank\":{},\"score\":{}}}", i ? "," : "",
                        json_quote(e.model_key), json_quote(e.raw_name), opt(e.rank), opt(e.score));
    }
    return out + "]";
}

std::string moves(const std::vector<rank_move>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& m = list[i];
        out += fmt::format("{}{{\"model_key\":{},\"name\":{},\"from\":{},\"to\":{}}}", i ? "," : "",
                           json_quote(m.model_key), json_quote(m.name), m.from, m.to);
    }
    return out + "]";
}

std::string top_changes(const std::vector<top_change>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& t = list[i];
        out += fmt::format("{}{{\"model_key\":{},\"name\":{},\"from\":{},\"to\":{}}}", i ? "," : "",
                           json_quote(t.model_key), json_quote(t.name), opt(t.from), opt(t.to));
    }
    return out + "]";
}

std::string overhauls(const std::vector<value_overhaul>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& o = list[i];
        out += fmt::format("{}{{\"field\":{},\"changed\":{},\"compared\":{}}}", i ? "," : "",
                           json_quote(o.field), o.changed, o.compared);
    }
    return out + "]";
}

std::string renames(const std::vector<likely_rename>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& r = list[i];
        out += fmt::format("{}{{\"from_key\":{},\"from_name\":{},\"to_key\":{},\"to_name\":{},"
                           "\"rank\":{},\"score\":{}}}",
                           i ? "," : "", json_quote(r.from_key), json_quote(r.from_name),
                           json_quote(r.to_key), json_quote(r.to_name), opt(r.rank), opt(r.score));
    }
    return out + "]";
}

std::string omitted(const left_out& o) {
    return fmt::format(
        "{{\"added\":{},\"dropped\":{},\"moved\":{},\"within_ci\":{},\"rescored\":{},"
        "\"metric_changes\":{},\"metadata_changes\":{}}}",
        o.added, o.dropped, o.moved, o.within_ci, o.rescored, o.metric_changes, o.metadata_changes);
}

std::string standings_json(const std::vector<standing>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& s = list[i];
        out += fmt::format("{}{{\"model_key\":{},\"name\":{},\"rank\":{},\"score\":{},"
                           "\"new\":{},\"rank_before\":{},\"score_before\":{}}}",
                           i ? "," : "", json_quote(s.now.model_key), json_quote(s.now.raw_name),
                           opt(s.now.rank), opt(s.now.score), s.compared && !s.listed_before,
                           opt(s.rank_before), opt(s.score_before));
    }
    return out + "]";
}

std::string board_json(const board_report& b) {
    const auto& d = b.diff;
    const auto& ctx = b.context;
    std::string rescored = "[";
    for (std::size_t i = 0; i < d.rescored.size(); ++i) {
        const auto& s = d.rescored[i];
        rescored += fmt::format(
            "{}{{\"model_key\":{},\"name\":{},\"from\":{},\"to\":{},\"significant\":{}}}",
            i ? "," : "", json_quote(s.model_key), json_quote(s.name), detail::exact_number(s.from),
            detail::exact_number(s.to), s.significant);
    }
    rescored += "]";
    std::string metric_changes = "[";
    for (std::size_t i = 0; i < d.metric_changes.size(); ++i) {
        const auto& m = d.metric_changes[i];
        metric_changes += fmt::format(
            "{}{{\"model_key\":{},\"name\":{},\"metric\":{},\"from\":{},\"to\":{},\"unit\":{},"
            "\"from_unit\":{}}}",
            i ? "," : "", json_quote(m.model_key), json_quote(m.name), json_quote(m.metric),
            detail::exact_number(m.from), detail::exact_number(m.to), json_quote(m.unit),
            json_quote(m.from_unit));
    }
    metric_changes += "]";
    std::string metadata_changes = "[";
    for (std::size_t i = 0; i < d.metadata_changes.size(); ++i) {
        const auto& m = d.metadata_changes[i];
        metadata_changes +=
            fmt::format("{}{{\"model_key\":{},\"name\":{},\"field\":{},\"from\":{},\"to\":{}}}",
                        i ? "," : "", json_quote(m.model_key), json_quote(m.name),
                        json_quote(m.field), json_quote(m.from), json_quote(m.to));
    }
    metadata_changes += "]";
    const std::string leader = d.new_leader ? fmt::format("{{\"from\":{},\"to\":{}}}",
                                                          d.new_leader->from_name.empty()
                                                              ? "null"
                                                              : json_quote(d.new_leader->from_name),
                                                          json_quote(d.new_leader->to_name))
                                            : "null";
    return fmt::format(
        "{{\"source\":{{\"id\":{},\"title\":{}}},\"from\":{},\"to\":{},"
        "\"from_rows\":{},\"to_rows\":{},\"new_leader\":{},\"added\":{},\"dropped\":{},"
        "\"renamed\":{},"
        "\"moved\":{},\"within_ci\":{},\"shifted\":{},\"retied\":{},\"top_n\":{},\"entered_top\":{}"
        ",\"left_top\":{},"
        "\"overhauls\":{},\"rescored\":{},\"metric_changes\":{},\"metadata_changes\":{},"
        "\"omitted\":{},\"standings\":{}}}",
        json_quote(ctx.source_id), json_quote(ctx.source_title),
        ctx.from ? json_quote(format_rfc3339(*ctx.from)) : "null",
        json_quote(format_rfc3339(ctx.to)), ctx.from_rows, ctx.to_rows, leader, entries(d.added),
        entries(d.dropped), renames(d.renamed), moves(d.moved), moves(d.within_ci), d.shifted,
        d.retied, d.top_n, top_changes(d.entered_top), top_changes(d.left_top),
        overhauls(d.overhauls), rescored, metric_changes, metadata_changes, omitted(d.omitted),
        standings_json(b.standings));
}

std::string digest_json(const std::vector<digest_line>& digest) {
    std::string out = "[";
    for (std::size_t i = 0; i < digest.size(); ++i) {
        const auto& line = digest[i];
        std::string boards = "[";
        for (std::size_t j = 0; j < line.boards.size(); ++j) {
            const auto& p = line.boards[j];
            const char* change = !p.present_before  ? "added"
                                 : !p.present_after ? "dropped"
                                 : p.from != p.to   ? "moved"
                                                    : "same";
            boards +=
                fmt::format("{}{{\"source\":{},\"change\":\"{}\",\"from\":{},\"to\":{}}}",
                            j ? "," : "", json_quote(p.source_id), change, opt(p.from), opt(p.to));
        }
        out += fmt::format("{}{{\"model_key\":{},\"name\":{},\"boards\":{}]}}", i ? "," : "",
                           json_quote(line.model_key), json_quote(line.name), boards);
    }
    return out + "]";
}

} // namespace

std::string render_json(const run_report& report) {
    std::string boards = "[";
    for (std::size_t i = 0; i < report.boards.size(); ++i) {
        boards += (i ? "," : "") + board_json(report.boards[i]);
    }
    boards += "]";
    std::string failures = "[";
    for (std::size_t i = 0; i < report.failures.size(); ++i) {
        failures += (i ? "," : "") + json_quote(report.failures[i]);
    }
    failures += "]";
    std::string unchanged = "[";
    for (std::size_t i = 0; i < report.unchanged.size(); ++i) {
        const auto& b = report.unchanged[i];
        unchanged += fmt::format(
            "{}{{\"source\":{},\"last_change\":{}}}", i ? "," : "", json_quote(b.source_id),
            b.last_change ? json_quote(format_rfc3339(*b.last_change)) : "null");
    }
    unchanged += "]";
    return fmt::format("{{\"schema_version\":2,\"generated_at\":{},\"boards\":{},"
                       "\"unchanged\":{},\"digest\":{},\"failures\":{},\"digest_omitted\":{},"
                       "\"scope\":{}}}\n",
                       json_quote(format_rfc3339(report.generated_at)), boards, unchanged,
                       digest_json(report.digest), failures, report.digest_omitted,
                       json_quote(report.scope));
}

} // namespace lbtrack::diff
