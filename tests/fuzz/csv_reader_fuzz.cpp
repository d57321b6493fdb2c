// libFuzzer entry point: any bytes through the CSV reader and the LMArena extraction. The only
// acceptable outcomes are a table or one of lbtrack's own errors; a crash, a sanitizer report or
// any other exception is a bug.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/csv_reader.hpp"
#include "lbtrack/ingest/extract.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

lbtrack::source lmarena_source() {
    lbtrack::source src;
    src.id = "fuzz";
    src.columns.model = "model";
    src.columns.rank = "rank";
    src.columns.score = "arena_score";
    src.columns.ci = "95_pct_ci";
    src.columns.votes = "votes";
    src.columns.metrics = {{"rank_stylectrl", "rank_stylectrl"}};
    return src;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    static const auto src = lmarena_source();
    try {
        const auto table = lbtrack::ingest::read_csv(bytes, "fuzz", "input");
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            if (table.rows[i].size() != table.header.size() || table.row_lines[i] == 0) {
                __builtin_trap(); // the reader promised rectangular rows with line numbers
            }
        }
        (void)lbtrack::ingest::extract_entries(table, src, "input");
    } catch (const lbtrack::error&) {
        // Rejected input, reported with context: fine.
    }
    return 0;
}
