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
    if (name == "html") {
        return report_format::html;
    }
    if (name == "json") {
        return report_format::json;
    }
    throw usage_error(
        fmt::format("unknown report format '{}' (known: text, md, html, json)", name));
}

std::string render(const run_report& report, report_format format, const render_options& options) {
    switch (format) {
    case report_format::text:
        return render_text(report, options);
    case report_format::markdown:
        return render_markdown(report);
    case report_format::html:
        return render_html(report);
    case report_format::json:
        return render_json(report);
    }
    return {};
}

} // namespace lbtrack::diff
