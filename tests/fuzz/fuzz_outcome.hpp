#pragma once
// What the fuzz targets compare: a read's table, or the message of the lbtrack error it threw.
// Any other exception escapes and is the bug the fuzzer reports.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/table.hpp"

#include <optional>
#include <string>
#include <typeinfo>

namespace lbtrack::fuzz {

/// What a read gave: the table, or the message of the error it threw.
struct outcome {
    std::optional<ingest::table> result;
    std::string error;
    /// The error's own type: a check of what kind of failure it was asks this, never the
    /// message, which quotes the input.
    const std::type_info* error_type = nullptr;
};

template <typename Read>
outcome attempt(Read read) {
    try {
        return {read(), "", nullptr};
    } catch (const lbtrack::error& e) {
        return {std::nullopt, e.what(), &typeid(e)};
    }
}

/// Same header, cells and row lines.
inline bool same(const ingest::table& a, const ingest::table& b) {
    return a.header == b.header && a.rows == b.rows && a.row_lines == b.row_lines;
}

} // namespace lbtrack::fuzz
