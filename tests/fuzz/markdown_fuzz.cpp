// libFuzzer entry point: any bytes as a Markdown page, read both ways parse_payload could:
// read_markdown_table (the chosen table only, row by row, parsing stopped after it) and
// read_markdown_tables + select_markdown_table + to_table. For every choice below the two must
// give the same table (header, cells, row lines) or the same error message; anything else, a
// crash, a sanitizer report or an exception that is not lbtrack's, is a bug.

#include "fuzz_outcome.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/markdown_tables.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using lbtrack::fuzz::attempt;
using lbtrack::fuzz::outcome;

using lbtrack::ingest::markdown_table_choice;
using lbtrack::ingest::table;

/// The choices each input is read with: headers of the fixtures' boards, indexes in and out of
/// range, link readings of name columns.
std::vector<markdown_table_choice> choices() {
    return {
        {},
        {0, {}, {}, {}, {}},
        {1, {}, {}, {}, {}},
        {3, {}, {}, {}, {}},
        {std::nullopt, {"模型名"}, {"模型名"}, {}, {}},
        {std::nullopt, {"大模型"}, {}, {"大模型"}, {}},
        {std::nullopt, {"b"}, {"a", "b"}, {"b"}, {}},
        {0, {"Model"}, {"Model"}, {}, {}},
        {1, {"模型"}, {}, {"模型"}, {}},
        {std::nullopt, {"score", "Model"}, {}, {}, {"leaderboard"}},
    };
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view page(reinterpret_cast<const char*>(data), size);
    static const auto all = choices();
    for (const auto& c : all) {
        const auto streamed =
            attempt([&] { return lbtrack::ingest::read_markdown_table(page, c, "fuzz", "input"); });
        const auto whole = attempt([&] {
            const auto tables = lbtrack::ingest::read_markdown_tables(page, "fuzz", "input");
            return lbtrack::ingest::to_table(
                lbtrack::ingest::select_markdown_table(tables, c, "fuzz", "input"),
                c.link_text_columns, c.text_without_link_columns);
        });
        if (streamed.result.has_value() != whole.result.has_value() ||
            streamed.error != whole.error) {
            __builtin_trap();
        }
        if (streamed.result) {
            const auto& a = *streamed.result;
            const auto& b = *whole.result;
            if (a.header != b.header || a.rows != b.rows || a.row_lines != b.row_lines) {
                __builtin_trap();
            }
        }
    }
    return 0;
}
