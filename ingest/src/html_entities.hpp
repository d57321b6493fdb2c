#pragma once
// HTML character references in text that was not parsed as HTML: Markdown cells (md4c reports
// entities verbatim and leaves decoding to the renderer) and names copied from a page with their
// markup. gumbo decodes the HTML tables itself. Private to lbtrack_ingest.

#include <optional>
#include <string_view>

namespace lbtrack::ingest::detail {

/// The character `reference` stands for: the text between '&' and ';' ("amp", "#39", "#x4E2D").
/// Numeric references are decoded in full; NUL, a surrogate or a value beyond U+10FFFF stands for
/// U+FFFD (as in HTML and CommonMark). Of the 2000+ named references only those that plausibly
/// occur in leaderboard cells and names are known; nullopt for the others and for anything that
/// is not a reference, which then stays as written.
std::optional<char32_t> html_entity_value(std::string_view reference);

} // namespace lbtrack::ingest::detail
