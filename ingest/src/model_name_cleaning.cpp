// Cleaning a printed model name (layer 1 of docs/model-identity.md): residue and decorations
// off, then Unicode folding. The rules are name_residue.hpp and name_cleaning.hpp; this is their
// order.

#include "name_residue.hpp"
#include "unicode_fold.hpp"

#include "lbtrack/ingest/model_identity.hpp"
#include "lbtrack/ingest/name_cleaning.hpp"

namespace lbtrack::ingest {

using namespace detail;

std::string display_model_name(std::string_view printed) {
    std::string s = strip_markdown(strip_html(printed));
    return collapse_spaces(clean_board_name(cut_at_pointer(clean_board_name(s))));
}

std::string clean_model_name(std::string_view printed) {
    std::string s = strip_html(printed);
    s = strip_markdown(s);
    s = cut_at_pointer(clean_board_name(s));
    s = map_cjk_punctuation(fold_nfkc_casefold(s));
    // Decorations may only show once the residue around them is gone ("[Qwen](url)(new)").
    return collapse_spaces(clean_board_name(s));
}

} // namespace lbtrack::ingest
