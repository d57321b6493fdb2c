// libFuzzer entry point: any bytes as an HTML page, through every way lbtrack reads a page:
// read_html_tables, read_html_tables_with_headings + take_html_table, select_table, and
// parse_payload for an html source. The two readers must agree on the tables, and every table
// must keep the reader's promises (a line per row, rows padded to the header); the only
// acceptable failure is one of lbtrack's own errors. Anything else, a crash, a sanitizer report
// or an exception that is not lbtrack's, is a bug.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/html_tables.hpp"
#include "lbtrack/ingest/payload_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

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
constexpr std::size_t payload_choices[] = {0, 2, 9};

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

bool same(const table& a, const table& b) {
    return a.header == b.header && a.rows == b.rows && a.row_lines == b.row_lines;
}

/// What a read gave: the table, or the message of the error it threw.
struct outcome {
    std::optional<table> result;
    std::string error;
};

template <typename Read>
outcome attempt(Read read) {
    try {
        return {read(), ""};
    } catch (const lbtrack::error& e) {
        return {std::nullopt, e.what()};
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view page(reinterpret_cast<const char*>(data), size);
    static const auto all_choices = choices();
    std::vector<outcome> taken(all_choices.size());
    try {
        const auto plain = lbtrack::ingest::read_html_tables(page, "fuzz", "input");
        std::string last_heading;
        const auto labelled =
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
            taken[i] = attempt([&] {
                auto copy = labelled;
                return lbtrack::ingest::take_html_table(std::move(copy), c, "fuzz", "input");
            });
            if (taken[i].result) {
                check_shape(*taken[i].result);
            }
            const auto selected = attempt([&] {
                return lbtrack::ingest::select_table(
                    plain, c.index, c.headers.empty() ? std::string() : c.headers.front(), "fuzz",
                    "input");
            });
            if (selected.result) {
                check_shape(*selected.result);
            }
        }
    } catch (const lbtrack::error&) {
        return 0; // the parser itself failed, reported with context: fine
    }
    // parse_payload must read the table take_html_table chose, or fail the same way.
    for (const std::size_t i : payload_choices) {
        const auto src = source_for(all_choices[i]);
        const auto parsed =
            attempt([&] { return lbtrack::ingest::parse_payload(page, src, "input"); });
        if (parsed.result.has_value() != taken[i].result.has_value() ||
            parsed.error != taken[i].error) {
            __builtin_trap();
        }
        if (parsed.result && !same(*parsed.result, *taken[i].result)) {
            __builtin_trap();
        }
    }
    return 0;
}
