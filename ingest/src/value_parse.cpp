#include "lbtrack/ingest/value_parse.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <system_error>
#include <utility>

namespace lbtrack::ingest {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b,
                              [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

/// The pieces of a syntactically valid decimal number; views into the caller's text.
struct number_parts {
    bool negative = false;
    std::string_view integer;       ///< digits before the point, thousands separators included
    bool grouped = false;           ///< `integer` contains thousands separators
    std::string_view fraction;      ///< digits after the point (may be empty)
    std::string_view exponent;      ///< "e-3" etc., empty when absent
    std::string_view unsigned_text; ///< the number after its sign
    std::size_t length = 0;         ///< bytes of the number, sign included
};

std::size_t count_digits(std::string_view s, std::size_t from) {
    std::size_t n = 0;
    while (from + n < s.size() && is_digit(s[from + n])) {
        ++n;
    }
    return n;
}

/// The longest number at the start of `s`:
/// [+-] (digits | d{1,3}(,ddd)+) [. digits] [(e|E) [+-] digits], with at least one mantissa digit.
/// A separator, point or exponent marker not followed by what it needs ends the number before
/// it, so "1,5" scans as "1" and "5." as "5"; callers that want a whole cell compare `length`.
/// Written by hand because from_chars alone would also take "inf", "nan" and a trailing '.'.
std::optional<number_parts> scan_number_prefix(std::string_view s) {
    number_parts parts;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        parts.negative = s[i] == '-';
        ++i;
    }
    parts.unsigned_text = s.substr(i);

    const std::size_t integer_start = i;
    const std::size_t first_group = count_digits(s, i);
    i += first_group;
    // Every group after a separator has exactly three digits, and the first one one to three.
    while (i < s.size() && s[i] == ',' && first_group >= 1 && first_group <= 3 &&
           count_digits(s, i + 1) == 3) {
        parts.grouped = true;
        i += 4;
    }
    parts.integer = s.substr(integer_start, i - integer_start);

    // "5." and "." are typos more often than numbers: the point needs digits after it.
    if (i < s.size() && s[i] == '.') {
        if (const std::size_t n = count_digits(s, i + 1); n > 0) {
            parts.fraction = s.substr(i + 1, n);
            i += 1 + n;
        }
    }
    if (parts.integer.empty() && parts.fraction.empty()) {
        return std::nullopt;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) {
            ++j;
        }
        if (const std::size_t n = count_digits(s, j); n > 0) {
            parts.exponent = s.substr(i, j + n - i);
            i = j + n;
        }
    }
    parts.unsigned_text = parts.unsigned_text.substr(0, i - integer_start);
    parts.length = i;
    return parts;
}

/// The number spelled by the whole of `s` (no surrounding text).
std::optional<number_parts> scan_number(std::string_view s) {
    auto parts = scan_number_prefix(s);
    if (!parts || parts->length != s.size()) {
        return std::nullopt;
    }
    return parts;
}

/// Longest number text we copy to drop separators. A longer number is not a leaderboard value.
constexpr std::size_t max_number_length = 128;

/// `parts.integer` with its thousands separators dropped, into `buffer`, after an optional '-'.
/// Returns the length written, or nothing when the text does not fit.
std::optional<std::size_t> copy_without_separators(const number_parts& parts,
                                                   std::array<char, max_number_length>& buffer,
                                                   bool include_rest) {
    std::size_t n = 0;
    const auto put = [&](char c) {
        if (n == buffer.size()) {
            return false;
        }
        buffer[n++] = c;
        return true;
    };
    if (parts.negative && !put('-')) {
        return std::nullopt;
    }
    for (const char c : parts.integer) {
        if (c != ',' && !put(c)) {
            return std::nullopt;
        }
    }
    if (include_rest) {
        if (!parts.fraction.empty() && !put('.')) {
            return std::nullopt;
        }
        for (const char c : parts.fraction) {
            if (!put(c)) {
                return std::nullopt;
            }
        }
        for (const char c : parts.exponent) {
            if (!put(c)) {
                return std::nullopt;
            }
        }
    }
    return n;
}

/// The value of `number`, the text `parts` was scanned from; std::nullopt when it is out of
/// the range of a double ("1e999") or too long to copy.
std::optional<double> number_value(std::string_view number, const number_parts& parts) {
    // from_chars takes a '-' but not a '+', and no separators.
    std::string_view text = parts.negative ? number.substr(0, parts.length) : parts.unsigned_text;
    std::array<char, max_number_length> buffer{};
    if (parts.grouped) {
        const auto n = copy_without_separators(parts, buffer, true);
        if (!n) {
            return std::nullopt;
        }
        text = std::string_view(buffer.data(), *n);
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

/// A number written without a sign: the halves of a confidence interval.
std::optional<double> parse_unsigned(std::string_view text) {
    text = trim_whitespace(text);
    if (text.empty() || !(is_digit(text.front()) || text.front() == '.')) {
        return std::nullopt;
    }
    return parse_number(text);
}

/// `text` without `prefix` when it starts with it.
bool consume_prefix(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix)) {
        return false;
    }
    text.remove_prefix(prefix.size());
    return true;
}

} // namespace

