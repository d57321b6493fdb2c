#pragma once
// Report renderers for a run report (one board for `lbtrack diff`, every changed board for a
// run): terminal text, Markdown (for newsletters and PRs), HTML (one self-contained page with
// inline SVG charts) and JSON (schema_version 2, documented in docs/report-json.md).

#include "lbtrack/core/json_out.hpp"
#include "lbtrack/diff/report.hpp"

#include <string>
#include <string_view>

namespace lbtrack::diff {

enum class report_format { text, markdown, html, json };

/// "text", "md"/"markdown", "html", "json"; throws lbtrack::usage_error for anything else.
report_format parse_report_format(std::string_view name);

struct render_options {
    /// ANSI colours in the text report (green up, red down). The caller decides: only on a
    /// terminal, and never when NO_COLOR is set.
    bool color = false;
};

std::string render(const run_report& report, report_format format,
                   const render_options& options = {});

std::string render_text(const run_report& report, const render_options& options = {});
std::string render_markdown(const run_report& report);
std::string render_html(const run_report& report);
/// The whole report as one JSON document, for a caller that embeds it in a larger one (a page
/// of `lbtrack serve`) instead of splicing its text.
ordered_json report_json(const run_report& report);
/// report_json as text, and a newline.
std::string render_json(const run_report& report);

} // namespace lbtrack::diff
