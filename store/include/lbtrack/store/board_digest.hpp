#pragma once
// A fingerprint of a board's content, to tell "the page changed" from "the board changed".

#include "lbtrack/core/entry.hpp"

#include <string>
#include <vector>

namespace lbtrack::store {

/// SHA-256 (lowercase hex) of what a snapshot stores of each row, in row order: printed name,
/// variant, rank, score, CI, votes, organization, license, knowledge cutoff and metrics with
/// their units. Two payloads with the same digest hold the same board: a README whose prose
/// changed around an unchanged table (SuperCLUE's table is byte-identical from 2023-12-28 to
/// 2026-02-06 across 9 versions of the page), a re-publication whose only change is its
/// "Last updated" line (modelrank, 2025-04).
std::string board_digest(const std::vector<entry>& entries);

} // namespace lbtrack::store
