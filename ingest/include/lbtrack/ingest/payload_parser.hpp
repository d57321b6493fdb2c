#pragma once
// Payload bytes -> table, by the source's format (csv, json, html, markdown) and its table
// selection options.

#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/table.hpp"

#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// Throws lbtrack::parse_error naming the source and origin: for a malformed payload, for a
/// payload of the wrong kind (an HTML error page where CSV or JSON was expected, a common answer
/// of a misconfigured mirror or a captive portal), or when the selected table is not there.
table parse_payload(std::string_view bytes, const source& src, const std::string& origin);

} // namespace lbtrack::ingest
