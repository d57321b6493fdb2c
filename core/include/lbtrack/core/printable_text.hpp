#pragma once
// Upstream text made safe to print on a terminal or in a log line. Every name lbtrack shows comes
// from pages it does not control: a name holding ESC[2J, an OSC 8 hyperlink or the C1 byte
// 0x9b (CSI) would drive the reader's terminal, a newline would start a forged line of a report.

#include "lbtrack/core/utf8_text.hpp"

#include <string>
#include <string_view>

namespace lbtrack {

/// Whether the code point is a control character: C0 (U+0000-U+001F), DEL (U+007F) or C1
/// (U+0080-U+009F). Format characters such as U+200D (the joiner inside emoji) are not.
constexpr bool is_control_code_point(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/// `text` with each control character written as an escape ("\n", "\r", "\t", else "\u001b",
/// "\u009b") and each byte that is not part of valid UTF-8 as "\xff". Printable text, including
/// every other Unicode character, is kept as is, so ordinary names print unchanged.
std::string printable_text(std::string_view text);

/// printable_text, keeping line breaks (LF) and tabs: for a whole message that lbtrack composed
/// itself, whose own line structure is meant, with names inside already made printable.
std::string printable_message(std::string_view text);

} // namespace lbtrack
