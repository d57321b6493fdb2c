// The words of a model name and what each is: the tokenizer and the token classes of layer 2
// (docs/model-identity.md).

#include "name_tokens.hpp"

namespace lbtrack::ingest::detail {

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

} // namespace lbtrack::ingest::detail
