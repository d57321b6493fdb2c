#pragma once
// Rows and moves for the diff and renderer tests. The structs grow fields as the diff learns
// more, so the tests fill them by name.

#include "lbtrack/diff/board_diff.hpp"

#include <optional>
#include <string>

namespace lbtrack::test {

/// A row whose printed name is its model key.
inline entry row(const std::string& name, std::optional<int> rank, std::optional<double> score) {
    entry e;
    e.raw_name = name;
    e.model_key = name;
    e.rank = rank;
    e.score = score;
    return e;
}

inline diff::rank_move move(const std::string& name, int from, int to) {
    diff::rank_move m;
    m.model_key = name;
    m.name = name;
    m.from = from;
    m.to = to;
    return m;
}

inline diff::score_change rescore(const std::string& name, double from, double to, bool significant,
                                  std::optional<int> rank = std::nullopt) {
    diff::score_change s;
    s.model_key = name;
    s.name = name;
    s.from = from;
    s.to = to;
    s.significant = significant;
    s.rank = rank;
    return s;
}

} // namespace lbtrack::test
