#include "lbtrack/ingest/value_parse.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

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
    std::string_view unsigned_text; ///< everything after the sign
};

std::size_t count_digits(std::string_view s, std::size_t from) {
    std::size_t n = 0;
    while (from + n < s.size() && is_digit(s[from + n])) {
        ++n;
    }
    return n;
}

/// [+-] (digits | d{1,3}(,ddd)+) [. digits] [(e|E) [+-] digits], with at least one mantissa digit.
/// Written by hand because from_chars alone would also take "inf", "nan" and a trailing '.'.
std::optional<number_parts> scan_number(std::string_view s) {
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
    while (i < s.size() && s[i] == ',') {
        // Every group after a separator has exactly three digits, and the first one one to three.
        if (first_group == 0 || first_group > 3 || count_digits(s, i + 1) != 3) {
            return std::nullopt;
        }
        parts.grouped = true;
        i += 4;
    }
    parts.integer = s.substr(integer_start, i - integer_start);

    if (i < s.size() && s[i] == '.') {
        const std::size_t n = count_digits(s, i + 1);
        if (n == 0) {
            return std::nullopt; // "5." and "." are typos more often than numbers
        }
        parts.fraction = s.substr(i + 1, n);
        i += 1 + n;
    }
    if (parts.integer.empty() && parts.fraction.empty()) {
        return std::nullopt;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        const std::size_t start = i;
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            ++i;
        }
        const std::size_t n = count_digits(s, i);
        if (n == 0) {
            return std::nullopt;
        }
        i += n;
        parts.exponent = s.substr(start, i - start);
    }
    if (i != s.size()) {
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
    // from_chars takes a '-' but not a '+', and no separators.
    std::string_view text = parts->negative ? s : parts->unsigned_text;
    std::array<char, max_number_length> buffer{};
    if (parts->grouped) {
        const auto n = copy_without_separators(*parts, buffer, true);
        if (!n) {
            return std::nullopt;
        }
        text = std::string_view(buffer.data(), *n);
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt; // out of range ("1e999") included
    }
    return value;
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

std::optional<confidence_interval> parse_ci(std::string_view cell) noexcept {
    std::string_view s = trim_whitespace(cell);
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

} // namespace lbtrack::ingest
