// Parsing model names into parts (layer 2 of docs/model-identity.md): dates and snapshot tags,
// modes, tuning, sizes and versions assembled from the tokens of name_tokens.hpp, and the key the
// parts give. tests/data/identity_pairs.tsv measures the rules.

#include "lbtrack/ingest/model_identity.hpp"

#include "name_annotations.hpp"
#include "name_residue.hpp"
#include "name_tokens.hpp"
#include "unicode_fold.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace lbtrack::ingest {

namespace {

using namespace detail;

bool digits_of_length(std::string_view s, std::size_t n) {
    return s.size() == n && all_digits(s);
}

int to_int(std::string_view s) {
    int v = 0;
    for (const char c : s) {
        v = v * 10 + (c - '0');
    }
    return v;
}

bool valid_month(std::string_view mm) {
    return to_int(mm) >= 1 && to_int(mm) <= 12;
}
bool valid_day(std::string_view dd) {
    return to_int(dd) >= 1 && to_int(dd) <= 31;
}
/// A 4-digit number that reads as a year of the LLM era; older years are not snapshot tags.
bool valid_year(std::string_view yyyy) {
    return to_int(yyyy) >= 2015 && to_int(yyyy) <= 2099;
}

std::optional<int> month_of(std::string_view t) {
    static constexpr std::array<std::string_view, 12> names{
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    static constexpr std::array<std::string_view, 12> long_names{
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (std::size_t m = 0; m < 12; ++m) {
        if (t == names[m] || t == long_names[m] || (m == 8 && t == "sept")) {
            return static_cast<int>(m + 1);
        }
    }
    return std::nullopt;
}

std::string two_digits(int v) {
    return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

/// Parts being filled token by token.
class part_builder {
public:
    explicit part_builder(name_parts& parts) : parts_(parts) {}

    void classify(const std::vector<std::string>& t) {
        for (std::size_t i = 0; i < t.size();) {
            i += take(t, i);
        }
        finish();
    }

private:
    /// Classifies the token(s) at i; returns how many it took.
    std::size_t take(const std::vector<std::string>& t, std::size_t i) {
        const std::string& s = t[i];
        const auto next = [&](std::size_t k) -> std::string_view {
            return i + k < t.size() ? std::string_view(t[i + k]) : std::string_view();
        };
        if (const auto n = take_date(s, next(1), next(2))) {
            date_token_ = i + n - 1;
            return n;
        }
        if (is_precision(s)) {
            parts_.precision = normalize_precision(s);
            return 1;
        }
        if (s == "hf") {
            // Meta's "-hf" repositories are the same weights in Hugging Face format.
            parts_.dropped_packaging = true;
            return 1;
        }
        if (s == "llm" || s == "api" || s == "default" || s == "预训练模型") {
            // Filler words, never the name: "DeepSeek-LLM-67B-Chat" is "deepseek-67b-chat";
            // LMArena's "Gemini-1.5-Pro-API-0409-Preview" and SuperCLUE's "文心一言4.0(API)" name
            // the access; LiveBench's "-default" is the default setting; "(预训练模型)" (pretrained
            // model) says a Chinese board's "baichuan-7B" is the base model it already is.
            return 1;
        }
        if (s == "base" && i > 0 && i + 1 == t.size() && !parts_.date.empty() &&
            date_token_ + 1 == i) {
            // LiveBench's "claude-4-opus-20250514-base" is the model without extended thinking,
            // i.e. the plain snapshot; a base (pretrained) model never follows its date so.
            return 1;
        }
        if (s == "omni" && !core_.empty() && core_.front().text == "gpt" && core_.back().version &&
            last_core_token_ + 1 == i && is_digit(core_.back().text.back())) {
            // AlpacaEval's "GPT-4 Omni (05/13)": the "o" of GPT-4o stands for omni.
            core_.back().text += 'o';
            return 1;
        }
        if (const auto n = take_mode(s, next(1), next(2))) {
            return n;
        }
        if (is_one_of(s, {"instruct", "it", "chat", "base"})) {
            // Gemma's "-it" is its instruction-tuned model, as "-instruct" is elsewhere.
            add(parts_.tuning, s == "it" ? "instruct" : s);
            return 1;
        }
        if (is_size(s)) {
            parts_.sizes.push_back(s);
            return 1;
        }
        if (is_context(s)) {
            add(parts_.context, s);
            return 1;
        }
        if (s.size() >= 2 && s[0] == 'v' && is_version(s.substr(1))) {
            core_.push_back({normalize_version(s), true});
            // Recorded like any version, so "deepseek-v2-5" continues to 2.5 as "deepseek-v2_5"
            // and "DeepSeek-V2.5" do (it read "deepseek2-5" without this).
            last_core_token_ = i;
            return 1;
        }
        if (is_version(s)) {
            // "claude-3-5-sonnet" writes 3.5 with a hyphen: a one-digit number right after a
            // plain major version continues it.
            if (!core_.empty() && core_.back().version &&
                core_.back().text.find('.') == std::string::npos && all_digits(core_.back().text) &&
                s.size() == 1 && last_core_token_ + 1 == i) {
                core_.back().text += "." + s;
                core_.back().text = normalize_version(core_.back().text);
                return 1;
            }
            core_.push_back({normalize_version(s), true});
            last_core_token_ = i;
            return 1;
        }
        core_.push_back({s, false});
        last_core_token_ = i;
        return 1;
    }

    /// Dates and snapshot tags in the spellings boards use: 20241022, 2024-10-22, 241022, 0528,
    /// 05-28, 2407 (year-month, Mistral), 08-2024 (Cohere), aug-27 (Gemini).
    std::size_t take_date(std::string_view s, std::string_view n1, std::string_view n2) {
        auto set = [&](std::string tag, std::string year, std::size_t used) {
            parts_.date = std::move(tag);
            parts_.date_year = std::move(year);
            return used;
        };
        if (digits_of_length(s, 8) && valid_year(s.substr(0, 4)) && valid_month(s.substr(4, 2)) &&
            valid_day(s.substr(6, 2))) {
            return set(std::string(s.substr(4)), std::string(s.substr(0, 4)), 1);
        }
        if (digits_of_length(s, 4) && valid_year(s) && digits_of_length(n1, 2) && valid_month(n1)) {
            if (digits_of_length(n2, 2) && valid_day(n2)) {
                return set(std::string(n1) + std::string(n2), std::string(s), 3);
            }
            return set(std::string(s.substr(2)) + std::string(n1), std::string(s), 2);
        }
        if (digits_of_length(s, 2) && valid_month(s)) {
            if (digits_of_length(n1, 4) && valid_year(n1)) {
                return set(std::string(n1.substr(2)) + std::string(s), std::string(n1), 2);
            }
            if (digits_of_length(n1, 2) && valid_day(n1)) {
                return set(std::string(s) + std::string(n1), "", 2);
            }
        }
        if (const auto month = month_of(s); month && digits_of_length(n1, 4) && valid_year(n1)) {
            // "GPT-4-Turbo (Nov 2023)", "claude-3-opus (Mar 2024)" (AlpacaEval, Vectara): the
            // snapshot current in that month; the resolver picks it among the registry's dated
            // names.
            parts_.date_is_month = true;
            return set(std::string(n1.substr(2)) + two_digits(*month), std::string(n1), 2);
        }
        if (const auto month = month_of(s);
            month && !n1.empty() && n1.size() <= 2 && all_digits(n1) && valid_day(n1)) {
            return set(two_digits(*month) + two_digits(to_int(n1)), "", 2);
        }
        if (digits_of_length(s, 6) && valid_month(s.substr(2, 2)) && valid_day(s.substr(4, 2))) {
            return set(std::string(s.substr(2)), "20" + std::string(s.substr(0, 2)), 1);
        }
        if (digits_of_length(s, 4)) {
            return set(std::string(s), "", 1);
        }
        // Mistral's "Mistral Large (24.11)" is its API's "mistral-large-2411": year.month, not a
        // version (no model family has reached version 23 yet).
        if (s.size() == 5 && s[2] == '.' && all_digits(s.substr(0, 2)) && all_digits(s.substr(3)) &&
            to_int(s.substr(0, 2)) >= 23 && to_int(s.substr(0, 2)) <= 39 &&
            valid_month(s.substr(3))) {
            return set(std::string(s.substr(0, 2)) + std::string(s.substr(3)),
                       "20" + std::string(s.substr(0, 2)), 1);
        }
        return 0;
    }

    /// Reasoning modes and effort: "thinking", "no-thinking" (any spelling), "thinking-32k"
    /// budgets, "high" / "low" / "minimal" effort.
    std::size_t take_mode(std::string_view s, std::string_view n1, std::string_view n2) {
        const auto thinking = [](std::string_view w) { return w == "thinking" || w == "think"; };
        if (is_one_of(s, {"no", "non", "without"}) && thinking(n1)) {
            add(parts_.mode, "no-thinking");
            return 2;
        }
        if (is_one_of(s, {"nothinking", "nonthinking", "nothink"})) {
            add(parts_.mode, "no-thinking");
            return 1;
        }
        if (thinking(s)) {
            if (is_context(n1)) {
                add(parts_.mode, "thinking-" + std::string(n1));
                return 2;
            }
            if (n1 == "budget" && is_context(n2)) {
                add(parts_.mode, "thinking-" + std::string(n2));
                return 3;
            }
            add(parts_.mode, "thinking");
            return 1;
        }
        if (is_context(s) && thinking(n1)) {
            add(parts_.mode, "thinking-" + std::string(s));
            return 2;
        }
        if (is_one_of(s, {"high", "low", "minimal", "xhigh"})) {
            add(parts_.mode, s);
            // Vectara's "OpenAI-o3-mini-high-reasoning" (2025) spells out what the effort is of.
            return n1 == "reasoning" ? 2 : 1;
        }
        return 0;
    }

    static void add(std::string& slot, std::string_view value) {
        if (!slot.empty()) {
            slot += '-';
        }
        slot += value;
    }

    /// Family is the first name word; the first version is hoisted next to it wherever it was
    /// written, so "Claude Opus 4" and "claude-4-opus" agree; the rest keep their order.
    void finish() {
        bool have_version = false;
        for (std::size_t i = 0; i < core_.size(); ++i) {
            const auto& c = core_[i];
            if (i == 0 && !c.version) {
                parts_.family = c.text;
            } else if (c.version && !have_version) {
                parts_.version = c.text;
                have_version = true;
            } else {
                parts_.words.push_back(c.text);
            }
        }
    }

    struct core_token {
        std::string text;
        bool version = false;
    };

    name_parts& parts_;
    std::vector<core_token> core_;
    /// Token index of the last core token, so "3" "5" join only when written side by side.
    std::size_t last_core_token_ = static_cast<std::size_t>(-2);
    /// Token index of the last token of the date, so LiveBench's "…-20250514-base" is seen.
    std::size_t date_token_ = static_cast<std::size_t>(-2);
};

} // namespace

std::string normalize_precision(std::string_view label) {
    std::string folded = collapse_spaces(fold_nfkc_casefold(label));
    if (folded == "bfloat16") {
        return "bf16";
    }
    if (folded == "float16") {
        return "fp16";
    }
    if (folded == "float32") {
        return "fp32";
    }
    return folded;
}

std::string name_parts::key_without_org() const {
    std::string key = family;
    if (!version.empty()) {
        // "qwen" + "2.5" reads "qwen2.5"; a family ending in a digit keeps a hyphen so "x1" and
        // "2" do not read "x12".
        if (!key.empty() && is_digit(key.back())) {
            key += '-';
        }
        key += version;
    }
    auto append = [&key](std::string_view part) {
        if (part.empty()) {
            return;
        }
        if (!key.empty()) {
            key += '-';
        }
        key += part;
    };
    for (const auto& w : words) {
        append(w);
    }
    for (const auto& s : sizes) {
        append(s);
    }
    append(context);
    append(tuning);
    append(mode);
    append(date);
    return key;
}

name_parts parse_model_name(std::string_view printed, const vendor_prefix_test& is_vendor) {
    name_parts parts;
    parts.cleaned = clean_model_name(printed);
    auto annotated = split_setting(slash_dates_as_tags(parts.cleaned));
    parts.setting = std::move(annotated.setting);
    const auto method_last = method_after_model(annotated.name);
    std::string_view name = method_last;
    // Hugging Face "org/name": the organization is a part of its own, judged by the resolver.
    if (const auto slash = name.find('/'); slash != std::string_view::npos) {
        const auto last = name.rfind('/');
        const auto tail = name.substr(last + 1);
        if (std::ranges::any_of(tail, [](char c) { return is_token_char(c); })) {
            parts.org = collapse_spaces(name.substr(0, slash));
            name = tail;
        }
    }
    auto raw_tokens =
        split_tokens(underscores_in_versions(provider_punctuation(std::string(name))));
    // Vendor words are judged on the tokens as written, before "ai21" could read as "ai" 21.
    if (is_vendor && raw_tokens.size() >= 2 && is_vendor(raw_tokens[0], raw_tokens[1])) {
        parts.vendor_word = raw_tokens[0];
        raw_tokens.erase(raw_tokens.begin());
    } else if (is_vendor && raw_tokens.size() >= 3 &&
               (is_vendor(raw_tokens[0] + raw_tokens[1], raw_tokens[2]) ||
                (raw_tokens[1] == "ai" && is_vendor(raw_tokens[0], raw_tokens[2])))) {
        // A vendor written in two words: "01-AI Yi-1.5-34B-Chat", "Zhipu AI GLM-4-9B-Chat",
        // "Moonshot AI Kimi-K2-Instruct" (Vectara, 2025).
        parts.vendor_word = raw_tokens[0] + " " + raw_tokens[1];
        raw_tokens.erase(raw_tokens.begin(), raw_tokens.begin() + 2);
    }
    if (!raw_tokens.empty()) {
        parts.first_token = raw_tokens.front();
    }
    part_builder(parts).classify(split_family_versions(raw_tokens));
    return parts;
}

} // namespace lbtrack::ingest
