// SQL-level latency of the reads behind `lbtrack history`, `lbtrack board --as-of` and `lbtrack
// movers --since`: the store (and pipeline) functions those commands call, in a tight loop on one
// connection, so a figure is server time plus libpq/libpqxx decoding, without process start,
// config loading or printing. bench/scale_db.sh runs it on a database at DESIGN.md's scale
// (docs/benchmarks.md); each repetition is one call, and p50/p95 are over the repetitions:
//
//   store_queries_bench --benchmark_repetitions=50
//
// Environment (all but the first have defaults):
//   LBTRACK_BENCH_DATABASE_URL  libpq connection string of the database (required; the schema
//                               is used as it is: no migration is applied)
//   LBTRACK_BENCH_CONFIG        sources file: the boards movers compares (config/sources.toml)
//   LBTRACK_BENCH_MODEL         the name history looks up ("Claude Opus 4 (20250514)")
//   LBTRACK_BENCH_SOURCE        board --as-of's board (the config's first source)
//   LBTRACK_BENCH_AS_OF         board --as-of's date, YYYY-MM-DD (latest snapshot when unset)
//   LBTRACK_BENCH_SINCE         history --since and movers --since, a WHEN ("90d")

#include "output/rank_moves.hpp"
#include "pipeline/ingest_pipeline.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"
#include "lbtrack/store/connection.hpp"
#include "lbtrack/store/model_queries.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>

namespace {

using namespace lbtrack;

std::string env_or(const char* name, std::string fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

/// What every benchmark shares, set up once.
struct fixture {
    std::unique_ptr<pqxx::connection> conn;
    settings::config cfg;
    ingest::model_resolver resolver;
    std::string model;
    std::string source;
    std::optional<time_point> as_of;
    time_point since{};

    static fixture& get() {
        static fixture f;
        return f;
    }

private:
    fixture()
        : conn(store::connect(env_or("LBTRACK_BENCH_DATABASE_URL", ""))),
          cfg(settings::load_config(env_or("LBTRACK_BENCH_CONFIG", "config/sources.toml"))),
          resolver(
              settings::registry_for(env_or("LBTRACK_BENCH_CONFIG", "config/sources.toml"), {})),
          model(env_or("LBTRACK_BENCH_MODEL", "Claude Opus 4 (20250514)")),
          source(env_or("LBTRACK_BENCH_SOURCE", cfg.sources.at(0).id)),
          since(app::parse_when(env_or("LBTRACK_BENCH_SINCE", "90d"), system_now())) {
        if (const auto day = env_or("LBTRACK_BENCH_AS_OF", ""); !day.empty()) {
            as_of = app::parse_when(day, system_now());
        }
    }
};

/// `lbtrack history MODEL [--since]`: the model by its resolved key, then its rows.
std::size_t history(fixture& f, std::optional<time_point> since) {
    pqxx::read_transaction tx(*f.conn);
    const auto found = store::find_models(tx, f.resolver.resolve(f.model).key, f.model);
    if (found.empty()) {
        throw error(fmt::format("no stored model is '{}'", f.model));
    }
    std::size_t rows = 0;
    for (const auto& m : found) {
        rows += store::model_history(tx, m.id, {}, since).size();
    }
    return rows;
}

/// `lbtrack board --source ID --as-of WHEN`: the snapshot in force, its entries in rank order.
std::size_t board(fixture& f) {
    pqxx::read_transaction tx(*f.conn);
    const auto snap = store::snapshot_at_or_before(tx, f.source, f.as_of);
    if (!snap) {
        throw error(fmt::format("source '{}' has no snapshot", f.source));
    }
    return app::entries_by_rank(tx, *snap, f.resolver).size();
}

/// `lbtrack board --source ID --as-of WHEN --top 50`: the 50 best-ranked rows only.
std::size_t board_top(fixture& f) {
    pqxx::read_transaction tx(*f.conn);
    const auto snap = store::snapshot_at_or_before(tx, f.source, f.as_of);
    if (!snap) {
        throw error(fmt::format("source '{}' has no snapshot", f.source));
    }
    return app::entries_by_rank(tx, *snap, f.resolver, 50).size();
}

/// `lbtrack movers --since WHEN --top 20`: every board's latest snapshot against the one in
/// force then, the 20 largest moves.
std::size_t movers(fixture& f) {
    pqxx::read_transaction tx(*f.conn);
    return app::largest_rank_moves(tx, f.cfg.select({}), f.since, f.resolver, 20).total;
}

template <typename Query>
void run(benchmark::State& state, Query query) {
    auto& f = fixture::get();
    std::size_t rows = 0;
    for (auto _ : state) {
        rows = query(f);
    }
    state.counters["rows"] = static_cast<double>(rows);
}

void history_all(benchmark::State& state) {
    run(state, [](fixture& f) { return history(f, std::nullopt); });
}
void history_since(benchmark::State& state) {
    run(state, [](fixture& f) { return history(f, f.since); });
}
void board_as_of(benchmark::State& state) {
    run(state, board);
}
void board_top_50(benchmark::State& state) {
    run(state, board_top);
}
void movers_since(benchmark::State& state) {
    run(state, movers);
}

double percentile(const std::vector<double>& v, double p) {
    auto sorted = v;
    std::ranges::sort(sorted);
    // Nearest rank: the smallest value with at least p of the runs at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
}

void register_all() {
    for (const auto& [name, fn] : std::vector<std::pair<const char*, void (*)(benchmark::State&)>>{
             {"history/all", history_all},
             {"history/since", history_since},
             {"board/as_of", board_as_of},
             {"board/top50", board_top_50},
             {"movers/since", movers_since}}) {
        benchmark::RegisterBenchmark(name, fn)
            ->Iterations(1)
            ->UseRealTime()
            ->Unit(benchmark::kMillisecond)
            ->ComputeStatistics("p50",
                                [](const std::vector<double>& v) { return percentile(v, 0.50); })
            ->ComputeStatistics("p95",
                                [](const std::vector<double>& v) { return percentile(v, 0.95); });
    }
}

} // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    try {
        auto& f = fixture::get();
        // Warm-up: plans cached, the pages these reads touch in shared buffers or the OS cache.
        for (int i = 0; i < 3; ++i) {
            history(f, std::nullopt);
            history(f, f.since);
            board(f);
            board_top(f);
            movers(f);
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "store_queries_bench: {}\n", e.what());
        return 1;
    }
    register_all();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
