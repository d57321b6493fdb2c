#pragma once
// Pairs of a dropped and a new row that are probably one model renamed upstream: a size, date or
// version tag added or removed, or the variant relabelled (board_diff.hpp, likely_rename).
// Private to lbtrack_diff.

#include "lbtrack/diff/board_diff.hpp"

#include <string_view>

namespace lbtrack::diff::detail {

/// Whether the longer of `a` and `b` is the shorter with one tag inserted, joined by '-', '_' or
/// a space, anywhere in the name and possibly in parentheses: "Bloomz-mt" / "Bloomz-mt-176B",
/// "DeepSeek-Coder-instruct" / "DeepSeek-Coder-6.7B-instruct", "gpt-4o" / "gpt-4o-2024-05-13",
/// "Claude 3.5 Sonnet" / "Claude 3.5 Sonnet (20240620)", "Imagen-4.0-…-06-06-v2" /
/// "Imagen-4.0-…-06-06". A tag is a parameter size (a number with a unit letter b, m or t;
/// "8x7b"; "a22b" for active parameters), a date ("0613", "20240620", "2024-05-13", "11/06",
/// "May 2023") or a version ("v2"), case-insensitive; never a context length ("32k") nor a mode
/// ("high"), which name another model.
bool differ_by_one_tag(std::string_view a, std::string_view b);

/// Moves from `d.added` and `d.dropped` into `d.renamed` each pair that differs only by one tag
/// (differ_by_one_tag) or only by its variant (the same model key: "fp16" relabelled "bf16"),
/// has the same rank and the same score at `score_decimals` (the coarser published precision of
/// the two snapshots), and pairs one to one (a dropped row matching two new rows is left alone:
/// the report cannot tell which). Their entries into and exits from the top N go too: the model
/// did not move.
void pair_likely_renames(board_diff& d, int score_decimals);

} // namespace lbtrack::diff::detail
