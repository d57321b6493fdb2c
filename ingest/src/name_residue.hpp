#pragma once
// Layer 1 of model identity, the text: what a name picks up on its way from a page to a cell
// (HTML and Markdown residue, "try it" pointers, CJK punctuation, runs of spaces), removed before
// anything reads the name. Private to lbtrack_ingest.

#include <string>
#include <string_view>

namespace lbtrack::ingest::detail {

/// HTML residue out of a name copied from a page: tags dropped, entities decoded. A '<' that
/// does not start a tag ("<think>" would, "a < b" does not) is kept.
std::string strip_html(std::string_view s);

/// Markdown residue: "[text](url)" is its text, an image "![alt](url)" is nothing, emphasis
/// marks and code ticks go.
std::string strip_markdown(std::string_view s);

/// A pointing hand inside the name starts a "try it" decoration ("qwen2.5-7b☛去体验" once the
/// link was flattened to its text): everything from it on is not the name.
std::string cut_at_pointer(std::string s);

/// CJK brackets and dashes that NFKC leaves alone, mapped to their ASCII meaning.
std::string map_cjk_punctuation(std::string_view s);

/// `s` with every run of the bytes in `separators` written as one `joiner`, and none at either
/// end: "a  b" -> "a b" with spaces, "Qwen 2_5" -> "Qwen-2-5" with " _" and '-'.
std::string collapse_runs(std::string_view s, std::string_view separators, char joiner);

/// Runs of ASCII whitespace as one space, trimmed.
std::string collapse_spaces(std::string_view s);

} // namespace lbtrack::ingest::detail
