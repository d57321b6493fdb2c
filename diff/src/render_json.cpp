#include "number_format.hpp"

#include "lbtrack/core/json_text.hpp"
#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>

namespace lbtrack::diff {

namespace {

std::string opt(const std::optional<double>& v) {
    return v ? detail::number(*v) : "null";
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

} // namespace

std::string render_json(const board_diff& d, const diff_context& ctx) {
    std::string moved = "[";
    for (std::size_t i = 0; i < d.moved.size(); ++i) {
        const auto& m = d.moved[i];
        moved +=
            fmt::format("{}{{\"model_key\":{},\"name\":{},\"from\":{},\"to\":{}}}", i ? "," : "",
                        json_quote(m.model_key), json_quote(m.name), m.from, m.to);
    }
    moved += "]";
    std::string rescored = "[";
    for (std::size_t i = 0; i < d.rescored.size(); ++i) {
        const auto& s = d.rescored[i];
        rescored += fmt::format(
            "{}{{\"model_key\":{},\"name\":{},\"from\":{},\"to\":{},\"significant\":{}}}",
            i ? "," : "", json_quote(s.model_key), json_quote(s.name), detail::number(s.from),
            detail::number(s.to), s.significant);
    }
    rescored += "]";
    std::string metric_changes = "[";
    for (std::size_t i = 0; i < d.metric_changes.size(); ++i) {
        const auto& m = d.metric_changes[i];
        metric_changes += fmt::format(
            "{}{{\"model_key\":{},\"name\":{},\"metric\":{},\"from\":{},\"to\":{},\"unit\":{},"
            "\"from_unit\":{}}}",
            i ? "," : "", json_quote(m.model_key), json_quote(m.name), json_quote(m.metric),
            detail::number(m.from), detail::number(m.to), json_quote(m.unit),
            json_quote(m.from_unit));
    }
    metric_changes += "]";
    const std::string leader = d.new_leader ? fmt::format("{{\"from\":{},\"to\":{}}}",
                                                          d.new_leader->from_name.empty()
                                                              ? "null"
                                                              : json_quote(d.new_leader->from_name),
                                                          json_quote(d.new_leader->to_name))
                                            : "null";
    return fmt::format(
        "{{\"schema_version\":1,\"source\":{{\"id\":{},\"title\":{}}},\"from\":{},\"to\":{},"
        "\"from_rows\":{},\"to_rows\":{},\"new_leader\":{},\"added\":{},\"dropped\":{},"
        "\"moved\":{},\"rescored\":{},\"metric_changes\":{}}}\n",
        json_quote(ctx.source_id), json_quote(ctx.source_title),
        ctx.from ? json_quote(format_utc(*ctx.from)) : "null", json_quote(format_utc(ctx.to)),
        ctx.from_rows, ctx.to_rows, leader, entries(d.added), entries(d.dropped), moved, rescored,
        metric_changes);
}

} // namespace lbtrack::diff
