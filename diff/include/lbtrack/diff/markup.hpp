#pragma once
// The escaping of the HTML report and the SVG charts, for other renderers of upstream text
// (`lbtrack serve`'s pages and Atom feeds), so every page lbtrack writes escapes alike.

#include <string>
#include <string_view>

namespace lbtrack::diff {

/// `text` escaped for HTML text, quoted HTML attributes, SVG and XML 1.0: & < > " ' become
/// references, control characters XML forbids are dropped, bytes that are not UTF-8 become
/// U+FFFD (see html_escape.hpp).
std::string escape_markup(std::string_view text);

} // namespace lbtrack::diff
