#include "commands.hpp"
#include "output/report_output.hpp"
#include "output/report_series.hpp"
#include "pipeline/awaiting_digest.hpp"
#include "pipeline/ingest_pipeline.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/mirror.hpp"
#include "lbtrack/ingest/multi_fetcher.hpp"
#include "lbtrack/notify/notify_delivery.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"
#include "lbtrack/store/fetch_history.hpp"
#include "lbtrack/store/run_lock.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace lbtrack::app {

namespace {

/// One request per source, conditional on the validators of its last successful fetch.
std::vector<ingest::multi_request> requests_for(pqxx::connection_base& conn,
                                                const std::vector<const source*>& sources,
                                                const std::vector<ingest::mirror_rule>& mirrors,
                                                const settings::fetch_settings& settings) {
    pqxx::read_transaction tx(conn);
    std::vector<ingest::multi_request> requests;
    for (const source* src : sources) {
        ingest::multi_request r;
        r.request = {src->id, ingest::apply_mirrors(src->url, mirrors), src->timeout,
                     settings.max_bytes};
        const auto last = store::last_validators(tx, src->id, r.request.url);
        r.conditional = {last.etag, last.last_modified};
        requests.push_back(std::move(r));
    }
    return requests;
}

/// Queues this run's digest for every sink and delivers everything pending. False when some
/// message could not be delivered.
bool notify(pqxx::connection_base& conn, const settings::config& cfg,
            const diff::run_report& report, const std::vector<std::int64_t>& carried,
            time_point now) {
    if (cfg.notify.empty()) {
        spdlog::info("--notify: {} has no [[notify]] table, nothing to send", cfg.file.string());
        return true;
    }
    const int queued = notify::queue_notifications(
        conn, cfg.notify, report, std::filesystem::absolute(cfg.file).parent_path(), now, carried);
    const auto sent = notify::deliver_pending(conn, cfg.notify, now);
    spdlog::info("notify: {} queued, {} delivered, {} kept for the next run, {} given up", queued,
                 sent.delivered, sent.failed, sent.abandoned);
    return sent.failed == 0 && sent.abandoned == 0;
}

} // namespace

int run_command(const run_options& options, environment& env) {
    const auto cfg = settings::load_config(options.files.config);
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    const auto sources = cfg.to_fetch(options.sources);
    std::vector<ingest::mirror_rule> mirrors;
    for (const auto& spec : options.mirrors) {
        mirrors.push_back(ingest::parse_mirror_rule(spec));
    }
    report_output report(options.report, env.out, {use_color(env.out_is_terminal)},
                         report_timing::at_finish, options.digest);
    const auto top_section = diff::section_options(options.digest);

    auto conn = env.database.open();
    store::run_lock lock(*conn);

    // Every source is fetched at once (the CLI's curl_fetcher: one thread, curl multi); the
    // payloads are then stored one transaction each, so a slow board costs the run its own time
    // only, not the sum.
    const auto started = env.now();
    const auto requests = requests_for(*conn, sources, mirrors, cfg.fetch);
    auto outcomes = env.fetcher.fetch_all(requests, cfg.fetch.retry);

    // With sinks to notify, each stored snapshot is marked as awaiting the digest in its own
    // transaction, and the marks are cleared with the queued messages (awaiting_digest.hpp).
    const bool notifying = options.notify && !cfg.notify.empty();
    std::vector<std::int64_t> stored_now;
    int failures = 0;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const source& src = *sources[i];
        const auto& url = requests[i].request.url;
        auto& fetched = outcomes[i];
        if (fetched.error) {
            // Already "source 'ID': fetch of URL failed: why" (multi_fetcher words it).
            const std::string message = fetched.error->what();
            spdlog::error("{}", message);
            record_failed_fetch(*conn, src, started, url, message);
            report.add_failure(message);
            ++failures;
            continue;
        }
        if (fetched.not_modified) {
            const auto outcome =
                record_not_modified(*conn, src, started, url, requests[i].conditional.etag,
                                    requests[i].conditional.last_modified);
            log_outcome(outcome);
            report.add(ingest_outcome(outcome));
            continue;
        }
        // The body moves into the pipeline: the outcome is not read again.
        payload_input input{url, std::move(*fetched.result), env.now(), started};
        input.await_digest = notifying;
        auto outcome = ingest_payload(*conn, src, input, resolver, top_section);
        log_outcome(outcome);
        if (outcome.status == outcome_status::failed) {
            report.add_failure(outcome.message);
            ++failures;
        } else {
            if (outcome.status == outcome_status::stored) {
                stored_now.push_back(outcome.snapshot_id);
            }
            report.add(std::move(outcome));
        }
    }
    std::vector<std::int64_t> carried;
    if (notifying) {
        // Changes an earlier run stored and was killed before notifying are carried by this one.
        pqxx::read_transaction tx(*conn);
        auto awaiting = read_awaiting_digest(tx, cfg, stored_now, resolver, top_section);
        for (auto& board : awaiting.earlier) {
            spdlog::info("{}: carrying the change to the snapshot of {}, stored by an earlier run "
                         "that did not notify it",
                         board.context.source_id, format_utc(board.context.to));
            report.add_earlier(std::move(board), top_section);
        }
        carried = std::move(awaiting.snapshot_ids);
    }
    auto summary = report.build(env.now());
    {
        pqxx::read_transaction tx(*conn);
        add_chart_series(tx, summary);
        add_last_changes(tx, summary);
    }
    report.finish(summary);
    spdlog::info("run finished: {} source(s), {} failed", sources.size(), failures);
    if (!sources.empty() &&
        std::ranges::all_of(outcomes, [](const auto& o) { return o.error && o.no_answer; })) {
        // Said once, not per source: a newcomer on an offline machine should see the way on.
        spdlog::warn("no source answered (no name resolved or no connection): this machine "
                     "looks offline. To see lbtrack work without a network, replay the history "
                     "shipped in the repo: bash deploy/quickstart.sh --demo");
    }
    if (failures > 0) {
        // Failed sources are part of the digest (a sink's `failures` rule), so notify first.
        if (options.notify) {
            notify(*conn, cfg, summary, carried, env.now());
        }
        return static_cast<int>(exit_code::source_failed);
    }
    if (options.notify && !notify(*conn, cfg, summary, carried, env.now())) {
        return static_cast<int>(exit_code::notification_failed);
    }
    return 0;
}

} // namespace lbtrack::app
