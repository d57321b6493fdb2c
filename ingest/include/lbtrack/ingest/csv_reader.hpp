#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, embedded newlines, CRLF or LF, a UTF-8 BOM.

#include "lbtrack/ingest/table.hpp"

#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// Parses `bytes` into a table whose first record is the header. Every record must have as many
/// fields as the header, unless `keep_ragged_rows` (a source with `malformed_rows = skip`): such
/// a record is then kept as read, and extraction leaves it out with a warning. Throws
/// lbtrack::parse_error naming `source_id`, `origin` (file or URL), the line and the 1-based
/// column of the fault (unterminated quote, stray quote, wrong count).
table read_csv(std::string_view bytes, const std::string& source_id, const std::string& origin,
               bool keep_ragged_rows = false);

} // namespace lbtrack::ingest
