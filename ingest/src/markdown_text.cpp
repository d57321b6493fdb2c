#include "markdown_text.hpp"

#include "html_entities.hpp"

#include "lbtrack/core/utf8_text.hpp"

namespace lbtrack::ingest::markdown {

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
    const auto value = entity.size() >= 3 && entity.front() == '&' && entity.back() == ';'
                           ? detail::html_entity_value(entity.substr(1, entity.size() - 2))
                           : std::nullopt;
    if (value) {
        append_utf8(out, *value);
    } else {
        out += entity;
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
