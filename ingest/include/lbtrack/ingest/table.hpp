#pragma once
// The format-neutral result of parsing a payload: a header and rows of text cells.

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace lbtrack::ingest {

struct table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    /// For each row, the 1-based line of the payload where it starts (used in error messages,
    /// so a user can open the file at the right place even when quoted cells span lines).
    std::vector<std::size_t> row_lines;
    /// Where a cell read as its link's text (a source's link_text_columns) linked to: (row,
    /// column) index -> URL. Sparse: only such cells with a link. CMMLU prints
    /// "[Qwen2-72B](https://huggingface.co/Qwen/Qwen2-72B-Instruct)": the text is the board's
    /// name, the target can say which model it is (ingest/linked_model.hpp).
    std::map<std::pair<std::size_t, std::size_t>, std::string> link_targets = {};
};

} // namespace lbtrack::ingest
