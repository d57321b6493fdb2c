#pragma once
// The --format values of the query commands, parsed once by the command line (cli.cpp), so a
// command switches over a closed set instead of comparing strings. Each command accepts its own
// subset; CLI11 checks the subset before the value reaches here.

#include <string>
#include <string_view>

namespace lbtrack::app {

enum class output_format { text, md, csv, json, tsv, svg };

/// The value as typed on the command line ("md", not "markdown").
std::string to_string(output_format format);

/// Throws lbtrack::usage_error for a name that is none of the above.
output_format parse_output_format(std::string_view name);

/// text and md: formats for a reader, with titles and notes around the table.
inline bool for_reader(output_format format) {
    return format == output_format::text || format == output_format::md;
}

} // namespace lbtrack::app
