#pragma once
// What the fuzz targets compare: a read's table, or the message of the lbtrack error it threw.
// Any other exception escapes and is the bug the fuzzer reports.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/table.hpp"

#include <optional>
#include <string>

namespace lbtrack::fuzz {

/// What a read gave: the table, or the message of the error it threw.
struct outcome {
    std::optional<ingest::table> result;
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

/// Same header, cells and row lines.
inline bool same(const ingest::table& a, const ingest::table& b) {
    return a.header == b.header && a.rows == b.rows && a.row_lines == b.row_lines;
}

} // namespace lbtrack::fuzz
