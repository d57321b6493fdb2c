#include "lbtrack/ingest/model_key.hpp"

#include "name_residue.hpp"
#include "unicode_fold.hpp"

namespace lbtrack::ingest {

std::string model_key(std::string_view raw_name) {
    const std::string folded = fold_nfkc_casefold(raw_name);
    std::string_view name = folded;
    // A Hugging Face "org/" prefix is kept: on the Open LLM Leaderboard "Qwen/Qwen2.5-7B-Instruct"
    // and "someone/Qwen2.5-7B-Instruct" are two rows of two models, and this key is what one
    // snapshot's duplicate check compares. Whether an org is identity is model_resolver's call.
    // A separator run becomes one '-', and none is written before the first character or after
    // the last, which trims the key.
    return detail::collapse_runs(name, " \t\n\r\v\f_-", '-');
}

} // namespace lbtrack::ingest
