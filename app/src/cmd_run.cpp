#include "commands.hpp"
#include "config.hpp"
#include "database.hpp"
#include "ingest_pipeline.hpp"
#include "report_output.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/mirror.hpp"
#include "lbtrack/store/run_lock.hpp"

#include <spdlog/spdlog.h>

namespace lbtrack::app {

namespace {

std::vector<const source*> selected_sources(const config& cfg,
                                            const std::vector<std::string>& ids) {
    std::vector<const source*> selected;
    if (ids.empty()) {
        for (const auto& src : cfg.sources) {
            selected.push_back(&src);
        }
    }
    for (const auto& id : ids) {
        selected.push_back(&cfg.find(id));
    }
    return selected;
}

} // namespace

int run_command(const run_options& options, environment& env) {
    const auto cfg = load_config(options.config);
    const auto sources = selected_sources(cfg, options.sources);
    std::vector<ingest::mirror_rule> mirrors;
    for (const auto& spec : options.mirrors) {
        mirrors.push_back(ingest::parse_mirror_rule(spec));
    }
    report_output report(options.report, env.out);

    auto db = choose_database();
    auto conn = open_database(db);
    store::run_lock lock(*conn);

    int failures = 0;
    for (const source* src : sources) {
        const auto started = env.now();
        const auto url = ingest::apply_mirrors(src->url, mirrors);
        ingest::fetch_result fetched;
        try {
            fetched = env.fetcher.fetch({src->id, url, src->timeout});
        } catch (const fetch_error& e) {
            spdlog::error("{}", e.what());
            record_failed_fetch(*conn, *src, started, url, e.what());
            report.add_failure(e.what());
            ++failures;
            continue;
        }
        payload_input input{
            url,         std::move(fetched.body), env.now(),    started,
            fetched.url, fetched.http_status,     fetched.etag, fetched.last_modified};
        if (input.http_status == 0) {
            input.http_status.reset(); // file:// has no status
        }
        const auto outcome = ingest_payload(*conn, *src, input);
        log_outcome(outcome);
        if (outcome.status == outcome_status::failed) {
            report.add_failure(outcome.message);
            ++failures;
        } else {
            report.add(outcome);
        }
    }
    report.finish();
    spdlog::info("run finished: {} source(s), {} failed", sources.size(), failures);
    return failures > 0 ? static_cast<int>(exit_code::source_failed) : 0;
}

} // namespace lbtrack::app
