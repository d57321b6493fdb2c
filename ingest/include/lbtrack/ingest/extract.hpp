#pragma once
// Table cells -> entries, through the source's column mapping.

#include "lbtrack/core/entry.hpp"
#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/table.hpp"

#include <string>
#include <vector>

namespace lbtrack::ingest {

/// Maps every row of `t` to an entry. Throws lbtrack::schema_drift_error when a mapped column
/// is missing from the header (naming the missing and the unmapped new columns), unless the
/// source lists it in `optional_columns` (the field is then empty for this payload). A mapped
/// name "#N" is the Nth column whatever its header says.
///
/// A row that cannot be read (a cell that is not a valid value, e.g. a non-numeric score; a
/// ragged CSV row) throws lbtrack::parse_error (source, origin, line, column) under the
/// default `malformed_rows = fail`; under `skip` the row is left out and `warnings` (when given)
/// gets a line naming origin, line, column and reason, then a count ("skipped 1 of 58 rows").
///
/// Missing-value words (empty, "N/A", "-") become "no value". Model names lose their board
/// decorations (clean_board_name). Metrics keep the unit printed around their number
/// (parse_quantity: "0.7元" is 0.7 in 元); the score is a bare number or a percentage ("76.2%"
/// is 76.2). Without a score column (or with an optional one absent), `score_mean_of` computes
/// it: the mean of the listed columns that hold a value in at least half of the payload's rows;
/// a row missing one of those gets no score. A CI comes from the `ci` column, else from the
/// `ci_lower`/`ci_upper` bounds as half-widths around the score. Ranks are read as published
/// (medals 🏅/🥇 🥈 🥉 included, "-" is no rank); when the source maps no rank column (or
/// an optional one is absent) they are derived from the score, best first in the source's direction
/// (`higher_is_better`), with competition ranking 1-2-2-4. Rows named in `reference_rows` are kept
/// but never ranked, and take no place in derived ranks.
std::vector<entry> extract_entries(const table& t, const source& src, const std::string& origin,
                                   std::vector<std::string>* warnings = nullptr);
/// The same, freeing each row of `t` once its entry is made (the cells of a row are left empty;
/// after an error, the rows before it are).
std::vector<entry> extract_entries(table&& t, const source& src, const std::string& origin,
                                   std::vector<std::string>* warnings = nullptr);

} // namespace lbtrack::ingest
