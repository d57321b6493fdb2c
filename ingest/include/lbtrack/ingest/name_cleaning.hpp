#pragma once
// Board decorations around model names. Some boards dress up the name cell: a pointing hand
// before a "try it" link ("Qwen3-14B☛[去体验](url)"), a "(new)" marker on recent additions. These
// are not part of the name and must not reach the model key, or the same model would get a new
// identity the day its marker appears or disappears.

#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// `name` without board decorations, repeatedly until none is left:
///  - surrounding whitespace (ASCII, U+00A0 NO-BREAK SPACE, U+3000 IDEOGRAPHIC SPACE);
///  - leading and trailing pointing marks: hands ☚ ☛ ☜ ☞ ☝ ☟ 👈 👉 👆 👇 and arrows ← → ⇒ ➡ ⬅ ➜ ➤
///    ▶ ►, with any emoji variation selector or skin-tone modifier after them;
///  - a trailing "new" marker: "(new)" or "（new）" in any ASCII case, or 🆕 (also leading).
/// So "Qwen3-14B☛" and "qwen2.5-7b-instruct(new)☛" give "Qwen3-14B" and "qwen2.5-7b-instruct".
/// Nothing else changes: case, prefixes and inner text are model_key's business. A name that is
/// all decoration gives "".
std::string clean_board_name(std::string_view name);

} // namespace lbtrack::ingest
