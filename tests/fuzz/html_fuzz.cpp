// libFuzzer entry point: any bytes as an HTML page, through every way lbtrack reads a page:
// read_html_tables, read_html_tables_with_headings + take_html_table, select_table, and
// parse_payload for an html source; and estimate_html_nesting against gumbo's own tree. The two
// readers must agree on the tables, and every table must keep the reader's promises (a line per
// row, rows padded to the header); the only acceptable failure is one of lbtrack's own errors.
// Anything else, a crash, a sanitizer report or an exception that is not lbtrack's, is a bug.

#include "fuzz_outcome.hpp"
#include "gumbo_depth.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/html_nesting.hpp"
#include "lbtrack/ingest/html_tables.hpp"
#include "lbtrack/ingest/payload_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace {

using lbtrack::fuzz::attempt;
using lbtrack::fuzz::outcome;
using lbtrack::fuzz::same;

using lbtrack::ingest::html_table;
using lbtrack::ingest::html_table_choice;
using lbtrack::ingest::table;

/// The choices each page is read with: indexes in and out of range, header names of the
/// fixtures' boards (one or several spellings), heading texts, and all three rules together.
std::vector<html_table_choice> choices() {
    return {
        {},
        {0, {}, {}},
        {1, {}, {}},
        {7, {}, {}},
        {std::nullopt, {"Model"}, {}},
        {std::nullopt, {"Model", "Model Name"}, {}},
        {std::nullopt, {"模型"}, {}},
        {std::nullopt, {}, {"zero-shot"}},
        {std::nullopt, {}, {"Five-shot", "leaderboard"}},
        {1, {"Model Name"}, {"Leaderboard"}},
    };
}

/// The choices also read through parse_payload (a few: each call parses the page again).
bool through_payload(std::size_t choice) {
    return choice == 0 || choice == 2 || choice == 9;
}

lbtrack::source source_for(const html_table_choice& c) {
    lbtrack::source src;
    src.id = "fuzz";
    src.format = "html";
    src.table_index = c.index;
    src.table_header = c.headers;
    src.table_heading = c.heading;
    return src;
}

/// The reader's promises about each table it returns.
void check_shape(const table& t) {
    if (t.rows.size() != t.row_lines.size()) {
        __builtin_trap();
    }
    for (const auto& row : t.rows) {
        if (row.size() < t.header.size()) {
            __builtin_trap(); // short rows are padded to the header
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view page(reinterpret_cast<const char*>(data), size);
    static const auto all_choices = choices();
    // A page the depth estimate lets through must not nest much deeper in gumbo: gumbo's work
    // per tag grows with its depth (pages the estimate refuses never reach gumbo).
    const std::size_t estimate =
        lbtrack::ingest::estimate_html_nesting(page, std::numeric_limits<std::size_t>::max()).depth;
    if (estimate <= lbtrack::ingest::max_html_depth &&
        !lbtrack::fuzz::estimate_holds(estimate, lbtrack::fuzz::gumbo_element_depth(page))) {
        __builtin_trap();
    }
    // parse_payload must read the table take_html_table chose, or fail the same way. Each
    // outcome is checked and dropped at once: a page may lay out 1 MiB + 32 B per byte of cells,
    // and holding a table per choice would take the fuzzer past its memory limit.
    const auto check_payload = [&](std::size_t choice, const outcome& expected) {
        if (!through_payload(choice)) {
            return;
        }
        const auto src = source_for(all_choices[choice]);
        const auto parsed =
            attempt([&] { return lbtrack::ingest::parse_payload(page, src, "input"); });
        if (parsed.result.has_value() != expected.result.has_value() ||
            parsed.error != expected.error) {
            __builtin_trap();
        }
        if (parsed.result && !same(*parsed.result, *expected.result)) {
            __builtin_trap();
        }
    };
    std::vector<table> plain;
    std::vector<html_table> labelled;
    try {
        plain = lbtrack::ingest::read_html_tables(page, "fuzz", "input");
    } catch (const lbtrack::error& e) {
        // Refused, reported with context: fine, and every reader must refuse it alike.
        const outcome refused{std::nullopt, e.what(), &typeid(e)};
        for (std::size_t i = 0; i < all_choices.size(); ++i) {
            check_payload(i, refused);
        }
        return 0;
    }
    std::string last_heading;
    labelled =
        lbtrack::ingest::read_html_tables_with_headings(page, "fuzz", "input", &last_heading);
    if (plain.size() != labelled.size()) {
        __builtin_trap();
    }
    for (std::size_t i = 0; i < plain.size(); ++i) {
        check_shape(plain[i]);
        if (!same(plain[i], labelled[i].content)) {
            __builtin_trap();
        }
    }
    for (std::size_t i = 0; i < all_choices.size(); ++i) {
        const auto& c = all_choices[i];
        {
            const auto taken = attempt([&] {
                auto copy = labelled;
                return lbtrack::ingest::take_html_table(std::move(copy), c, "fuzz", "input");
            });
            if (taken.result) {
                check_shape(*taken.result);
            }
            check_payload(i, taken);
        }
        try {
            check_shape(lbtrack::ingest::select_table(
                plain, c.index, c.headers.empty() ? std::string() : c.headers.front(), "fuzz",
                "input"));
        } catch (const lbtrack::error&) {
            // No table matching the choice: fine.
        }
    }
    return 0;
}
