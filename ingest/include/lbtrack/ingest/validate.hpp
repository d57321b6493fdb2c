#pragma once
// Checks on one extracted snapshot that need nothing but the snapshot itself.

#include "lbtrack/core/entry.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/source.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

/// Removes rows that repeat an earlier row exactly (same model, variant and every value), an
/// upstream export glitch: the LMArena CSV of 2025-07 lists "Yi-34B-Chat" twice, identically.
/// Returns one message per removed row for the log. Rows of one model that differ in any value
/// are left for validate_entries to reject.
std::vector<std::string> drop_repeated_rows(std::vector<entry>& entries, const std::string& origin);

/// Rows of one model key and variant under the source's duplicate policy. Exact repeats are kept
/// once (drop_repeated_rows). Rows that differ: keep_first keeps the first, keep_best the one
/// with the better score in the board's direction (else the better rank), each with a message
/// naming both rows; refuse leaves them for validate_entries to reject. Returns the messages,
/// for the log.
std::vector<std::string> settle_repeated_rows(std::vector<entry>& entries, duplicate_policy policy,
                                              bool higher_is_better, const std::string& origin);

/// Throws lbtrack::validation_error naming the data row, the upstream column and the field when
/// a text field of an entry cannot be stored (ingest/text_limits.hpp): model name and key,
/// variant, organization, license, knowledge cutoff, metric names and units. Runs before the
/// rows are settled and again once their keys are resolved (NFKC folding can lengthen a key).
/// The value is quoted escaped and cut, so the message itself is printable and storable.
void validate_text_fields(const std::vector<entry>& entries, const source& src,
                          const std::string& origin);

/// The error validate_text_fields raises: `field` (e.g. "model name") of data row `row` (1-based),
/// read from upstream column `column`, cannot be stored because of `fault`; `value` is quoted
/// escaped and cut.
validation_error text_field_error(const source& src, const std::string& origin, std::size_t row,
                                  std::string_view column, std::string_view field,
                                  const std::string& fault, std::string_view value);

/// Throws lbtrack::validation_error when the snapshot has no rows, or when two rows resolve to
/// the same model and variant (naming both rows and their raw names).
void validate_entries(const std::vector<entry>& entries, const std::string& source_id,
                      const std::string& origin);

/// Whether a board that shrank looks like a truncated copy of the one before: more than half of
/// its rows are rows of `before` (same model and variant) with the same score. A board whose rows
/// were re-scored is a new release of the board, not a truncation.
bool looks_truncated(const std::vector<entry>& now, const std::vector<entry>& before);

/// Throws lbtrack::validation_error when `new_rows` is below `min_ratio` of `previous_rows`.
void validate_row_count(std::size_t new_rows, std::size_t previous_rows, double min_ratio,
                        const std::string& source_id, const std::string& origin);

} // namespace lbtrack::ingest
