#include "markdown_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

namespace lbtrack::ingest::markdown {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
    // CommonMark: NUL, surrogates and values beyond Unicode become U+FFFD.
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        out += k_replacement_char;
    } else if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace

std::size_t whitespace_at(std::string_view s, std::size_t i) {
    switch (s[i]) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
        return 1;
    default:
        break;
    }
    if (s.substr(i, 2) == "\xC2\xA0") {
        return 2;
    }
    if (s.substr(i, 3) == "\xE3\x80\x80") {
        return 3;
    }
    return 0;
}

std::string normalize_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t n = whitespace_at(s, i); n > 0) {
            pending_space = !out.empty();
            i += n;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += s[i++];
    }
    return out;
}

void decode_entity_into(std::string& out, std::string_view entity) {
    if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
        out += entity;
        return;
    }
    const std::string_view body = entity.substr(1, entity.size() - 2);
    if (body.front() == '#') {
        const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        const std::string_view digits = body.substr(hex ? 2 : 1);
        std::uint32_t cp = 0;
        const auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
        if (ec == std::errc::result_out_of_range) {
            cp = 0x110000; // becomes U+FFFD
        } else if (ec != std::errc() || end != digits.data() + digits.size()) {
            out += entity;
            return;
        }
        append_utf8(out, cp);
        return;
    }
    static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 24> named{{
        {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
        {"apos", '\''},     {"nbsp", 0xA0},    {"ensp", 0x2002},  {"emsp", 0x2003},
        {"thinsp", 0x2009}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
        {"middot", 0xB7},   {"times", 0xD7},   {"plusmn", 0xB1},  {"deg", 0xB0},
        {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
        {"yen", 0xA5},      {"euro", 0x20AC},  {"pound", 0xA3},   {"check", 0x2713},
    }};
    const auto* hit =
        std::find_if(named.begin(), named.end(), [&](const auto& e) { return e.first == body; });
    if (hit == named.end()) {
        out += entity;
    } else {
        append_utf8(out, hit->second);
    }
}

bool is_line_break_tag(std::string_view html) {
    if (html.size() < 4 || html[0] != '<' || (html[1] != 'b' && html[1] != 'B') ||
        (html[2] != 'r' && html[2] != 'R')) {
        return false;
    }
    const char next = html[3];
    return next == '>' || next == '/' || whitespace_at(html, 3) > 0;
}

std::string attribute_text(const MD_ATTRIBUTE& attr) {
    std::string out;
    if (attr.text == nullptr) {
        return out;
    }
    for (std::size_t i = 0; attr.substr_offsets[i] < attr.size; ++i) {
        const std::string_view piece(attr.text + attr.substr_offsets[i],
                                     attr.substr_offsets[i + 1] - attr.substr_offsets[i]);
        switch (attr.substr_types[i]) {
        case MD_TEXT_ENTITY:
            decode_entity_into(out, piece);
            break;
        case MD_TEXT_NULLCHAR:
            out += k_replacement_char;
            break;
        default:
            out += piece;
            break;
        }
    }
    return out;
}

} // namespace lbtrack::ingest::markdown
