#pragma once
// Pairs of a dropped and a new row that are probably one model renamed upstream by adding or
// removing a trailing parameter size (board_diff.hpp, likely_rename). Private to lbtrack_diff.

#include "lbtrack/diff/board_diff.hpp"

#include <string_view>

namespace lbtrack::diff::detail {

/// Whether `a` and `b` differ only by a trailing size token on one of them, joined by '-', '_'
/// or a space: "Bloomz-mt" / "Bloomz-mt-176B", "Mixtral 8x7B" / "Mixtral". A size is a number
/// with a unit letter (b, m, t; "8x7b"; "a22b" for active parameters), case-insensitive.
bool differ_by_trailing_size(std::string_view a, std::string_view b);

/// Moves from `d.added` and `d.dropped` into `d.renamed` each pair that differs only by a
/// trailing size, has the same rank and the same score at `score_decimals` (the coarser
/// published precision of the two snapshots), and pairs one to one (a dropped row matching two
/// new rows is left alone: the report cannot tell which). Their entries into and exits from
/// the top N go too: the model did not move.
void pair_likely_renames(board_diff& d, int score_decimals);

} // namespace lbtrack::diff::detail
