#include "likely_renames.hpp"

#include "value_precision.hpp"

#include <algorithm>
#include <regex>
#include <string>

namespace lbtrack::diff::detail {

namespace {

bool is_separator(char c) {
    return c == '-' || c == '_' || c == ' ';
}

/// A parameter size ("176B", "8x7b", "1.5B", "A22B"), a date tag ("0613", "20240620",
/// "2024-05-13", "06-06", "11/06", "May 2023") or a version tag ("v2", "V1.0"), case-insensitive.
/// Not a context length ("32k") nor a mode ("high"): those name another model.
bool is_tag(std::string_view token) {
    static const std::regex tag(
        R"(((\d+x)?\d+(\.\d+)?|a\d+(\.\d+)?)[bmt])"              // size
        R"(|\d{4}|\d{6}|\d{8}|\d{4}-\d{2}-\d{2}|\d{2}[-/]\d{2})" // date
        R"(|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4})"
        R"(|v\d+(\.\d+)*)", // version
        std::regex::icase | std::regex::optimize);
    return std::regex_match(token.begin(), token.end(), tag);
}

/// `inserted`, the text the longer name has where the shorter has none, is one tag with its
/// separator: "-176B", " (20240620)", "-v2", or "2024-" after a separator ("a-b" / "a-2024-b").
bool is_inserted_tag(std::string_view inserted, bool separator_before) {
    if (inserted.size() < 2) {
        return false;
    }
    std::string_view token;
    if (is_separator(inserted.front())) {
        token = inserted.substr(1);
    } else if (separator_before && is_separator(inserted.back())) {
        token = inserted.substr(0, inserted.size() - 1);
    } else {
        return false;
    }
    if (token.size() > 2 && token.front() == '(' && token.back() == ')') {
        token = token.substr(1, token.size() - 2);
    }
    return is_tag(token);
}

/// The model key or name of a top-N change belongs to the pair.
bool names_row(const top_change& t, const entry& e) {
    return t.model_key == e.model_key && t.name == e.raw_name;
}

/// How the report names a row of a pair: its printed name, with its variant when the two rows
/// print the same name ("gemma-2b-it (fp16)" → "gemma-2b-it (bf16)").
std::string pair_name(const entry& e, const entry& other) {
    if (e.raw_name != other.raw_name || e.variant.empty()) {
        return e.raw_name;
    }
    return e.raw_name + " (" + e.variant + ")";
}

} // namespace

bool differ_by_one_tag(std::string_view a, std::string_view b) {
    if (a.size() == b.size()) {
        return false;
    }
    const auto shorter = a.size() < b.size() ? a : b;
    const auto longer = a.size() < b.size() ? b : a;
    if (shorter.empty()) {
        return false;
    }
    const auto prefix =
        static_cast<std::size_t>(std::ranges::mismatch(shorter, longer).in1 - shorter.begin());
    std::size_t suffix = 0;
    while (suffix < shorter.size() - prefix &&
           shorter[shorter.size() - 1 - suffix] == longer[longer.size() - 1 - suffix]) {
        ++suffix;
    }
    if (prefix + suffix != shorter.size()) {
        return false; // more than one insertion
    }
    const auto inserted = longer.substr(prefix, longer.size() - shorter.size());
    return is_inserted_tag(inserted, prefix > 0 && is_separator(longer[prefix - 1]));
}

void pair_likely_renames(board_diff& d, int score_decimals) {
    const auto matches = [&](const entry& was, const entry& now) {
        return was.rank && now.rank && *was.rank == *now.rank && was.score && now.score &&
               same_at(*was.score, *now.score, score_decimals) &&
               (was.model_key == now.model_key || differ_by_one_tag(was.raw_name, now.raw_name));
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
        d.renamed.push_back({was.model_key, pair_name(was, now), now.model_key, pair_name(now, was),
                             now.rank, now.score});
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
