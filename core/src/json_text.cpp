#include "lbtrack/core/json_text.hpp"

#include <fmt/format.h>

namespace lbtrack {

void append_json_escape(std::string& out, char32_t code_point) {
    switch (code_point) {
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
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(code_point));
    }
}

std::string json_quote(std::string_view text) {
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            append_json_escape(out, static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace lbtrack
