#pragma once
// Text of Markdown cells and headings as md4c hands it over: whitespace, entities, `<br>` and
// attribute strings turned into the plain text a leaderboard cell means (markdown_tables.cpp).

#include "lbtrack/core/utf8_text.hpp"

#include <md4c.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace lbtrack::ingest::markdown {

inline constexpr std::string_view k_replacement_char = utf8_replacement;

/// Byte length of the whitespace character at `i` (ASCII whitespace, U+00A0 NO-BREAK SPACE,
/// U+3000 IDEOGRAPHIC SPACE, which Chinese pages pad cells with), 0 when there is none.
std::size_t whitespace_at(std::string_view s, std::size_t i);

/// `s` trimmed, with every run of whitespace inside it replaced by one ASCII space.
std::string normalize_space(std::string_view s);

/// Appends the decoded `entity` ("&amp;", "&#x4E2D;") to `out`: md4c reports entities verbatim
/// and leaves decoding to the renderer. Which references are known: detail::html_entity_value;
/// the others stay as written.
void decode_entity_into(std::string& out, std::string_view entity);

/// True for inline `<br>`, `<br/>`, `<br />` in any case: a line break inside a cell, which
/// reads as a space. Other inline tags contribute nothing.
bool is_line_break_tag(std::string_view html);

/// The text of an md4c attribute (a link destination), entities decoded.
std::string attribute_text(const MD_ATTRIBUTE& attr);

} // namespace lbtrack::ingest::markdown
