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

} // namespace lbtrack::ingest
