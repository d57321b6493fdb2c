// libFuzzer entry point: any bytes as a wide CSV (a row per date, a column per model) through
// parse_payload for a source with layout "wide". The board read must keep read_wide_table's
// promises (header {"model", "value"}, every row on the newest date's line, a non-empty model
// and a value); the only acceptable failure is one of lbtrack's own errors. Anything else, a
// crash, a sanitizer report or an exception that is not lbtrack's, is a bug.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/payload_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

lbtrack::source wide_source() {
    lbtrack::source src;
    src.id = "fuzz";
    src.format = "csv";
    src.layout = lbtrack::table_layout::wide;
    return src;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    static const auto src = wide_source();
    try {
        const auto board = lbtrack::ingest::parse_payload(bytes, src, "input");
        if (board.header.size() != 2 || board.header[0] != "model" || board.header[1] != "value" ||
            board.rows.size() != board.row_lines.size()) {
            __builtin_trap();
        }
        for (std::size_t i = 0; i < board.rows.size(); ++i) {
            if (board.rows[i].size() != 2 || board.rows[i][0].empty() || board.rows[i][1].empty() ||
                board.row_lines[i] != board.row_lines[0] || board.row_lines[i] == 0) {
                __builtin_trap();
            }
        }
    } catch (const lbtrack::error&) {
        // Rejected input, reported with context: fine.
    }
    return 0;
}
