#pragma once
// HTML pages -> tables: every <table> of a page (leaderboards published as web pages, e.g.
// OpenCompass), laid out the way a browser shows it so that columns line up.

#include "lbtrack/ingest/table.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

/// Every <table> of `html`, in document order (a table nested in a cell of another comes right
/// after it and is not part of the outer table's rows).
///
/// - Header: the first row of <thead> that has a <th> cell, else the table's first row. Rows
///   above the header (titles, super-headers) are dropped.
/// - Cell text: all descendant text with entities decoded, <br> and block elements read as a
///   space, no-break spaces as spaces, whitespace collapsed and trimmed; <script>, <style> and
///   <template> contents are ignored.
/// - colspan repeats the cell's text in every column it spans; rowspan carries it down into the
///   following rows of the same row group (rowspan="0": to the end of the group).
/// - Rows made only of <th> after the header (section separators such as "Open models") and
///   rows with no cell of their own are skipped. Rows shorter than the header are padded with
///   empty cells; longer rows keep their extra cells (no header names them).
/// - row_lines: the line of each row's <tr> in `html`.
///
/// A table with nothing after its header is returned with no rows. Gumbo recovers from any
/// malformed markup as browsers do, so this throws (lbtrack::parse_error naming `source_id` and
/// `origin`) only for a page that would cost far more than its size (time and memory stay in
/// proportion to the page):
/// - elements nested more than max_html_depth (256) deep (html_nesting.hpp), at the line of the
///   tag that went too deep, before gumbo reads the page;
/// - markup that makes gumbo hold more than 4 MiB + 40 bytes per byte of the page (elements
///   reopened on every line; ~150 bytes a node);
/// - tables laid out in more than 1 MiB + 32 bytes per byte of the page of cells (text plus a
///   string each): colspan and rowspan copy text, and a few KB of spans would otherwise take
///   gigabytes;
/// - or if the parser itself fails.
std::vector<table> read_html_tables(std::string_view html, const std::string& source_id,
                                    const std::string& origin);

/// A table of a page with the text that introduces it.
struct html_table {
    /// The text of the table's <caption>, else of the nearest <h1>..<h6> or <summary> before it
    /// in document order; empty when there is none.
    std::string heading;
    table content;
};

/// read_html_tables with each table's heading. When `last_heading` is given, it receives the
/// text of the last heading or <summary> of the page (after its last table or not): a Markdown
/// page that embeds HTML passes it on to the tables that follow (cmmlu's
/// `<details><summary>Five-shot</summary>` above a pipe table, 2023-06 .. 2024-12).
std::vector<html_table> read_html_tables_with_headings(std::string_view html,
                                                       const std::string& source_id,
                                                       const std::string& origin,
                                                       std::string* last_heading = nullptr);

/// Which table of a page a source reads.
struct html_table_choice {
    std::optional<std::size_t> index; ///< by 0-based position...
    /// ...and/or the first table whose header has a cell equal to one of these (trimmed,
    /// case-sensitive; several for a board that renamed the column: "Model", "Model Name")...
    std::vector<std::string> headers;
    /// ...and/or whose heading contains one of these texts (case-insensitive). Every rule given
    /// must hold.
    std::vector<std::string> heading;
};

/// The table `choice` picks among `tables`, moved out of them. With an index, the table at that
/// position must also satisfy the other rules. Throws lbtrack::parse_error saying the page has no
/// table matching the choice, and listing the tables found, when none does.
table take_html_table(std::vector<html_table>&& tables, const html_table_choice& choice,
                      const std::string& source_id, const std::string& origin);

/// The table a source reads from a page:
/// - `index` set: tables[*index]; when `required_header` is not empty, that table's header must
///   also have it (a guard against a page whose tables were reordered);
/// - otherwise the first table whose header has a cell equal to `required_header` (both trimmed,
///   case-sensitive); an empty `required_header` then means the first table.
/// Throws lbtrack::parse_error naming what was looked for and listing the header cells of the
/// tables found when nothing matches.
const table& select_table(const std::vector<table>& tables, std::optional<std::size_t> index,
                          const std::string& required_header, const std::string& source_id,
                          const std::string& origin);

} // namespace lbtrack::ingest
