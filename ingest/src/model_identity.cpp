// Cleaning and parsing of model names. The rules and the real names behind each are listed in
// docs/model-identity.md; tests/data/identity_pairs.tsv measures them.

#include "lbtrack/ingest/model_identity.hpp"

#include "name_annotations.hpp"
#include "unicode_fold.hpp"

#include "lbtrack/ingest/name_cleaning.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace lbtrack::ingest {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_ascii_letter(char c) {
    return c >= 'a' && c <= 'z';
}
/// Bytes of non-ASCII characters (CJK names such as "文心一言") count as letters.
bool is_letter(char c) {
    return is_ascii_letter(c) || static_cast<unsigned char>(c) >= 0x80;
}
bool is_token_char(char c) {
    return is_letter(c) || is_digit(c) || c == '.';
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::ranges::all_of(s, [](char c) { return is_digit(c); });
}
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

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x110000) {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

/// The character an HTML entity stands for, for the entities boards actually emit; nullopt for
/// anything else (the text is then kept as it is).
std::optional<std::uint32_t> entity_value(std::string_view entity) {
    static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 7> named{{
        {"amp", '&'},
        {"lt", '<'},
        {"gt", '>'},
        {"quot", '"'},
        {"apos", '\''},
        {"nbsp", 0xA0},
        {"#39", '\''},
    }};
    for (const auto& [name, value] : named) {
        if (entity == name) {
            return value;
        }
    }
    if (entity.size() >= 2 && entity[0] == '#') {
        const bool hex = entity[1] == 'x' || entity[1] == 'X';
        std::uint32_t v = 0;
        const auto digits = entity.substr(hex ? 2 : 1);
        if (digits.empty() || digits.size() > 7) {
            return std::nullopt;
        }
        for (const char c : digits) {
            const int d = is_digit(c)                     ? c - '0'
                          : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                          : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                          : -1;
            if (d < 0) {
                return std::nullopt;
            }
            v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
        }
        return v;
    }
    return std::nullopt;
}

/// HTML residue out of a name copied from a page: tags dropped, entities decoded. A '<' that
/// does not start a tag ("<think>" would, "a < b" does not) is kept.
std::string strip_html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '<' && i + 1 < s.size() &&
            (is_ascii_letter(static_cast<char>(s[i + 1] | 0x20)) || s[i + 1] == '/')) {
            if (const auto end = s.find('>', i); end != std::string_view::npos) {
                out.push_back(' ');
                i = end;
                continue;
            }
        }
        if (c == '&') {
            if (const auto end = s.find(';', i); end != std::string_view::npos && end - i <= 10) {
                if (const auto v = entity_value(s.substr(i + 1, end - i - 1))) {
                    append_utf8(out, *v);
                    i = end;
                    continue;
                }
            }
        }
        out.push_back(c);
    }
    return out;
}

/// Markdown residue: "[text](url)" is its text, an image "![alt](url)" is nothing, emphasis
/// marks and code ticks go.
std::string strip_markdown(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool image = c == '!' && i + 1 < s.size() && s[i + 1] == '[';
        if (c == '[' || image) {
            const auto open = image ? i + 1 : i;
            const auto close = s.find(']', open);
            if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
                if (const auto end = s.find(')', close); end != std::string_view::npos) {
                    if (!image) {
                        out.append(s.substr(open + 1, close - open - 1));
                    }
                    i = end;
                    continue;
                }
            }
        }
        if (c == '*' || c == '`') {
            continue;
        }
        out.push_back(c);
    }
    return out;
}

/// A pointing hand inside the name starts a "try it" decoration ("qwen2.5-7b☛去体验" once the
/// link was flattened to its text): everything from it on is not the name.
std::string cut_at_pointer(std::string s) {
    for (const std::string_view hand : {"\u261B", "\u261E", "\U0001F449"}) {
        if (const auto at = s.find(hand); at != std::string::npos && at > 0) {
            s.erase(at);
        }
    }
    return s;
}

/// CJK brackets and dashes that NFKC leaves alone, mapped to their ASCII meaning.
std::string map_cjk_punctuation(std::string_view s) {
    static constexpr std::array<std::pair<std::string_view, char>, 12> map{{
        {"\u3010", '('}, // 【
        {"\u3011", ')'}, // 】
        {"\u300C", '('}, // 「
        {"\u300D", ')'}, // 」
        {"\u300A", '('}, // 《
        {"\u300B", ')'}, // 》
        {"\u3014", '('}, // 〔
        {"\u3015", ')'}, // 〕
        {"\u2013", '-'}, // – en dash
        {"\u2014", '-'}, // — em dash
        {"\u00B7", ' '}, // · middle dot
        {"\u00A0", ' '}, // no-break space
    }};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool mapped = false;
        for (const auto& [from, to] : map) {
            if (s.substr(i, from.size()) == from) {
                out.push_back(to);
                i += from.size();
                mapped = true;
                break;
            }
        }
        if (!mapped) {
            out.push_back(s[i++]);
        }
    }
    return out;
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    bool pending = false;
    for (const char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pending = true;
            continue;
        }
        if (pending && !out.empty()) {
            out.push_back(' ');
        }
        pending = false;
        out.push_back(c);
    }
    return out;
}

