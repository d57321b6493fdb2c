#include "likely_renames.hpp"

#include "value_precision.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>

namespace lbtrack::diff::detail {

namespace {

/// The separator and the size: "-176B", " 8x7b", "_A22B", "-1.5B". Parameter counts only:
/// a context length ("-32k") or a date tag ("-0613") names another model.
bool is_size_suffix(std::string_view tail) {
    static const std::regex size(R"([-_ ]((\d+x)?\d+(\.\d+)?|a\d+(\.\d+)?)[bmt])",
                                 std::regex::icase | std::regex::optimize);
    return std::regex_match(tail.begin(), tail.end(), size);
}

/// The model key or name of a top-N change belongs to the pair.
bool names_row(const top_change& t, const entry& e) {
    return t.model_key == e.model_key && t.name == e.raw_name;
}

} // namespace

bool differ_by_trailing_size(std::string_view a, std::string_view b) {
    if (a.size() == b.size()) {
        return false;
    }
    const auto shorter = a.size() < b.size() ? a : b;
    const auto longer = a.size() < b.size() ? b : a;
    return !shorter.empty() && longer.starts_with(shorter) &&
           is_size_suffix(longer.substr(shorter.size()));
}

void pair_likely_renames(board_diff& d, int score_decimals) {
    const auto matches = [&](const entry& was, const entry& now) {
        return was.rank && now.rank && *was.rank == *now.rank && was.score && now.score &&
               same_at(*was.score, *now.score, score_decimals) &&
               differ_by_trailing_size(was.raw_name, now.raw_name);
    };
    std::vector<std::pair<std::size_t, std::size_t>> pairs; // (dropped index, added index)
    for (std::size_t i = 0; i < d.dropped.size(); ++i) {
        std::vector<std::size_t> found;
        for (std::size_t j = 0; j < d.added.size(); ++j) {
            if (matches(d.dropped[i], d.added[j])) {
                found.push_back(j);
            }
        }
        const auto claimed = [&](std::size_t j) {
            return std::ranges::count_if(d.dropped, [&](const entry& other) {
                       return matches(other, d.added[j]);
                   }) != 1;
        };
        if (found.size() == 1 && !claimed(found.front())) {
            pairs.emplace_back(i, found.front());
        }
    }
    if (pairs.empty()) {
        return;
    }
    std::vector<bool> drop_gone(d.dropped.size()), add_gone(d.added.size());
    for (const auto& [i, j] : pairs) {
        const entry& was = d.dropped[i];
        const entry& now = d.added[j];
        d.renamed.push_back(
            {was.model_key, was.raw_name, now.model_key, now.raw_name, now.rank, now.score});
        std::erase_if(d.entered_top, [&](const top_change& t) { return names_row(t, now); });
        std::erase_if(d.left_top, [&](const top_change& t) { return names_row(t, was); });
        drop_gone[i] = true;
        add_gone[j] = true;
    }
    const auto remove_marked = [](std::vector<entry>& rows, const std::vector<bool>& gone) {
        std::vector<entry> kept;
        for (std::size_t k = 0; k < rows.size(); ++k) {
            if (!gone[k]) {
                kept.push_back(std::move(rows[k]));
            }
        }
        rows = std::move(kept);
    };
    remove_marked(d.dropped, drop_gone);
    remove_marked(d.added, add_gone);
}

} // namespace lbtrack::diff::detail
