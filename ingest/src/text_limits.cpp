#include "lbtrack/ingest/text_limits.hpp"

#include "lbtrack/core/printable_text.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

namespace lbtrack::ingest {

std::optional<std::string> text_field_fault(std::string_view text, std::size_t max_bytes) {
    // The size first: a 50 MB cell is refused without being read through.
    if (text.size() > max_bytes) {
        return fmt::format("{} bytes, over the limit of {}", text.size(), max_bytes);
    }
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    std::size_t at = 0;
    while (at < text.size()) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t size =
            utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
        if (size <= 0) {
            return fmt::format("invalid UTF-8 at byte {} (0x{:02x})", at + 1,
                               static_cast<unsigned>(bytes[at]));
        }
        if (is_control_code_point(static_cast<char32_t>(cp))) {
            return fmt::format("control character U+{:04X} at byte {}", static_cast<unsigned>(cp),
                               at + 1);
        }
        at += static_cast<std::size_t>(size);
    }
    return std::nullopt;
}

} // namespace lbtrack::ingest
