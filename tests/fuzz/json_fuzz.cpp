// libFuzzer entry point: any bytes as a JSON payload, through read_json_rows (rows in an array or
// keyed by name in an object, at several pointers, well-formed or not, with several key columns)
// and parse_payload for a json source, which must give the same table or error. Every table must
// keep the reader's promises (rectangular rows, a line per row); the only acceptable failure is
// one of lbtrack's own errors. Anything else, a crash, a sanitizer report or an exception that is
// not lbtrack's, is a bug. The reader validates with simdjson's on-demand walk and asks DOM only
// for the message of a fault: it must refuse as invalid exactly what DOM refuses.

#include "fuzz_outcome.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/json_rows.hpp"
#include "lbtrack/ingest/payload_parser.hpp"

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace {

using lbtrack::fuzz::attempt;
using lbtrack::fuzz::outcome;

using lbtrack::ingest::json_rows_options;
using lbtrack::ingest::table;

/// The options each payload is read with: the pointers of the fixtures' boards, pointers into
/// arrays and with escapes, malformed pointers, and key columns that are empty or likely to
/// collide with a member.
std::vector<json_rows_options> options() {
    return {
        {"", "key"},           {"", "model"},      {"", ""},        {"/rows", "key"},
        {"/data/rows", "key"}, {"/full", "model"}, {"/0", "key"},   {"/results/0/rows", "name"},
        {"/a~1b/~0", "key"},   {"/", "key"},       {"rows", "key"}, {"/x~2", "key"},
    };
}

/// The reader's promises about the table it returns.
void check_shape(const table& t) {
    if (t.rows.size() != t.row_lines.size()) {
        __builtin_trap();
    }
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (t.rows[i].size() != t.header.size() || t.row_lines[i] == 0) {
            __builtin_trap();
        }
    }
}

/// The options also read through parse_payload (a few: each call parses the payload again).
constexpr std::size_t payload_options[] = {0, 3, 5};

/// Whether simdjson's DOM accepts `payload` (after a UTF-8 BOM, as the reader skips it).
bool dom_accepts(std::string_view payload) {
    if (payload.starts_with("\xEF\xBB\xBF")) {
        payload.remove_prefix(3);
    }
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(payload);
    return !parser.allocate(padded.size(), simdjson::DEFAULT_MAX_DEPTH) &&
           !parser.parse(padded).error();
}

lbtrack::source source_for(const json_rows_options& o) {
    lbtrack::source src;
    src.id = "fuzz";
    src.format = "json";
    src.rows_pointer = o.pointer;
    src.json_key_column = o.key_column;
    return src;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view payload(reinterpret_cast<const char*>(data), size);
    static const auto all = options();
    std::vector<outcome> read(all.size());
    const bool valid = dom_accepts(payload);
    for (std::size_t i = 0; i < all.size(); ++i) {
        read[i] = attempt(
            [&] { return lbtrack::ingest::read_json_rows(payload, all[i], "fuzz", "input"); });
        if (read[i].result) {
            check_shape(*read[i].result);
        }
        // By the error's type: its message quotes the payload's keys, which may say anything.
        const bool refused_as_invalid =
            read[i].error_type != nullptr &&
            *read[i].error_type == typeid(lbtrack::ingest::invalid_json_error);
        if (refused_as_invalid == valid) {
            __builtin_trap();
        }
    }
    // parse_payload reads the same rows, or fails the same way (or refuses an HTML page first).
    for (const std::size_t i : payload_options) {
        const auto src = source_for(all[i]);
        const auto parsed =
            attempt([&] { return lbtrack::ingest::parse_payload(payload, src, "input"); });
        if (!parsed.result && parsed.error.find("is an HTML page") != std::string::npos) {
            continue;
        }
        if (parsed.result.has_value() != read[i].result.has_value() ||
            parsed.error != read[i].error) {
            __builtin_trap();
        }
        if (parsed.result) {
            const auto& a = *parsed.result;
            const auto& b = *read[i].result;
            if (a.header != b.header || a.rows != b.rows || a.row_lines != b.row_lines) {
                __builtin_trap();
            }
        }
    }
    return 0;
}
