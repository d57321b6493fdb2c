// `/health`: one endpoint a monitor polls. 200 when every watched board fetched successfully
// lately, no board's latest fetch failed, no notification is stuck in the outbox and no run
// holds the run lock for too long; 503 otherwise, with the reasons. Always JSON.

#include "data_table.hpp"
#include "page_html.hpp"
#include "pages.hpp"
#include "source_health.hpp"

#include "lbtrack/store/board_overview.hpp"
#include "lbtrack/store/outbox_status.hpp"
#include "lbtrack/store/run_lock.hpp"

#include <fmt/format.h>

namespace lbtrack::serve {

namespace {

ordered_json time_json(const std::optional<time_point>& t) {
    return t ? ordered_json(format_rfc3339(*t)) : ordered_json(nullptr);
}

ordered_json failure_json(const std::optional<store::fetch_summary>& failure) {
    if (!failure) {
        return nullptr;
    }
    return {{"at", format_rfc3339(failure->started_at)},
            {"http_status", json_or_null(failure->http_status)},
            {"error", json_text_or_null(failure->error)}};
}

} // namespace

http_response health_page(page_context& ctx, const request_target& target) {
    target.allow_only({});
    choose_format(target, {page_format::json}); // JSON whatever the Accept header says

    const auto& opts = ctx.options.health;
    const auto sources = store::source_statuses(ctx.tx);
    const auto lock = store::current_run_lock_holder(ctx.tx);
    const auto outbox = store::notification_backlog(ctx.tx);

    std::vector<std::string> reasons;
    bool failing = false;
    bool stale = false;
    for (const auto& s : sources) {
        // A board no run fetches (archived, replayed only) cannot make the service unhealthy.
        if (!is_watched(opts, s.id)) {
            continue;
        }
        const auto h = assess(s, opts, ctx.now);
        if (h.state == source_state::failing) {
            failing = true;
            reasons.push_back(s.id + ": " + h.reason);
        } else if (h.state == source_state::stale) {
            stale = true;
            reasons.push_back(s.id + ": " + h.reason);
        }
    }
    const bool lock_stuck = lock && lock->since && ctx.now - *lock->since > opts.run_lock_after;
    if (lock_stuck) {
        failing = true;
        reasons.push_back(fmt::format("a run has held the run lock since {} (backend pid {})",
                                      format_utc(*lock->since), lock->pid));
    }
    const bool outbox_stuck =
        outbox.oldest_pending && ctx.now - *outbox.oldest_pending > opts.outbox_after;
    if (outbox_stuck) {
        failing = true;
        reasons.push_back(fmt::format("{} notification{} undelivered, the oldest for sink '{}' "
                                      "since {}{}",
                                      outbox.pending, outbox.pending == 1 ? "" : "s",
                                      outbox.oldest_pending_sink,
                                      format_utc(*outbox.oldest_pending),
                                      outbox.last_error.empty() ? "" : ": " + outbox.last_error));
    }
    const char* status = failing ? "failing" : stale ? "stale" : "ok";

    auto sources_json = ordered_json::array();
    for (const auto& s : sources) {
        const auto h = assess(s, opts, ctx.now);
        sources_json.push_back({{"id", s.id},
                                {"state", state_name(h.state)},
                                {"watched", is_watched(opts, s.id)},
                                {"reason", json_text_or_null(h.reason)},
                                {"last_success", time_json(s.last_success)},
                                {"last_failure", failure_json(s.last_failure)},
                                {"last_fetch_status",
                                 s.last_fetch ? ordered_json(store::to_string(s.last_fetch->status))
                                              : ordered_json(nullptr)},
                                {"last_change", time_json(s.latest_snapshot_at)}});
    }
    ordered_json run_lock = {{"held", lock.has_value()}};
    if (lock) {
        run_lock["pid"] = lock->pid;
        run_lock["since"] = time_json(lock->since);
    }
    run_lock["stuck"] = lock_stuck;
    ordered_json doc = {{"status", status},
                        {"checked_at", format_rfc3339(ctx.now)},
                        {"reasons", reasons},
                        {"sources", sources_json},
                        {"run_lock", run_lock},
                        {"outbox",
                         {{"pending", outbox.pending},
                          {"abandoned", outbox.abandoned},
                          {"oldest_pending", time_json(outbox.oldest_pending)},
                          {"oldest_pending_sink", json_text_or_null(outbox.oldest_pending_sink)},
                          {"last_error", json_text_or_null(outbox.last_error)},
                          {"last_delivered", time_json(outbox.last_delivered)},
                          {"stuck", outbox_stuck}}}};
    auto res = json_response(doc, failing || stale ? 503 : 200);
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

} // namespace lbtrack::serve
