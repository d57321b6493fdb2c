#pragma once
// Layer 2 of model identity, the words: a cleaned name cut into tokens and each token judged
// (precision, size, context, version). model_identity.cpp assembles the parts from them.
// Private to lbtrack_ingest.

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest::detail {

inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_ascii_letter(char c) {
    return c >= 'a' && c <= 'z';
}
/// Bytes of non-ASCII characters (CJK names such as "文心一言") count as letters.
inline bool is_letter(char c) {
    return is_ascii_letter(c) || static_cast<unsigned char>(c) >= 0x80;
}
inline bool is_token_char(char c) {
    return is_letter(c) || is_digit(c) || c == '.';
}

inline bool all_digits(std::string_view s) {
    return !s.empty() && std::ranges::all_of(s, [](char c) { return is_digit(c); });
}

// ---- tokens ---------------------------------------------------------------------------------

/// "internlm2_5" writes version 2.5 with an underscore: an underscore between digits is a dot
/// unless the digits after it are a size ("qwen2_5_7b" is 2.5 and 7b).
std::string underscores_in_versions(std::string s);

/// Punctuation that providers put inside ids (Bedrock's "amazon.nova-pro-v1:0", Fireworks'
/// "glm-4p7") turned into what it means; see the definition for the cases.
std::string provider_punctuation(std::string s);

/// The name words: runs of letters, digits and dots; a '+' joins two words or reads "plus".
std::vector<std::string> split_tokens(std::string_view s);

/// "qwen2.5" -> "qwen" "2.5": a family written against its version, split.
std::vector<std::string> split_family_versions(const std::vector<std::string>& tokens);

// ---- token classes --------------------------------------------------------------------------

bool is_one_of(std::string_view t, std::initializer_list<std::string_view> words);

/// Precision and quantization words: a variant of one model's weights.
bool is_precision(std::string_view t);

/// A number followed by one unit letter: "7b", "8x7b", "a22b", "e4b", "128e".
bool is_size(std::string_view t);

/// A context length: "32k".
bool is_context(std::string_view t);

/// A version number: "3", "2.5", "3.1.2", "4o"; not a zero-padded number.
bool is_version(std::string_view t);

/// "1.0" -> "1", "v0.3" -> "0.3".
std::string normalize_version(std::string v);

} // namespace lbtrack::ingest::detail
