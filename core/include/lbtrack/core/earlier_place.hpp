#pragma once
// Where a row of a board stood on an earlier snapshot of the same board: what `lbtrack board`
// compares each row with. The store finds it (store::load_entries_against) and diff reads it
// (diff::standings), so it lives below both.

#include <optional>

namespace lbtrack {

struct earlier_place {
    std::optional<int> rank;
    std::optional<double> score;
};

} // namespace lbtrack
