// `lbtrack reprocess [--source ID] [--all]`: re-resolves stored snapshots from their raw
// payloads after the identity rules or the registry changed, one transaction per snapshot, so a
// failure or a kill leaves every snapshot either as it was or fully re-resolved.

#include "commands.hpp"
#include "pipeline/ingest_pipeline.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"
#include "lbtrack/store/model_queries.hpp"
#include "lbtrack/store/payload_store.hpp"
#include "lbtrack/store/run_lock.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <ostream>

namespace lbtrack::app {

namespace {

long long model_count(pqxx::connection_base& conn) {
    pqxx::read_transaction tx(conn);
    return store::model_count(tx);
}

} // namespace

int reprocess_command(const reprocess_options& options, environment& env) {
    const auto cfg = settings::load_config(options.files.config);
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    const auto stamp = identity_stamp_of(resolver);
    const auto sources = cfg.select(options.sources);

    auto conn = env.database.open();
    store::run_lock lock(*conn);
    const auto models_before = model_count(*conn);
    const bool progress = isatty(STDERR_FILENO) != 0;

    std::size_t redone = 0;
    std::size_t current = 0;
    std::size_t failed = 0;
    std::size_t entries = 0;
    for (const auto* src : sources) {
        const auto snapshots = [&] {
            pqxx::read_transaction tx(*conn);
            return store::snapshots_of_source(tx, src->id);
        }();
        std::size_t done_here = 0;
        for (const auto& snap : snapshots) {
            if (!options.all && snap.identity_version == stamp.version) {
                ++current;
                continue;
            }
            const auto origin = fmt::format("snapshot {} of {} ({})", snap.id, src->id,
                                            format_utc(snap.observed_at));
            try {
                pqxx::work tx(*conn);
                const auto bytes = store::get_payload(tx, snap.payload_sha256);
                const auto resolved =
                    entries_of_payload(*src, bytes, origin, snap.observed_at, resolver);
                store::replace_entries(tx, snap.id, resolved, stamp);
                tx.commit();
                entries += resolved.size();
                ++redone;
            } catch (const error& e) {
                // The snapshot stays as it was: its transaction never committed.
                spdlog::error("{}: not reprocessed: {}", origin, e.what());
                ++failed;
            }
            ++done_here;
            if (progress && done_here % 25 == 0) {
                std::fprintf(stderr, "\r%s: %zu/%zu snapshots", src->id.c_str(), done_here,
                             snapshots.size());
            }
        }
        if (progress && done_here >= 25) {
            std::fprintf(stderr, "\n");
        }
    }
    // Models no entry refers to any more: the provisional ones an alias merged into another.
    // Registry-confirmed models without entries go too; they come back with their next entry.
    const auto orphans = [&] {
        pqxx::work tx(*conn);
        const auto removed = store::drop_unreferenced_models(tx);
        tx.commit();
        return removed;
    }();
    const auto models_after = model_count(*conn);
    env.out << fmt::format("reprocessed {} snapshot(s), {} entries, under {}; {} already up to "
                           "date; {} failed\n",
                           redone, entries, stamp.version, current, failed);
    env.out << fmt::format("models: {} before, {} after ({} no longer referenced, removed)\n",
                           models_before, models_after, orphans);
    env.out.flush();
    return failed == 0 ? 0 : 1;
}

} // namespace lbtrack::app
