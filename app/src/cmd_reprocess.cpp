// `lbtrack reprocess [--source ID] [--all]`: re-resolves stored snapshots from their raw
// payloads after the identity rules or the registry changed, one transaction per snapshot, so a
// failure or a kill leaves every snapshot either as it was or fully re-resolved.

#include "commands.hpp"
#include "config.hpp"
#include "database.hpp"
#include "ingest_pipeline.hpp"
#include "model_registry_file.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/store/payload_store.hpp"
#include "lbtrack/store/run_lock.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <ostream>

namespace lbtrack::app {

namespace {

struct stored_snapshot {
    std::int64_t id = 0;
    time_point observed_at{};
    std::string payload_sha256;
    std::string identity_version;
};

std::vector<stored_snapshot> snapshots_of(pqxx::connection_base& conn, const std::string& source) {
    pqxx::read_transaction tx(conn);
    std::vector<stored_snapshot> out;
    for (const auto& r :
         tx.exec_params("SELECT id, (extract(epoch FROM observed_at) * 1000000)::bigint, "
                        "encode(payload_sha256, 'hex'), identity_version FROM snapshot "
                        "WHERE source_id = $1 ORDER BY observed_at",
                        source)) {
        out.push_back({r[0].as<std::int64_t>(),
                       time_point(std::chrono::microseconds(r[1].as<long long>())),
                       r[2].as<std::string>(), r[3].as<std::string>()});
    }
    return out;
}

long long model_count(pqxx::connection_base& conn) {
    pqxx::read_transaction tx(conn);
    return tx.exec1("SELECT count(*) FROM model")[0].as<long long>();
}

/// Models no entry refers to any more: the provisional ones a registry change merged into
/// another model. Registry-confirmed models without entries go too; they come back with their
/// next entry.
long long drop_orphan_models(pqxx::connection_base& conn) {
    pqxx::work tx(conn);
    const auto removed = tx.exec("DELETE FROM model m WHERE NOT EXISTS "
                                 "(SELECT 1 FROM entry e WHERE e.model_id = m.id)")
                             .affected_rows();
    tx.commit();
    return static_cast<long long>(removed);
}

} // namespace

int reprocess_command(const reprocess_options& options, environment& env) {
    const auto cfg = load_config(options.config);
    const ingest::model_resolver resolver(registry_for(options.config, options.models));
    const auto stamp = identity_stamp_of(resolver);
    std::vector<const source*> sources;
    if (options.sources.empty()) {
        for (const auto& s : cfg.sources) {
            sources.push_back(&s);
        }
    } else {
        for (const auto& id : options.sources) {
            sources.push_back(&cfg.find(id));
        }
    }

    auto db = choose_database();
    auto conn = open_database(db);
    store::run_lock lock(*conn);
    const auto models_before = model_count(*conn);
    const bool progress = isatty(STDERR_FILENO) != 0;

    std::size_t redone = 0;
    std::size_t current = 0;
    std::size_t failed = 0;
    std::size_t entries = 0;
    for (const auto* src : sources) {
        const auto snapshots = snapshots_of(*conn, src->id);
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
    const auto orphans = drop_orphan_models(*conn);
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
