#include "lbtrack/diff/markup.hpp"

#include "html_escape.hpp"

namespace lbtrack::diff {

std::string escape_markup(std::string_view text) {
    return detail::escape_html(text);
}

} // namespace lbtrack::diff
