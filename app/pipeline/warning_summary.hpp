#pragma once
// The warnings of one payload, bounded: at most a few of each kind, then one line counting the
// rest. A board that repeats a row, or a `malformed_rows = "skip"` source with a broken column,
// warns once per row, and a 10⁶-row JSON printed 33,201 warning lines (issue 16).

#include <cstddef>
#include <string>
#include <vector>

namespace lbtrack::app {

/// How many warnings of one kind a payload shows before the rest are counted.
inline constexpr std::size_t warnings_per_kind = 5;

/// `warnings` in order, keeping the first `per_kind` of each kind, followed by one line per kind
/// that had more: "N more warning(s) like 'FIRST…' not shown (-v shows every one)". The kind of
/// a warning is its text with every number and every quoted value ('...') left out, so row
/// numbers and names do not make two warnings different.
std::vector<std::string> summarize_warnings(std::vector<std::string> warnings,
                                            std::size_t per_kind = warnings_per_kind);

} // namespace lbtrack::app
