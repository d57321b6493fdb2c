// Micro-benchmarks of the per-payload CPU work: CSV parse, extraction and model keys, on a
// generated board in the LMArena export's shape. Prints rows/s; run with
// build/bench/parse_extract_bench.

#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/csv_reader.hpp"
#include "lbtrack/ingest/extract.hpp"
#include "lbtrack/ingest/model_key.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

namespace {

std::string board(int rows) {
    std::string csv = "rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,"
                      "knowledge_cutoff,url\n";
    for (int i = 0; i < rows; ++i) {
        csv += fmt::format("{},{},\"Vendor/Model-{}-{}B-Instruct (2025-0{}-1{})\",{},+{}/-{},{},"
                           "Org {},Apache 2.0,2024/{},https://example.org/models/{}\n",
                           i + 1, i / 2 + 1, i, i % 70 + 1, i % 9 + 1, i % 10, 1500 - i / 3,
                           i % 9 + 2, i % 9 + 2, 1000 + i * 7, i % 40, i % 12 + 1, i);
    }
    return csv;
}

lbtrack::source lmarena_source() {
    lbtrack::source src;
    src.id = "bench";
    src.columns.model = "model";
    src.columns.rank = "rank";
    src.columns.score = "arena_score";
    src.columns.ci = "95_pct_ci";
    src.columns.votes = "votes";
    src.columns.organization = "organization";
    src.columns.license = "license";
    src.columns.knowledge_cutoff = "knowledge_cutoff";
    src.columns.metrics = {{"rank_stylectrl", "rank_stylectrl"}};
    return src;
}

void parse_csv(benchmark::State& state) {
    const auto csv = board(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        benchmark::DoNotOptimize(lbtrack::ingest::read_csv(csv, "bench", "generated"));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}

void parse_and_extract(benchmark::State& state) {
    const auto csv = board(static_cast<int>(state.range(0)));
    const auto src = lmarena_source();
    for (auto _ : state) {
        const auto table = lbtrack::ingest::read_csv(csv, "bench", "generated");
        benchmark::DoNotOptimize(lbtrack::ingest::extract_entries(table, src, "generated"));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void model_keys(benchmark::State& state) {
    const std::string name = "Qwen/Qwen2.5-72B-Instruct (2025-03-26)";
    for (auto _ : state) {
        benchmark::DoNotOptimize(lbtrack::ingest::model_key(name));
    }
    state.SetItemsProcessed(state.iterations());
}

} // namespace

// 250 rows is today's LMArena text board; 10k is DESIGN's upper bound for one board.
BENCHMARK(parse_csv)->Arg(250)->Arg(10000);
BENCHMARK(parse_and_extract)->Arg(250)->Arg(10000);
BENCHMARK(model_keys);
BENCHMARK_MAIN();
