#include "number_format.hpp"

#include "lbtrack/diff/render.hpp"

#include <fmt/format.h>

namespace lbtrack::diff {

namespace {

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += fmt::format("\\u{:04x}", c);
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

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
                        quote(e.model_key), quote(e.raw_name), opt(e.rank), opt(e.score));
    }
    return out + "]";
}

} // namespace

std::string render_json(const board_diff& d, const diff_context& ctx) {
    std::string moved = "[";
    for (std::size_t i = 0; i < d.moved.size(); ++i) {
        const auto& m = d.moved[i];
        moved += fmt::format("{}{{\"model_key\":{},\"name\":{},\"from\":{},\"to\":{}}}",
                             i ? "," : "", quote(m.model_key), quote(m.name), m.from, m.to);
    }
    moved += "]";
    std::string rescored = "[";
    for (std::size_t i = 0; i < d.rescored.size(); ++i) {
        const auto& s = d.rescored[i];
        rescored += fmt::format(
            "{}{{\"model_key\":{},\"name\":{},\"from\":{},\"to\":{},\"significant\":{}}}",
            i ? "," : "", quote(s.model_key), quote(s.name), detail::number(s.from),
            detail::number(s.to), s.significant);
    }
    rescored += "]";
    const std::string leader =
        d.new_leader
            ? fmt::format("{{\"from\":{},\"to\":{}}}",
                          d.new_leader->from_name.empty() ? "null" : quote(d.new_leader->from_name),
                          quote(d.new_leader->to_name))
            : "null";
    return fmt::format(
        "{{\"schema_version\":1,\"source\":{{\"id\":{},\"title\":{}}},\"from\":{},\"to\":{},"
        "\"from_rows\":{},\"to_rows\":{},\"new_leader\":{},\"added\":{},\"dropped\":{},"
        "\"moved\":{},\"rescored\":{}}}\n",
        quote(ctx.source_id), quote(ctx.source_title),
        ctx.from ? quote(format_utc(*ctx.from)) : "null", quote(format_utc(ctx.to)), ctx.from_rows,
        ctx.to_rows, leader, entries(d.added), entries(d.dropped), moved, rescored);
}

} // namespace lbtrack::diff
