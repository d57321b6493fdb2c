#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

namespace lbtrack {

namespace {

void append_escaped(std::string& out, char32_t cp) {
    switch (cp) {
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\t':
        out += "\\t";
        break;
    default:
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    }
}

std::string escape(std::string_view text, bool keep_lines) {
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    std::size_t at = 0;
    while (at < text.size()) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t size =
            utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
        if (size <= 0) {
            // Not UTF-8 (utf8proc also refuses overlong forms and surrogates): shown as its byte.
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(bytes[at]));
            ++at;
            continue;
        }
        const auto code_point = static_cast<char32_t>(cp);
        if (is_control_code_point(code_point) &&
            !(keep_lines && (code_point == '\n' || code_point == '\t'))) {
            append_escaped(out, code_point);
        } else {
            out.append(text.substr(at, static_cast<std::size_t>(size)));
        }
        at += static_cast<std::size_t>(size);
    }
    return out;
}

} // namespace

std::string printable_text(std::string_view text) {
    return escape(text, false);
}

std::string printable_message(std::string_view text) {
    return escape(text, true);
}

} // namespace lbtrack
