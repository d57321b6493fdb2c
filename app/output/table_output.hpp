#pragma once
// One small table in the query formats: aligned text for a terminal, a Markdown pipe table, CSV
// (RFC 4180) or a JSON array of objects. Query commands (board, movers) build rows of strings
// and let this print them, so every query speaks every format the same way.

#include "output/output_format.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace lbtrack::app {

struct output_table {
    std::vector<std::string> columns;
    /// Per column: true when its cells are JSON numbers (written bare; "" becomes null).
    std::vector<bool> numeric;
    std::vector<std::vector<std::string>> rows;
};

/// Prints `t` as text, md, csv or json. Throws lbtrack::usage_error for another format.
void print_table(const output_table& t, output_format format, std::ostream& out);

} // namespace lbtrack::app
