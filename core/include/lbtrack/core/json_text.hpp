#pragma once
// Writing JSON by hand for reports: simdjson only parses, and our outputs are small and flat.

#include <string>
#include <string_view>

namespace lbtrack {

/// Appends the JSON escape of a control character: "\n", "\r", "\t", else "\u001b" (the
/// form printable_text shows control characters in too).
void append_json_escape(std::string& out, char32_t code_point);

/// `text` as a JSON string literal, quotes included; control characters escaped.
std::string json_quote(std::string_view text);

} // namespace lbtrack
