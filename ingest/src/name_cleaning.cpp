// Board decorations are recognised by code point at either end of the name; the name itself is
// never looked into, so no decoration rule can damage a name that merely contains such a
// character in its middle.

#include "lbtrack/ingest/name_cleaning.hpp"

#include "lbtrack/core/utf8_text.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace lbtrack::ingest {

namespace {

/// The first character of `s`; std::nullopt when `s` is empty or does not start with a valid
/// UTF-8 sequence (the name is then left as it is at that end).
std::optional<utf8_char> first_code_point(std::string_view s) {
    return s.empty() ? std::nullopt : utf8_char_at(s, 0);
}

/// The last character of `s`, likewise.
std::optional<utf8_char> last_code_point(std::string_view s) {
    return s.empty() ? std::nullopt : utf8_char_before(s, s.size());
}

// Hands and arrows that point at a link next to the name; none is ever part of a model name:
// ☚ ☛ ☜ ☝ ☞ ☟, 👆 👇 👈 👉, ← → ⇒ ➡ ⬅ ➜ ➤ ▶ ►.
constexpr std::array<char32_t, 19> pointing_marks{
    U'\u261A',     U'\u261B',     U'\u261C',     U'\u261D', U'\u261E', U'\u261F', U'\U0001F446',
    U'\U0001F447', U'\U0001F448', U'\U0001F449', U'\u2190', U'\u2192', U'\u21D2', U'\u27A1',
    U'\u2B05',     U'\u279C',     U'\u27A4',     U'\u25B6', U'\u25BA'};

constexpr char32_t new_button = U'\U0001F195'; // 🆕

/// Also every arrow (U+2190..U+21FF: SuperCLUE's "[GPT-4 ↗](…)", 2023-08) and every pictograph
/// of the emoji planes (U+1F300..U+1FAFF: modelrank's "📑" link to a model's details beside each
/// of its 4,576 names, 2025-04; lmarena's blog medals "🥇"): no model is named with one at
/// either end of its name.
bool is_decoration(char32_t c) {
    return c == new_button || std::ranges::find(pointing_marks, c) != pointing_marks.end() ||
           (c >= U'\u2190' && c <= U'\u21FF') || (c >= U'\U0001F300' && c <= U'\U0001FAFF');
}

/// Emoji variation selectors and skin-tone modifiers: they belong to the mark before them.
bool is_modifier(char32_t c) {
    return c == U'\uFE0E' || c == U'\uFE0F' || (c >= U'\U0001F3FB' && c <= U'\U0001F3FF');
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' ||
           c == U'\u00A0' || c == U'\u3000';
}

std::string_view trim_spaces(std::string_view s) {
    for (auto c = first_code_point(s); c && is_space(c->code_point); c = first_code_point(s)) {
        s.remove_prefix(c->size);
    }
    for (auto c = last_code_point(s); c && is_space(c->code_point); c = last_code_point(s)) {
        s.remove_suffix(c->size);
    }
    return s;
}

/// `s` without a leading decoration and the modifiers after it; false when it has none.
bool strip_leading_decoration(std::string_view& s) {
    const auto mark = first_code_point(s);
    if (!mark || !is_decoration(mark->code_point)) {
        return false;
    }
    s.remove_prefix(mark->size);
    for (auto c = first_code_point(s); c && is_modifier(c->code_point); c = first_code_point(s)) {
        s.remove_prefix(c->size);
    }
    return true;
}

/// `s` without a trailing decoration and the modifiers after it; false when it has none.
bool strip_trailing_decoration(std::string_view& s) {
    std::string_view rest = s;
    for (auto c = last_code_point(rest); c && is_modifier(c->code_point);
         c = last_code_point(rest)) {
        rest.remove_suffix(c->size);
    }
    const auto mark = last_code_point(rest);
    if (!mark || !is_decoration(mark->code_point)) {
        return false;
    }
    rest.remove_suffix(mark->size);
    s = rest;
    return true;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
    const auto lower = [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return std::ranges::equal(a, b, [&](char x, char y) { return lower(x) == lower(y); });
}

/// `s` without a trailing "(new)" / "（new）" (any ASCII case, either kind of parenthesis); false
/// when it has none. The marker only says the board added the row recently, which the diff
/// knows better; it is not recorded anywhere for now.
bool strip_new_marker(std::string_view& s) {
    constexpr std::array<std::string_view, 2> opens{"(", "\uFF08"};
    constexpr std::array<std::string_view, 2> closes{")", "\uFF09"};
    for (const auto close : closes) {
        if (!s.ends_with(close)) {
            continue;
        }
        const auto inner = s.substr(0, s.size() - close.size());
        for (const auto open : opens) {
            const std::size_t marker = open.size() + 3;
            if (inner.size() >= marker &&
                inner.substr(inner.size() - marker, open.size()) == open &&
                iequals_ascii(inner.substr(inner.size() - 3), "new")) {
                s = inner.substr(0, inner.size() - marker);
                return true;
            }
        }
    }
    return false;
}

} // namespace

std::string clean_board_name(std::string_view name) {
    std::string_view s = trim_spaces(name);
    // Decorations nest ("qwen2.5-7b-instruct(new)☛"), so peel until none is left.
    while (strip_leading_decoration(s) || strip_trailing_decoration(s) || strip_new_marker(s)) {
        s = trim_spaces(s);
    }
    return std::string(s);
}

} // namespace lbtrack::ingest