// ---- tokens ---------------------------------------------------------------------------------

/// "internlm2_5" writes version 2.5 with an underscore: an underscore between digits is a dot
/// unless the digits after it are a size ("qwen2_5_7b" is 2.5 and 7b).
std::string underscores_in_versions(std::string s) {
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] != '_' || !is_digit(s[i - 1]) || !is_digit(s[i + 1])) {
            continue;
        }
        std::size_t end = i + 1;
        while (end < s.size() && is_digit(s[end])) {
            ++end;
        }
        // "gpt4_1106_preview", "gpt4_0314" (AlpacaEval): three digits or more after the
        // underscore are a snapshot tag, not a minor version.
        if ((end == s.size() || !is_letter(s[end])) && end - i - 1 <= 2) {
            s[i] = '.';
        }
    }
    return s;
}

/// Punctuation that providers put inside ids: Bedrock's "amazon.nova-pro-v1:0" (a dot between
/// letters separates the provider, except before a closing "ai" of a company name, a colon between
/// digits is a version dot) and Fireworks' "glm-4p7", "llama-v3p1" (a 'p' between digits of a
/// version is its dot).
std::string provider_punctuation(std::string s) {
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        const char before = s[i - 1];
        const char after = s[i + 1];
        if (s[i] == '.' && is_ascii_letter(before) && s.compare(i + 1, 2, "ai") == 0 &&
            (i + 3 == s.size() || !is_ascii_letter(s[i + 3]))) {
            // A company's ".AI" is part of its name: AlpacaEval's "Blendax.AI-gm-l6-vo31" is
            // its result id "blendaxai-gm-l6-vo31", "X.AI" is "xai".
            s.erase(i, 1);
        } else if (s[i] == '.' && is_ascii_letter(before) && is_ascii_letter(after)) {
            s[i] = ' ';
        } else if (s[i] == ':' && is_digit(before) && is_digit(after)) {
            s[i] = '.';
        } else if (s[i] == 'p' && is_digit(before) && is_digit(after)) {
            // Only in a token of the form [v]digits p digits: "4p7", "v3p1".
            std::size_t start = i;
            while (start > 0 && is_digit(s[start - 1])) {
                --start;
            }
            if (start > 0 && s[start - 1] == 'v') {
                --start;
            }
            std::size_t end = i + 1;
            while (end < s.size() && is_digit(s[end])) {
                ++end;
            }
            const bool token_start = start == 0 || !is_token_char(s[start - 1]);
            const bool token_end = end == s.size() || !is_token_char(s[end]);
            if (token_start && token_end) {
                s[i] = '.';
            }
        }
    }
    return s;
}

std::vector<std::string> split_tokens(std::string_view s) {
    std::vector<std::string> tokens;
    std::string current;
    auto flush = [&] {
        // Dots only belong inside versions ("2.5"); at the ends they are punctuation.
        const auto first = current.find_first_not_of('.');
        const auto last = current.find_last_not_of('.');
        if (first != std::string::npos) {
            tokens.push_back(current.substr(first, last - first + 1));
        }
        current.clear();
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '+' && !current.empty() && i + 1 < s.size() &&
            (is_letter(s[i + 1]) || is_digit(s[i + 1]))) {
            // "Tulu 2+DPO 70B" (AlpacaEval) is "tulu-2-dpo-70b": a '+' between two words
            // joins them like a hyphen.
            flush();
        } else if (c == '+') {
            // "Command R+" is "command-r-plus".
            flush();
            tokens.emplace_back("plus");
        } else if (is_token_char(c)) {
            current.push_back(c);
        } else {
            flush();
        }
    }
    flush();
    return tokens;
}

bool is_precision(std::string_view t);

