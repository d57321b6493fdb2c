#include "lbtrack/ingest/payload_parser.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/csv_reader.hpp"
#include "lbtrack/ingest/html_tables.hpp"
#include "lbtrack/ingest/json_rows.hpp"
#include "lbtrack/ingest/markdown_tables.hpp"
#include "lbtrack/ingest/wide_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace lbtrack::ingest {

namespace {

/// True when the payload starts like an HTML document (after a BOM and whitespace).
bool looks_like_html(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    }
    while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.front())) != 0) {
        bytes.remove_prefix(1);
    }
    std::string head(bytes.substr(0, 15));
    std::ranges::transform(head, head.begin(), [](unsigned char c) { return std::tolower(c); });
    return head.starts_with("<!doctype html") || head.starts_with("<html") ||
           head.starts_with("<head") || head.starts_with("<body");
}

} // namespace

table parse_payload(std::string_view bytes, const source& src, const std::string& origin) {
    if ((src.format == "csv" || src.format == "json") && looks_like_html(bytes)) {
        throw parse_error(src.id, origin, 1, 0,
                          fmt::format("expected {} but the payload is an HTML page (an error or "
                                      "login page?)",
                                      src.format == "csv" ? "CSV" : "JSON"));
    }
    if (src.layout == table_layout::wide) {
        if (src.format != "csv") {
            throw validation_error(src.id, fmt::format("layout \"wide\" is read from CSV only, "
                                                       "not from format '{}'",
                                                       src.format));
        }
        return read_wide_table(read_csv(bytes, src.id, origin), src.id, origin);
    }
    if (src.format == "csv") {
        return read_csv(bytes, src.id, origin, src.malformed_rows == malformed_row_policy::skip);
    }
    if (src.format == "json") {
        return read_json_rows(bytes, {src.rows_pointer, src.json_key_column}, src.id, origin);
    }
    if (src.format == "html") {
        return take_html_table(read_html_tables_with_headings(bytes, src.id, origin),
                               {src.table_index, src.table_header, src.table_heading}, src.id,
                               origin);
    }
    if (src.format == "markdown") {
        return read_markdown_table(bytes,
                                   {src.table_index, src.table_header, src.link_text_columns,
                                    src.text_without_link_columns, src.table_heading},
                                   src.id, origin);
    }
    throw validation_error(src.id, fmt::format("format '{}' has no parser", src.format));
}

} // namespace lbtrack::ingest
