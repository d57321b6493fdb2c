#pragma once
// The first two layers of model identity (docs/model-identity.md): cleaning a printed name and
// parsing it into parts. The third layer, the registry, is model_resolver.hpp. Everything here is
// a pure function of the name, so `lbtrack resolve` can explain every decision.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

/// Version of the identity rules (cleaning, parsing, key rendering). Stored with every
/// snapshot; `lbtrack reprocess` re-resolves the snapshots stored under an older version. Bump
/// it whenever a rule change can change a key.
inline constexpr int identity_rules_version = 6;

/// Layer 1: a printed name as a model name. Markdown and HTML residue ("[Name](url)", "<b>",
/// "&amp;") and board decorations ("☛[去体验](…)", "(new)") removed, Unicode NFKC and case
/// folding (full-width "Ｑｗｅｎ（0528）" is "qwen(0528)"), CJK brackets as parentheses,
/// whitespace collapsed and trimmed.
std::string clean_model_name(std::string_view printed);

/// The printed name as a person would write it: the residue and decorations clean_model_name
/// removes are gone, case and Unicode form kept ("[GPT-4o](url)(new)" -> "GPT-4o").
std::string display_model_name(std::string_view printed);

/// Layer 2: the parts a name is made of. All text is cleaned (lowercase) text.
struct name_parts {
    std::string cleaned;            ///< clean_model_name() of the input
    std::string org;                ///< "qwen" of "Qwen/Qwen2.5-72B-Instruct"; "" when none
    std::string vendor_word;        ///< "meta" of "Meta-Llama-3.1-8B"; "" when none
    std::string first_token;        ///< the name's first token as written: "gpt4all", "qwen2.5"
    std::string family;             ///< first name word: "qwen", "llama", "claude", "o"
    std::string version;            ///< first version, normalized: "2.5" ("2_5", "v2.5", "2-5")
    std::vector<std::string> words; ///< the other name words and later numbers, in order
    std::vector<std::string> sizes; ///< "72b", "8x7b", "a22b", "e4b", "128e"
    std::string context;            ///< context length: "32k" of "ChatGLM3-6B-32K"
    std::string tuning;             ///< "instruct" ("it" too), "chat", "base"
    std::string mode;               ///< "high", "thinking", "no-thinking", "thinking-32k", "low"
    std::string date;      ///< snapshot tag, "0528" or "2407"; full dates keep month and day
    std::string date_year; ///< "2024" when the name gave the year of `date`
    /// `date` is a month ("Nov 2023": "2311", year-month), not a snapshot's month and day.
    bool date_is_month = false;
    std::string precision; ///< "bf16", "fp8", "int4", "awq": a variant, not a model
    /// How the board evaluated or reached the model: BFCL's "fc" / "prompt" / "fc-any", a
    /// provider ("together"). The same weights: a variant, not a model.
    std::string setting;
    bool dropped_packaging = false; ///< a packaging word ("hf") was not identity

    /// The identity key the parts give, org prefix excluded: family+version, other words,
    /// sizes, context, tuning, mode, date, joined by '-'. Precision is not in it.
    std::string key_without_org() const;
};

/// Whether `word`, written before `next`, is a vendor word and not part of the name ("meta"
/// before "llama3.1"): the registry knows which vendors publish which families.
using vendor_prefix_test = std::function<bool(std::string_view word, std::string_view next)>;

/// Parses a printed name (cleaning it first). Never throws; a name of no recognisable parts
/// gives a family-less result whose words are its tokens.
name_parts parse_model_name(std::string_view printed, const vendor_prefix_test& is_vendor = {});

/// Normalized precision of a variant label: "bfloat16" -> "bf16", "float16" -> "fp16",
/// "FP8" -> "fp8"; other text is folded and trimmed.
std::string normalize_precision(std::string_view label);

} // namespace lbtrack::ingest
