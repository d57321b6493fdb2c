// Peak heap memory of parsing one payload: parse -> extract -> validate -> normalize
// (entries_of_payload), counted by replacing malloc/free in this executable so the C libraries
// (md4c, simdjson, libcsv-free reader) are counted as well as C++ new. Prints the peak bytes
// live during the call above what was live before it, and its ratio to the payload size.
//
//   build-release/bench/parse_memory [FILE SOURCE_ID CONFIG]...
//
// Without arguments: the largest real payload of ../shared/data (LBTRACK_SHARED_DATA), the
// lmarena-zh page, with tests/data/config/shared_pages.toml. The payload's own bytes (read
// before the call) are not counted; the entries the call returns are, since they are what
// parsing makes.

#include "pipeline/ingest_pipeline.hpp"

#include "lbtrack/ingest/extract.hpp"
#include "lbtrack/ingest/markdown_tables.hpp"
#include "lbtrack/ingest/normalize.hpp"
#include "lbtrack/ingest/payload_parser.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"

#include <fmt/format.h>
#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void __libc_free(void*);
void* __libc_memalign(std::size_t, std::size_t);
}

namespace {

// The counters are the one global state here: malloc has no other place to report to.
std::atomic<std::size_t> live{0};
std::atomic<std::size_t> peak{0};

void count_alloc(void* p) {
    if (p != nullptr) {
        const auto now = live.fetch_add(malloc_usable_size(p)) + malloc_usable_size(p);
        auto seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
    }
}

void count_free(void* p) {
    if (p != nullptr) {
        live.fetch_sub(malloc_usable_size(p));
    }
}

} // namespace

extern "C" {
void* malloc(std::size_t n) {
    void* p = __libc_malloc(n);
    count_alloc(p);
    return p;
}
void* calloc(std::size_t n, std::size_t size) {
    void* p = __libc_calloc(n, size);
    count_alloc(p);
    return p;
}
void* realloc(void* old, std::size_t n) {
    count_free(old);
    void* p = __libc_realloc(old, n);
    count_alloc(p != nullptr ? p : (n == 0 ? nullptr : old));
    return p;
}
void free(void* p) {
    count_free(p);
    __libc_free(p);
}
void* memalign(std::size_t alignment, std::size_t n) {
    void* p = __libc_memalign(alignment, n);
    count_alloc(p);
    return p;
}
int posix_memalign(void** out, std::size_t alignment, std::size_t n) {
    *out = __libc_memalign(alignment, n);
    count_alloc(*out);
    return *out == nullptr ? ENOMEM : 0;
}
void* aligned_alloc(std::size_t alignment, std::size_t n) {
    void* p = __libc_memalign(alignment, n);
    count_alloc(p);
    return p;
}
}

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

/// Peak heap above what was live before, while `fn` runs (its result freed inside).
template <typename Fn>
std::size_t peak_during(Fn fn) {
    const auto before = live.load();
    peak.store(before);
    fn();
    return peak.load() - before;
}

void measure(const std::string& file, const std::string& source_id, const std::string& config) {
    using namespace lbtrack;
    const auto cfg = settings::load_config(config);
    const auto registry = settings::registry_for(config, {});
    const auto& src = cfg.find(source_id);
    const auto bytes = read_file(file);
    const auto ratio = [&](std::size_t b) {
        return static_cast<double>(b) / static_cast<double>(bytes.size());
    };
    std::size_t rows = 0;
    std::vector<std::string> warnings;

    // A first parse, as in a new process: the resolver's memo of printed names starts empty
    // and what it learns counts (it stays after the call).
    ingest::model_resolver resolver{ingest::model_registry(registry)};
    const auto first = peak_during([&] {
        rows = app::entries_of_payload(src, bytes, file, time_point{}, resolver, &warnings).size();
    });
    // The same payload again: the memo knows every name (a replay's next day of the board).
    const auto again = peak_during([&] {
        (void)app::entries_of_payload(src, bytes, file, time_point{}, resolver, &warnings);
    });
    std::cout << fmt::format("{}: {} bytes, {} rows\n  peak heap while parsing: {} B = {:.2f} x "
                             "the payload (aim < 3); again with the names known: {} B = {:.2f} x\n",
                             file, bytes.size(), rows, first, ratio(first), again, ratio(again));

    // Where the first parse's peak comes from, stage by stage (each above what was live before
    // the stage), with a new resolver.
    ingest::model_resolver fresh{ingest::model_registry(registry)};
    auto start = live.load();
    const auto stage = [&](const char* name, const std::string& note) {
        const auto kept = static_cast<long long>(live.load()) - static_cast<long long>(start);
        std::cout << fmt::format("  {:<22} peak {:>8} B, keeps {:>8} B{}\n", name,
                                 peak.load() - start, kept, note);
        start = live.load();
        peak.store(start);
    };
    peak.store(start);
    if (src.format == "markdown") {
        // Not on the pipeline's path (parse_payload reads the chosen table alone): every table
        // with its Markdown cells and links, as `lbtrack extract` and the tests see them.
        const auto tables = ingest::read_markdown_tables(bytes, src.id, file);
        stage("read_markdown_tables",
              fmt::format(" ({} table(s) with links; not the pipeline's path)", tables.size()));
    }
    start = live.load();
    peak.store(start);
    auto table = ingest::parse_payload(bytes, src, file);
    stage("parse_payload", " (the cell table)");
    // As entries_of_payload does: each row of cells is freed once its entry is made.
    auto entries = ingest::extract_entries(std::move(table), src, file);
    stage("extract_entries", fmt::format(" ({} entries of {} B; negative: the cells freed)",
                                         entries.size(), sizeof(entry)));
    (void)ingest::resolve_entries(entries, fresh, std::nullopt);
    stage("resolve_entries", " (the entries' identity strings and the memo of names)");
}

} // namespace

int main(int argc, char** argv) {
    try {
        if (argc > 1) {
            for (int i = 1; i + 2 < argc; i += 3) {
                measure(argv[i], argv[i + 1], argv[i + 2]);
            }
            return 0;
        }
        const char* shared = std::getenv("LBTRACK_SHARED_DATA");
        const std::string page = std::string(shared != nullptr ? shared : "../shared/data") +
                                 "/pages/lmarena-zh-2025-06-27.md";
        if (!std::ifstream(page)) {
            std::cout << "skipped: no real page at " << page << " (set LBTRACK_SHARED_DATA)\n";
            return 0;
        }
        measure(page, "lmarena-zh", LBTRACK_SOURCE_DIR "/tests/data/config/shared_pages.toml");
    } catch (const std::exception& e) {
        std::cerr << "parse_memory: " << e.what() << '\n';
        return 1;
    }
}
