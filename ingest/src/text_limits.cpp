#include "lbtrack/ingest/text_limits.hpp"

#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>

namespace lbtrack::ingest {

std::optional<std::string> text_field_fault(std::string_view text, std::size_t max_bytes) {
    // The size first: a 50 MB cell is refused without being read through.
    if (text.size() > max_bytes) {
        return fmt::format("{} bytes, over the limit of {}", text.size(), max_bytes);
    }
    std::size_t at = 0;
    while (at < text.size()) {
        // Printable ASCII, most of every board, needs no decoding (nor is any of it a control
        // character): skipped a byte at a time.
        if (const auto b = static_cast<unsigned char>(text[at]); b >= 0x20 && b < 0x7f) {
            ++at;
            continue;
        }
        const auto c = utf8_char_at(text, at);
        if (!c) {
            return fmt::format("invalid UTF-8 at byte {} (0x{:02x})", at + 1,
                               static_cast<unsigned>(static_cast<unsigned char>(text[at])));
        }
        if (is_control_code_point(c->code_point)) {
            return fmt::format("control character U+{:04X} at byte {}",
                               static_cast<unsigned>(c->code_point), at + 1);
        }
        at += c->size;
    }
    return std::nullopt;
}

} // namespace lbtrack::ingest
