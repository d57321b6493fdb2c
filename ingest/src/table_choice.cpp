#include "table_choice.hpp"

#include "unicode_fold.hpp"

#include "lbtrack/ingest/value_parse.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace lbtrack::ingest {

bool has_any_header_cell(const std::vector<std::string_view>& header,
                         const std::vector<std::string>& wanted) {
    if (wanted.empty()) {
        return true;
    }
    return std::ranges::any_of(header, [&](std::string_view cell) {
        const std::string_view c = trim_whitespace(cell);
        return std::ranges::any_of(wanted,
                                   [&](const std::string& w) { return trim_whitespace(w) == c; });
    });
}

bool label_contains(const std::vector<std::string_view>& labels,
                    const std::vector<std::string>& wanted) {
    if (std::ranges::all_of(wanted,
                            [](const std::string& w) { return trim_whitespace(w).empty(); })) {
        return true;
    }
    return std::ranges::any_of(wanted, [&](const std::string& w) {
        const std::string needle = fold_nfkc_casefold(trim_whitespace(w));
        return !needle.empty() && std::ranges::any_of(labels, [&](std::string_view label) {
            return fold_nfkc_casefold(label).find(needle) != std::string::npos;
        });
    });
}

std::string describe_choice(const std::vector<std::string>& headers,
                            const std::vector<std::string>& headings) {
    std::vector<std::string> parts;
    if (!headers.empty()) {
        std::vector<std::string> quoted;
        for (const auto& h : headers) {
            quoted.push_back(fmt::format("\"{}\"", trim_whitespace(h)));
        }
        parts.push_back(fmt::format("a header cell {}", fmt::join(quoted, " or ")));
    }
    std::vector<std::string> quoted;
    for (const auto& h : headings) {
        if (!trim_whitespace(h).empty()) {
            quoted.push_back(fmt::format("\"{}\"", trim_whitespace(h)));
        }
    }
    if (!quoted.empty()) {
        parts.push_back(
            fmt::format("a heading or caption containing {}", fmt::join(quoted, " or ")));
    }
    return parts.empty() ? "any table" : fmt::format("{}", fmt::join(parts, " and "));
}

no_board_error no_table_matching(const std::string& source_id, const std::string& origin,
                                 std::optional<std::size_t> index,
                                 const std::vector<std::string>& headers,
                                 const std::vector<std::string>& headings,
                                 const std::string& tables_described) {
    std::string what = describe_choice(headers, headings);
    if (index) {
        what = what == "any table" ? fmt::format("table #{} (0-based)", *index)
                                   : fmt::format("table #{} (0-based) with {}", *index, what);
    }
    return no_board_error(
        source_id, origin, 0, 0,
        fmt::format("the page has no table matching the choice ({}); {}", what, tables_described));
}

} // namespace lbtrack::ingest
