#pragma once
// Escaping upstream text (model names, board titles, units, failure messages) for the HTML report
// and the SVG charts. One function serves both: its output is valid in HTML text, in quoted HTML
// attributes and in XML 1.0, so a chart is the same markup inline in the page and as a file.

#include "lbtrack/core/utf8_text.hpp"

#include <string>
#include <string_view>

namespace lbtrack::diff::detail {

/// Length of the valid UTF-8 sequence at the start of non-empty `s`, or 0 when it is not one
/// (utf8_char_at says which; svg_chart.cpp measures labels with it).
inline std::size_t utf8_sequence_length(std::string_view s) {
    const auto character = utf8_char_at(s, 0);
    return character ? character->size : 0;
}

/// `text` escaped for HTML and XML: & < > " ' become references; control characters XML 1.0
/// forbids are dropped, and bytes that are not UTF-8 become U+FFFD, because one bad byte from
/// an upstream page would otherwise make a whole SVG document unreadable.
inline std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        case '\t':
        case '\n':
        case '\r':
            out += c;
            break;
        default: {
            const auto character = utf8_char_at(text, i);
            if (!character) {
                out += utf8_replacement;
                break;
            }
            const std::size_t length = character->size;
            if (length == 1 && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)) {
                break;
            }
            // U+FFFE and U+FFFF are not XML characters either.
            if (character->code_point == 0xFFFE || character->code_point == 0xFFFF) {
                out += utf8_replacement;
                i += length;
                continue;
            }
            out.append(text.substr(i, length));
            i += length;
            continue;
        }
        }
        ++i;
    }
    return out;
}

} // namespace lbtrack::diff::detail
