#pragma once
// Escaping upstream text (model names, board titles, units, failure messages) for the HTML report
// and the SVG charts. One function serves both: its output is valid in HTML text, in quoted HTML
// attributes and in XML 1.0, so a chart is the same markup inline in the page and as a file.

#include <string>
#include <string_view>

namespace lbtrack::diff::detail {

/// Length of the valid UTF-8 sequence at the start of `s`, or 0 when it is not one (a stray
/// continuation byte, a truncated or overlong sequence, a surrogate, past U+10FFFF).
inline std::size_t utf8_sequence_length(std::string_view s) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto continuation = [&](std::size_t i) {
        return i < s.size() && (byte(i) & 0xC0) == 0x80;
    };
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        return continuation(1) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (!continuation(1) || !continuation(2)) {
            return 0;
        }
        const bool overlong = lead == 0xE0 && byte(1) < 0xA0;
        const bool surrogate = lead == 0xED && byte(1) >= 0xA0;
        return overlong || surrogate ? 0 : 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (!continuation(1) || !continuation(2) || !continuation(3)) {
            return 0;
        }
        const bool overlong = lead == 0xF0 && byte(1) < 0x90;
        const bool too_large = lead == 0xF4 && byte(1) >= 0x90;
        return overlong || too_large ? 0 : 4;
    }
    return 0;
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
            const auto length = utf8_sequence_length(text.substr(i));
            if (length == 0) {
                out += "\xEF\xBF\xBD"; // U+FFFD
                break;
            }
            if (length == 1 && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)) {
                break;
            }
            // U+FFFE and U+FFFF are not XML characters either.
            if (length == 3 && text.substr(i, 2) == "\xEF\xBF" &&
                static_cast<unsigned char>(text[i + 2]) >= 0xBE) {
                out += "\xEF\xBF\xBD";
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
