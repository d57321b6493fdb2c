#pragma once
// The rules that pick a table of a page, shared by the Markdown and the HTML readers
// (ingest-internal): by header cell, and by the text of the heading or caption before it.

#include "lbtrack/core/errors.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

/// True when `wanted` is empty or some header cell equals (both trimmed) one of its names.
bool has_any_header_cell(const std::vector<std::string_view>& header,
                         const std::vector<std::string>& wanted);

/// True when `wanted` names nothing or one of `labels` (a table's heading, its caption) contains
/// one of its texts, case-insensitively (NFKC + case fold, so "Five-shot" finds "five-shot" and
/// "ＦＩＶＥ"). Alternatives, because a board's wording moves: ceval's five-shot table sits under
/// "5-shot accuracies" in 2023-06-06 and under "#### Five-shot" from 2023-06-09.
bool label_contains(const std::vector<std::string_view>& labels,
                    const std::vector<std::string>& wanted);

/// "header cell "a" or "b", heading containing "x"": what a choice looks for, for errors.
std::string describe_choice(const std::vector<std::string>& headers,
                            const std::vector<std::string>& headings);

/// The error of a page with no table the choice accepts (index, header cells, headings), naming
/// what was looked for and, after it, `tables_described` (the page's tables).
no_board_error no_table_matching(const std::string& source_id, const std::string& origin,
                                 std::optional<std::size_t> index,
                                 const std::vector<std::string>& headers,
                                 const std::vector<std::string>& headings,
                                 const std::string& tables_described);

} // namespace lbtrack::ingest
