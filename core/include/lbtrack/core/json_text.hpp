#pragma once
// Writing JSON by hand for reports: simdjson only parses, and our outputs are small and flat.

#include <string>
#include <string_view>

namespace lbtrack {

/// `text` as a JSON string literal, quotes included; control characters escaped.
std::string json_quote(std::string_view text);

} // namespace lbtrack
