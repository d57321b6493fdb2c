#pragma once
// Unicode folding shared by the name normalizers (ingest-internal).

#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// NFKC + case fold (utf8proc), so full-width letters and punctuation, ligatures and case
/// variants of one name agree. Invalid UTF-8 (a board with a broken encoding) falls back to
/// ASCII lowercasing of the bytes: the result is then still stable from day to day.
std::string fold_nfkc_casefold(std::string_view raw);

} // namespace lbtrack::ingest
