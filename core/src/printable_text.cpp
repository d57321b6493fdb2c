#include "lbtrack/core/printable_text.hpp"

#include "lbtrack/core/json_text.hpp"

#include <fmt/format.h>

namespace lbtrack {

namespace {

std::string escape(std::string_view text, bool keep_lines) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const auto c = utf8_char_at(text, at);
        if (!c) {
            // Not UTF-8: shown as its byte.
            out += fmt::format("\\x{:02x}",
                               static_cast<unsigned>(static_cast<unsigned char>(text[at])));
            ++at;
            continue;
        }
        if (is_control_code_point(c->code_point) &&
            !(keep_lines && (c->code_point == '\n' || c->code_point == '\t'))) {
            append_json_escape(out, c->code_point);
        } else {
            out.append(text.substr(at, c->size));
        }
        at += c->size;
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
