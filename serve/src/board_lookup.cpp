#include "board_lookup.hpp"

#include "http_error.hpp"

#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>

namespace lbtrack::serve {

store::source_status find_board(page_context& ctx, const std::string& source_id) {
    auto found = store::source_statuses(ctx.tx, source_id);
    if (found.empty()) {
        throw not_found(fmt::format("no board '{}'", printable_text(source_id)));
    }
    return std::move(found.front());
}

store::snapshot_record find_snapshot(page_context& ctx, const store::source_status& board,
                                     const std::optional<time_point>& at) {
    auto snap = store::snapshot_at_or_before(ctx.tx, board.id, at);
    if (!snap) {
        throw not_found(at ? fmt::format("board '{}' has no snapshot at or before {}", board.id,
                                         format_utc(*at))
                           : fmt::format("board '{}' has no snapshot yet", board.id));
    }
    return std::move(*snap);
}

std::string when_param_of(time_point observed_at) {
    // Rounded up: a snapshot observed at 10:00:00.5 is in force at 10:00:01, not at 10:00:00.
    return format_rfc3339(std::chrono::ceil<std::chrono::seconds>(observed_at));
}

diff::diff_context context_of(const store::source_status& board,
                              const std::optional<store::snapshot_record>& before,
                              const store::snapshot_record& after) {
    diff::diff_context c;
    c.source_id = board.id;
    c.source_title = board.title;
    if (before) {
        c.from = before->observed_at;
        c.from_rows = before->row_count;
    }
    c.to = after.observed_at;
    c.to_rows = after.row_count;
    return c;
}

} // namespace lbtrack::serve
