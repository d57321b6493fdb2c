#include "html_entities.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

namespace lbtrack::ingest::detail {

namespace {

constexpr char32_t replacement_character = 0xFFFD;

} // namespace

std::optional<char32_t> html_entity_value(std::string_view reference) {
    if (reference.empty()) {
        return std::nullopt;
    }
    if (reference.front() == '#') {
        const bool hex = reference.size() > 1 && (reference[1] == 'x' || reference[1] == 'X');
        const std::string_view digits = reference.substr(hex ? 2 : 1);
        std::uint32_t cp = 0;
        const auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
        if (ec == std::errc::result_out_of_range) {
            return replacement_character;
        }
        if (ec != std::errc() || end != digits.data() + digits.size()) {
            return std::nullopt;
        }
        // append_utf8 turns surrogates and values past U+10FFFF into U+FFFD; NUL is ours to
        // replace.
        return cp == 0 ? replacement_character : static_cast<char32_t>(cp);
    }
    static constexpr std::array<std::pair<std::string_view, char32_t>, 24> named{{
        {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
        {"apos", '\''},     {"nbsp", 0xA0},    {"ensp", 0x2002},  {"emsp", 0x2003},
        {"thinsp", 0x2009}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
        {"middot", 0xB7},   {"times", 0xD7},   {"plusmn", 0xB1},  {"deg", 0xB0},
        {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
        {"yen", 0xA5},      {"euro", 0x20AC},  {"pound", 0xA3},   {"check", 0x2713},
    }};
    const auto* hit =
        std::ranges::find(named, reference, &std::pair<std::string_view, char32_t>::first);
    if (hit == named.end()) {
        return std::nullopt;
    }
    return hit->second;
}

} // namespace lbtrack::ingest::detail
