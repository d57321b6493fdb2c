#include "lbtrack/ingest/model_suggestions.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace lbtrack::ingest {

namespace {

/// The letters a key starts with, after any "org/" prefix: "qwen" of "qwen2.5-72b-instruct".
std::string_view family_of(std::string_view key) {
    if (const auto slash = key.rfind('/'); slash != std::string_view::npos) {
        key = key.substr(slash + 1);
    }
    std::size_t n = 0;
    while (n < key.size() && !(key[n] >= '0' && key[n] <= '9') && key[n] != '-') {
        ++n;
    }
    return key.substr(0, n);
}

bool same_family(std::string_view a, std::string_view b) {
    const auto fa = family_of(a);
    const auto fb = family_of(b);
    if (fa.empty() || fb.empty()) {
        return false;
    }
    const auto k = std::min({fa.size(), fb.size(), std::size_t{3}});
    return fa.substr(0, k) == fb.substr(0, k);
}

/// The letter runs of a key of four letters or more: "llama", "steerlm" of
/// "nv2-llama-steerlm-70b-chat". Shorter runs ("b", "it", "nv") say little.
std::vector<std::string_view> words_of(std::string_view key) {
    std::vector<std::string_view> words;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= key.size(); ++i) {
        const bool letter = i < key.size() && ((key[i] >= 'a' && key[i] <= 'z') ||
                                               static_cast<unsigned char>(key[i]) >= 0x80);
        if (!letter) {
            if (i - start >= 4) {
                words.push_back(key.substr(start, i - start));
            }
            start = i + 1;
        }
    }
    return words;
}

bool shares_a_word(std::string_view a, std::string_view b) {
    const auto wb = words_of(b);
    return std::ranges::any_of(
        words_of(a), [&](std::string_view w) { return std::ranges::find(wb, w) != wb.end(); });
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> nearest_models(std::string_view key,
                                        const std::vector<std::string>& candidates, std::size_t n) {
    std::vector<std::pair<std::size_t, const std::string*>> scored;
    for (const auto& c : candidates) {
        if (c == key || !(same_family(key, c) || shares_a_word(key, c))) {
            continue;
        }
        const auto d = edit_distance(key, c);
        if (2 * d <= std::max(key.size(), c.size())) {
            scored.emplace_back(d, &c);
        }
    }
    std::ranges::sort(scored, [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first < y.first : *x.second < *y.second;
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && out.size() < n; ++i) {
        if (out.empty() || out.back() != *scored[i].second) {
            out.push_back(*scored[i].second);
        }
    }
    return out;
}

} // namespace lbtrack::ingest
