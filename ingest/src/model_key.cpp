#include "lbtrack/ingest/model_key.hpp"

#include "unicode_fold.hpp"

#include <algorithm>

namespace lbtrack::ingest {

namespace {

bool is_separator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '_' ||
           c == '-';
}

} // namespace

std::string model_key(std::string_view raw_name) {
    const std::string folded = fold_nfkc_casefold(raw_name);
    std::string_view name = folded;
    // Hugging Face style "org/name": the organization is kept in its own column, and boards
    // differ in whether they print it. Only dropped when a name follows the slash.
    if (const auto slash = name.rfind('/'); slash != std::string_view::npos) {
        const auto tail = name.substr(slash + 1);
        if (std::ranges::any_of(tail, [](char c) { return !is_separator(c); })) {
            name = tail;
        }
    }

    std::string key;
    key.reserve(name.size());
    bool pending_separator = false;
    for (const char c : name) {
        if (is_separator(c)) {
            pending_separator = true;
            continue;
        }
        // A separator run becomes one '-', and none is written before the first character or
        // after the last, which trims the key.
        if (pending_separator && !key.empty()) {
            key.push_back('-');
        }
        pending_separator = false;
        key.push_back(c);
    }
    return key;
}

} // namespace lbtrack::ingest
