#pragma once
// The format-neutral result of parsing a payload: a header and rows of text cells.

#include <cstddef>
#include <string>
#include <vector>

namespace lbtrack::ingest {

struct table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    /// For each row, the 1-based line of the payload where it starts (used in error messages,
    /// so a user can open the file at the right place even when quoted cells span lines).
    std::vector<std::size_t> row_lines;
};

} // namespace lbtrack::ingest
