#pragma once
// The precision a board published a value at, inferred from the stored double, and comparison
// at that precision: openllm-v2 printed 2 decimals until 2024-12-10 and full precision from
// 12-11, and 2,195 of its 2,196 scores "changed" by less than 0.01 that day.

#include "lbtrack/core/entry.hpp"

#include <map>
#include <string>
#include <vector>

namespace lbtrack::diff {

/// More decimals than this are float noise, not a published precision: full-precision exports
/// (openllm-v2 from 2024-12-11: 8.8056563672085) and computed means (LiveBench's mean of 20-odd
/// task scores of 3 decimals each) carry 13-15. No board we track prints more than 4 meaningful
/// decimals, and a change of 0.001 in one of 22 inputs of a mean still moves it by 4.5e-5,
/// which 6 decimals keep.
inline constexpr int max_published_decimals = 6;

/// Digits after the point in the shortest decimal spelling that reads back as `v` (45.2 -> 1,
/// 1340 -> 0, 1.5e-7 -> 8), at most max_published_decimals.
int published_decimals(double v);

/// Whether `a` and `b` can be the same value published with `decimals` digits after the point:
/// they differ by at most half a unit of the last digit (19.42 and 19.425: openllm-v2's musr
/// of 2024-12-10 and -11, where upstream rounded 19.425 down; comparing the roundings would
/// depend on how upstream breaks ties).
bool same_at(double a, double b, int decimals);

/// The precision a column of these values was published at: the most decimals any has.
int column_precision(const std::vector<double>& values);

/// column_precision of the rows' scores.
int score_precision(const std::vector<entry>& rows);

/// The published precision of each value column of one snapshot: the most decimals any row
/// has in it. A column is printed at one precision across a board, and its trailing zeros are
/// lost when stored (45.20 reads back as 45.2), so the row with the most decimals tells.
struct snapshot_precision {
    int score = 0;
    std::map<std::string, int, std::less<>> metrics; ///< by metric name

    explicit snapshot_precision(const std::vector<entry>& rows);
    int metric(const std::string& name) const;
};

} // namespace lbtrack::diff
