#pragma once
// Table cells -> entries, through the source's column mapping.

#include "lbtrack/core/entry.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/table.hpp"

#include <string>
#include <vector>

namespace lbtrack::ingest {

/// Maps every row of `t` to an entry. Throws lbtrack::schema_drift_error when a mapped column
/// is missing from the header (naming the missing and the unmapped new columns), and
/// lbtrack::parse_error (source, origin, line, column) for a cell that is not a valid value,
/// e.g. a non-numeric score. Missing-value words (empty, "N/A", "-") become "no value".
/// Model names lose their board decorations (clean_board_name). Metrics keep the unit printed
/// around their number (parse_quantity: "0.7元" is 0.7 in 元); the score is a bare number or a
/// percentage ("76.2%" is 76.2). When the source maps no rank column, ranks are derived from the
/// score (1-2-2-4).
std::vector<entry> extract_entries(const table& t, const source& src, const std::string& origin);
/// The same, freeing each row of `t` once its entry is made (the cells of a row are left empty;
/// after an error, the rows before it are).
std::vector<entry> extract_entries(table&& t, const source& src, const std::string& origin);

} // namespace lbtrack::ingest
