#include "lbtrack/ingest/model_key.hpp"

#include "unicode_fold.hpp"

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
    // A Hugging Face "org/" prefix is kept: on the Open LLM Leaderboard "Qwen/Qwen2.5-7B-Instruct"
    // and "someone/Qwen2.5-7B-Instruct" are two rows of two models, and this key is what one
    // snapshot's duplicate check compares. Whether an org is identity is model_resolver's call.
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
