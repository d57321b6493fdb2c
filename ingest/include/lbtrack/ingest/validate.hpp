#pragma once
// Checks on one extracted snapshot that need nothing but the snapshot itself.

#include "lbtrack/core/entry.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace lbtrack::ingest {

/// Removes rows that repeat an earlier row exactly (same model, variant and every value), an
/// upstream export glitch: the LMArena CSV of 2025-07 lists "Yi-34B-Chat" twice, identically.
/// Returns one message per removed row for the log. Rows of one model that differ in any value
/// are left for validate_entries to reject.
std::vector<std::string> drop_repeated_rows(std::vector<entry>& entries, const std::string& origin);

/// Throws lbtrack::validation_error when the snapshot has no rows, or when two rows resolve to
/// the same model and variant (naming both rows and their raw names).
void validate_entries(const std::vector<entry>& entries, const std::string& source_id,
                      const std::string& origin);

/// Throws lbtrack::validation_error when `new_rows` is below `min_ratio` of `previous_rows`.
void validate_row_count(std::size_t new_rows, std::size_t previous_rows, double min_ratio,
                        const std::string& source_id, const std::string& origin);

} // namespace lbtrack::ingest