/// "qwen2.5" -> "qwen" "2.5", "llama3" -> "llama" "3", "文心一言4.0" -> "文心一言" "4.0": a
/// family written against its version. Single letters only split in the first token ("o3" is a
/// family and a version; "r1" of "deepseek-r1" and "e4b" are names of their own).
std::vector<std::string> split_family_versions(const std::vector<std::string>& tokens) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        std::size_t letters = 0;
        while (letters < t.size() && is_letter(t[letters])) {
            ++letters;
        }
        const bool splits =
            !is_precision(t) && letters < t.size() && is_digit(t[letters]) &&
            (letters >= 2 ||
             (letters == 1 && i == 0 && t[0] != 'v' &&
              std::all_of(t.begin() + 1, t.end(), [](char c) { return is_digit(c) || c == '.'; })));
        if (splits) {
            // "讯飞星火V4.0": a "v" between a CJK name and its version belongs to the version.
            const bool cjk_v = letters >= 2 && t[letters - 1] == 'v' &&
                               static_cast<unsigned char>(t[letters - 2]) >= 0x80;
            out.push_back(t.substr(0, cjk_v ? letters - 1 : letters));
            out.push_back(t.substr(letters));
        } else {
            out.push_back(t);
        }
    }
    return out;
}

// ---- token classes --------------------------------------------------------------------------

bool is_one_of(std::string_view t, std::initializer_list<std::string_view> words) {
    return std::ranges::find(words, t) != words.end();
}

/// Precision and quantization words: a variant of one model's weights. Vectara writes "8bitq"
/// ("Cohere Command R 8bitq", 2024).
bool is_precision(std::string_view t) {
    return is_one_of(t,
                     {"bf16",     "fp16",    "fp32",    "fp8",   "fp4",  "int4", "int8",  "awq",
                      "gptq",     "gguf",    "exl2",    "nf4",   "4bit", "8bit", "4bits", "8bits",
                      "bfloat16", "float16", "float32", "w4a16", "w8a8", "mlx",  "4bitq", "8bitq"});
}

/// A number followed by one unit letter: "7b", "1.5b", "270m" (parameters), "8x7b" (experts x
/// size), "a22b" (active), "e4b" (effective), "128e" (experts).
bool is_size(std::string_view t) {
    auto number = [](std::string_view s) {
        if (s.empty() || !is_digit(s.front()) || s.back() == '.') {
            return false;
        }
        return std::ranges::count(s, '.') <= 1 &&
               std::ranges::all_of(s, [](char c) { return is_digit(c) || c == '.'; });
    };
    if (t.size() < 2) {
        return false;
    }
    const char unit = t.back();
    auto body = t.substr(0, t.size() - 1);
    if (unit == 'e') {
        return all_digits(body);
    }
    if (unit != 'b' && unit != 'm' && unit != 't') {
        return false;
    }
    if (body.front() == 'a' || body.front() == 'e') {
        return number(body.substr(1));
    }
    if (const auto x = body.find('x'); x != std::string_view::npos) {
        return all_digits(body.substr(0, x)) && number(body.substr(x + 1));
    }
    return number(body);
}

bool is_context(std::string_view t) {
    return t.size() >= 2 && t.back() == 'k' && all_digits(t.substr(0, t.size() - 1));
}

/// A version number: "3", "2.5", "0.3", "3.1.2", or one with a letter suffix ("4o", "3n"). A
/// zero-padded number ("001", "05") is a revision or date, not a version.
bool is_version(std::string_view t) {
    if (t.empty() || !is_digit(t.front())) {
        return false;
    }
    if (t.front() == '0' && t.size() > 1 && t[1] != '.') {
        return false;
    }
    std::size_t i = 0;
    while (i < t.size() && (is_digit(t[i]) || t[i] == '.')) {
        ++i;
    }
    const auto numeric = t.substr(0, i);
    if (numeric.back() == '.' || numeric.find("..") != std::string_view::npos) {
        return false;
    }
    const auto first_dot = numeric.find('.');
    // "2024" or "1106" are dates; a version's major number has at most 2 digits.
    if ((first_dot == std::string_view::npos ? numeric.size() : first_dot) > 2) {
        return false;
    }
    const auto suffix = t.substr(i);
    return suffix.empty() || (suffix.size() == 1 && is_ascii_letter(suffix[0]));
}

/// "1.0" -> "1", "2.0.0" -> "2", "v0.3" -> "0.3": "Amazon Nova Pro 1.0" and "Nova Pro 1"
/// agree.
std::string normalize_version(std::string v) {
    if (!v.empty() && v[0] == 'v') {
        v.erase(0, 1);
    }
    while (v.size() > 2 && v.ends_with(".0")) {
        v.erase(v.size() - 2);
    }
    return v;
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

std::string display_model_name(std::string_view printed) {
    std::string s = strip_markdown(strip_html(printed));
    return collapse_spaces(clean_board_name(cut_at_pointer(clean_board_name(s))));
}

std::string clean_model_name(std::string_view printed) {
    std::string s = strip_html(printed);
    s = strip_markdown(s);
    s = cut_at_pointer(clean_board_name(s));
    s = map_cjk_punctuation(fold_nfkc_casefold(s));
    // Decorations may only show once the residue around them is gone ("[Qwen](url)(new)").
    return collapse_spaces(clean_board_name(s));
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