std::string_view trim_whitespace(std::string_view s) noexcept {
    constexpr std::string_view blanks = " \t\r\n\v\f";
    const auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

bool is_missing_value(std::string_view cell) noexcept {
    const auto s = trim_whitespace(cell);
    if (s.empty() || s == "-" || s == "\u2014" || s == "\u6682\u65e0\u6570\u636e") {
        return true;
    }
    constexpr std::array<std::string_view, 5> words{"n/a", "na", "null", "none", "nan"};
    return std::ranges::any_of(words, [&](std::string_view w) { return iequals_ascii(s, w); });
}

std::optional<double> parse_number(std::string_view cell) noexcept {
    const auto s = trim_whitespace(cell);
    const auto parts = scan_number(s);
    if (!parts) {
        return std::nullopt;
    }
    return number_value(s, *parts);
}

std::optional<std::int64_t> parse_integer(std::string_view cell) noexcept {
    const auto parts = scan_number(trim_whitespace(cell));
    if (!parts || parts->integer.empty() || !parts->exponent.empty() ||
        !std::ranges::all_of(parts->fraction, [](char c) { return c == '0'; })) {
        return std::nullopt;
    }
    std::array<char, max_number_length> buffer{};
    const auto n = copy_without_separators(*parts, buffer, false);
    if (!n) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(buffer.data(), buffer.data() + *n, value);
    if (ec != std::errc{} || end != buffer.data() + *n) {
        return std::nullopt;
    }
    return value;
}

namespace {

/// "(-1.81, +2.42)", "(-2.1, 2.0)" and "(-1.1 / +1.1)": the lower bound first with its '-', then
/// the upper one with or without '+' (arena-hard-auto's README and CSVs, 2024-2025). `s` is
/// what the parentheses hold.
std::optional<confidence_interval> parse_bracketed_ci(std::string_view s) noexcept {
    const auto separator = s.find_first_of(",/");
    if (separator == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view lower = trim_whitespace(s.substr(0, separator));
    std::string_view upper = trim_whitespace(s.substr(separator + 1));
    // The lower bound carries its '-', except a zero one: the baseline model of arena-hard-auto
    // (gpt-4-0314, the judge's reference) is printed "(0.0, 0.0)" (README, 2024-06 on).
    const bool signed_lower = consume_prefix(lower, "-");
    consume_prefix(upper, "+");
    const auto minus = parse_unsigned(lower);
    const auto plus = parse_unsigned(upper);
    if (!plus || !minus || (!signed_lower && *minus != 0)) {
        return std::nullopt;
    }
    return confidence_interval{*plus, *minus};
}

} // namespace

std::optional<confidence_interval> parse_ci(std::string_view cell) noexcept {
    std::string_view s = trim_whitespace(cell);
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
        return parse_bracketed_ci(s.substr(1, s.size() - 2));
    }
    // A symmetric interval: "±3" (U+00B1) or its ASCII spelling "+/-3".
    if (consume_prefix(s, "\u00b1") || consume_prefix(s, "+/-")) {
        const auto half = parse_unsigned(s);
        if (!half) {
            return std::nullopt;
        }
        return confidence_interval{*half, *half};
    }
    const auto slash = s.find('/');
    if (slash == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view upper = trim_whitespace(s.substr(0, slash));
    std::string_view lower = trim_whitespace(s.substr(slash + 1));
    consume_prefix(upper, "+");
    if (!consume_prefix(lower, "-")) {
        return std::nullopt;
    }
    const auto plus = parse_unsigned(upper);
    const auto minus = parse_unsigned(lower);
    if (!plus || !minus) {
        return std::nullopt;
    }
    return confidence_interval{*plus, *minus};
}

std::optional<int> parse_medal(std::string_view cell) noexcept {
    std::string_view s = trim_whitespace(cell);
    // The emoji presentation selector U+FE0F that some editors add ("🏅️", SuperCLUE 2023-12).
    constexpr std::string_view emoji_presentation = "\ufe0f";
    if (s.ends_with(emoji_presentation)) {
        s.remove_suffix(emoji_presentation.size());
        s = trim_whitespace(s);
    }
    // U+1F3C5 SPORTS MEDAL (SuperCLUE's first place), U+1F947..U+1F949 the 1st/2nd/3rd medals.
    if (s == "\U0001F3C5" || s == "\U0001F947") {
        return 1;
    }
    if (s == "\U0001F948") {
        return 2;
    }
    if (s == "\U0001F949") {
        return 3;
    }
    return std::nullopt;
}

namespace {

bool is_ascii(std::string_view s) {
    return std::ranges::all_of(s, [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool has_digit(std::string_view s) {
    return std::ranges::any_of(s, is_digit);
}

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// ASCII letters and every byte of a non-ASCII character: what the words of units are made of.
bool is_letter_like(char c) {
    return is_ascii_letter(c) || static_cast<unsigned char>(c) >= 0x80;
}

/// utf8proc_map allocates its result with malloc; the caller must free() it.
struct free_deleter {
    void operator()(utf8proc_uint8_t* p) const noexcept { std::free(p); }
};

/// `cell` in Unicode NFKC, so full-width digits, points, signs and units ("７６．２％", "￥3")
/// read as their ASCII forms and U+00A0 / U+3000 padding becomes plain spaces; U+2212 MINUS SIGN
/// (which NFKC keeps) becomes '-'. std::nullopt for invalid UTF-8: its bytes would end up in a
/// unit that PostgreSQL's jsonb refuses.
std::optional<std::string> normalized_quantity_text(std::string_view cell) {
    if (is_ascii(cell)) {
        return std::string(cell); // its own NFKC form; most cells take this path
    }
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t length = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(cell.data()),
        static_cast<utf8proc_ssize_t>(cell.size()), &mapped,
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
    const std::unique_ptr<utf8proc_uint8_t, free_deleter> owned(mapped);
    if (length < 0 || !owned) {
        return std::nullopt;
    }
    const std::string_view mapped_text(reinterpret_cast<const char*>(owned.get()),
                                       static_cast<std::size_t>(length));
    // U+2212 MINUS SIGN, which NFKC keeps, read as '-'. Copied rather than replaced in place:
    // GCC 12 reports a false -Wrestrict on std::string::replace here.
    constexpr std::string_view unicode_minus = "\u2212";
    std::string text;
    text.reserve(mapped_text.size());
    for (std::size_t i = 0; i < mapped_text.size();) {
        if (mapped_text.substr(i, unicode_minus.size()) == unicode_minus) {
            text += '-';
            i += unicode_minus.size();
        } else {
            text += mapped_text[i++];
        }
    }
    return text;
}

/// Where the number in `s` starts: its first digit, moved back over a point right before it
/// (".5") unless a letter precedes that point ("Rs.3" is "Rs." and 3), then over a sign.
std::optional<std::size_t> number_start(std::string_view s) {
    const auto digit = std::ranges::find_if(s, is_digit);
    if (digit == s.end()) {
        return std::nullopt;
    }
    auto start = static_cast<std::size_t>(digit - s.begin());
    if (start > 0 && s[start - 1] == '.' && (start == 1 || !is_ascii_letter(s[start - 2]))) {
        --start;
    }
    if (start > 0 && (s[start - 1] == '+' || s[start - 1] == '-')) {
        --start;
    }
    return start;
}

/// A unit may hold digits only in a denominator that also names something: "/1M tokens",
/// "/1K". Anywhere else a digit means the cell holds more than one number ("1472 (+5/-5)",
/// "76.2 ± 1.3", the "5" of a European "1,5"), which must be refused rather than half read.
bool digits_allowed_in(std::string_view suffix) {
    const auto slash = suffix.find('/');
    if (has_digit(suffix.substr(0, slash))) {
        return false;
    }
    if (slash == std::string_view::npos) {
        return true;
    }
    const auto denominator = trim_whitespace(suffix.substr(slash + 1));
    if (!has_digit(denominator)) {
        return true;
    }
    return std::string_view("+-.,").find(denominator.front()) == std::string_view::npos &&
           std::ranges::any_of(denominator, is_letter_like);
}

} // namespace

std::optional<quantity> parse_quantity(std::string_view cell) {
    const auto text = normalized_quantity_text(cell);
    if (!text) {
        return std::nullopt;
    }
    const std::string_view s = trim_whitespace(*text);
    if (is_missing_value(s)) {
        return std::nullopt;
    }
    const auto start = number_start(s);
    if (!start) {
        return std::nullopt;
    }
    const auto parts = scan_number_prefix(s.substr(*start));
    if (!parts) {
        return std::nullopt;
    }
    const auto prefix = trim_whitespace(s.substr(0, *start));
    const auto suffix = trim_whitespace(s.substr(*start + parts->length));
    // A sign or slash before the number ("-$3", "/3") and a suffix that starts where a
    // malformed number stopped ("5.元", "1,5") are not a unit; nor are control characters (and
    // a NUL could not be stored in jsonb).
    const auto is_control = [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == '\x7f';
    };
    if (prefix.find_first_of("+-/") != std::string_view::npos ||
        (!suffix.empty() && (suffix.front() == '.' || suffix.front() == ',')) ||
        !digits_allowed_in(suffix) || std::ranges::any_of(prefix, is_control) ||
        std::ranges::any_of(suffix, is_control)) {
        return std::nullopt;
    }
    const auto value = number_value(s.substr(*start), *parts);
    if (!value) {
        return std::nullopt;
    }
    std::string unit(prefix);
    unit += suffix;
    return quantity{*value, std::move(unit)};
}

} // namespace lbtrack::ingest
