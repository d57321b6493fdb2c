#pragma once
// Annotations boards write next to a model name that are not the model (ingest-internal): the
// way a board evaluated it and the provider that served it. Applied to cleaned (folded) names.

#include <string>
#include <string_view>

namespace lbtrack::ingest {

struct annotated_name {
    std::string name;    ///< the name without the annotations
    std::string setting; ///< "fc", "prompt", "fc-any", "together", "fc-novita"; "" for none
};

/// Splits trailing evaluation-setting and provider annotations off a cleaned name:
/// BFCL's "gpt-4o-2024-05-13 (fc)", "(prompt)", "(fc any)", "(fc tools-2024-04-04)", "qwq-32b
/// (fc) (novita)"; AlpacaEval's "vicuna 13b v1.5 (together)" and "vicuna-13b-v1.5-togetherai".
/// The same weights evaluated another way or served by someone else: a variant, not a model.
annotated_name split_setting(std::string_view cleaned);

/// A method written in front of the model it was applied to, as the model's last word:
/// AlpacaEval's display name "expo + starling lm 7b beta" is its result id
/// "starling-lm-7b-beta-expo". Only a single word of letters before a spaced " + " is a method;
/// "aligner 2b+claude 3 opus" (a model in front) and "command r+" are left alone.
std::string method_after_model(std::string_view cleaned);

/// Dates written with a slash, "(05/13)" (month/day) and "(24/02)" (year/month, Mistral), as
/// the 4-digit tags the parser reads ("(0513)", "(2402)"), so the slash is not read as an
/// "org/name" separator.
std::string slash_dates_as_tags(std::string_view cleaned);

} // namespace lbtrack::ingest
