#pragma once
// What a text field of an entry may hold before it is stored. Upstream pages are not ours: a
// byte PostgreSQL refuses (invalid UTF-8, NUL) or a name too long for a btree index used to
// fail inside the database, with no source, file, row or column, and abort the whole run
// (issue 16). These checks run before anything is stored, so the payload fails alone.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// Model names (raw_name and the model keys made from it). The longest real name across the 37
/// boards is 107 bytes (modelrank-openllm-html, 2025-04-05). The binding limit is PostgreSQL's
/// btree maximum of 2704 bytes per index row (8 kB pages): model.canonical_key and
/// model_alias.alias are unique keys, and the entry_model_history index INCLUDEs raw_name and
/// variant. 512 keeps raw_name + variant + the numbers of an index row far below it, and a key made
/// from a 512-byte name by NFKC folding can grow past it only with pathological characters (checked
/// again after folding).
constexpr std::size_t max_model_name_bytes = 512;
/// A model cell as printed, before board decorations (a trailing "☛[去体验](…)", "(new)") are
/// cleaned off: no cell this long cleans down to max_model_name_bytes. Refused as soon as the row
/// is read, before cleaning and Unicode folding copy it several times over (a 50 MB cell took
/// 1.46 GB before failing, issue 16).
constexpr std::size_t max_printed_name_bytes = 4 * max_model_name_bytes;
/// The variant ("bfloat16", "fp8"): in the entry_model_history index with the name.
constexpr std::size_t max_variant_bytes = 256;
/// Organization, license, knowledge cutoff, metric names and units: not indexed; the longest
/// real value is 49 bytes (a BFCL license, 2025-03-24). A kilobyte rejects a runaway cell (a page's
/// whole text pulled into one cell by a broken table) instead of storing it on every row of every
/// day.
constexpr std::size_t max_text_field_bytes = 1024;

/// Why `text` cannot be stored in a field limited to `max_bytes`, or nothing when it can: not
/// valid UTF-8 (checked with utf8proc, which also refuses overlong forms and surrogates, as
/// PostgreSQL does), a control character (C0 including NUL, tab and line breaks, DEL, C1), or
/// longer than `max_bytes`. The reason names the byte offset and shows the character escaped.
std::optional<std::string> text_field_fault(std::string_view text, std::size_t max_bytes);

} // namespace lbtrack::ingest
