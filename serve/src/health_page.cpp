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

void time_field(json_writer& j, const char* name, const std::optional<time_point>& t) {
    j.key(name);
    t ? j.string(format_rfc3339(*t)) : j.null();
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

    json_writer j;
    j.begin_object().field("status", status).field("checked_at", format_rfc3339(ctx.now));
    j.key("reasons").begin_array();
    for (const auto& r : reasons) {
        j.string(r);
    }
    j.end_array().key("sources").begin_array();
    for (const auto& s : sources) {
        const auto h = assess(s, opts, ctx.now);
        j.begin_object()
            .field("id", s.id)
            .field("state", state_name(h.state))
            .field("watched", is_watched(opts, s.id));
        j.key("reason").string_or_null(h.reason);
        time_field(j, "last_success", s.last_success);
        j.key("last_failure");
        if (s.last_failure) {
            j.begin_object().field("at", format_rfc3339(s.last_failure->started_at));
            j.key("http_status");
            s.last_failure->http_status ? j.integer(*s.last_failure->http_status) : j.null();
            j.key("error").string_or_null(s.last_failure->error);
            j.end_object();
        } else {
            j.null();
        }
        j.key("last_fetch_status").string_or_null(s.last_fetch ? s.last_fetch->status : "");
        time_field(j, "last_change", s.latest_snapshot_at);
        j.end_object();
    }
    j.end_array().key("run_lock").begin_object().field("held", lock.has_value());
    if (lock) {
        j.field("pid", lock->pid);
        time_field(j, "since", lock->since);
    }
    j.field("stuck", lock_stuck).end_object();
    j.key("outbox")
        .begin_object()
        .field("pending", outbox.pending)
        .field("abandoned", outbox.abandoned);
    time_field(j, "oldest_pending", outbox.oldest_pending);
    j.key("oldest_pending_sink").string_or_null(outbox.oldest_pending_sink);
    j.key("last_error").string_or_null(outbox.last_error);
    time_field(j, "last_delivered", outbox.last_delivered);
    j.field("stuck", outbox_stuck).end_object();
    j.end_object();
    auto res = json_response(j.take() + "\n", failing || stale ? 503 : 200);
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

} // namespace lbtrack::serve
