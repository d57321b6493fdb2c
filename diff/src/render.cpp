#include "lbtrack/diff/render.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

namespace lbtrack::diff {

report_format parse_report_format(std::string_view name) {
    if (name == "text") {
        return report_format::text;
    }
    if (name == "md" || name == "markdown") {
        return report_format::markdown;
    }
    if (name == "json") {
        return report_format::json;
    }
    throw usage_error(fmt::format("unknown report format '{}' (known: text, md, json)", name));
}

std::string render(const board_diff& d, const diff_context& ctx, report_format format) {
    switch (format) {
    case report_format::text:
        return render_text(d, ctx);
    case report_format::markdown:
        return render_markdown(d, ctx);
    case report_format::json:
        return render_json(d, ctx);
    }
    return {};
}

} // namespace lbtrack::diff
