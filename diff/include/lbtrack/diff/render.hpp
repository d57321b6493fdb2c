#pragma once
// Report renderers for one board's diff: terminal text, Markdown (for newsletters and PRs) and
// JSON (schema_version 1, documented in docs/report-json.md).

#include "lbtrack/core/time.hpp"
#include "lbtrack/diff/board_diff.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lbtrack::diff {

enum class report_format { text, markdown, json };

/// "text", "md"/"markdown", "json"; throws lbtrack::usage_error for anything else.
report_format parse_report_format(std::string_view name);

/// What the diff compared: the board and the two snapshots.
struct diff_context {
    std::string source_id;
    std::string source_title;
    std::optional<time_point> from; ///< empty: the newer snapshot is the board's first
    time_point to{};
    std::size_t from_rows = 0;
    std::size_t to_rows = 0;
};

std::string render(const board_diff& d, const diff_context& ctx, report_format format);

std::string render_text(const board_diff& d, const diff_context& ctx);
std::string render_markdown(const board_diff& d, const diff_context& ctx);
std::string render_json(const board_diff& d, const diff_context& ctx);

} // namespace lbtrack::diff
