#pragma once
// Leaderboard tables published as GitHub-flavoured Markdown pages (SuperCLUE-style rankings,
// republished arena boards, blog posts). md4c does the Markdown parsing; this layer keeps what
// a leaderboard needs: the cells' plain text, their links, the heading each table sits under and
// the line of every row, so errors can point into the page.

#include "lbtrack/ingest/table.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::ingest {

struct md_link {
    std::string text; ///< the link's text, normalised like md_cell::text
    std::string url;  ///< the destination as written (entities decoded)
};

/// What only a cell with links has: kept apart so the many cells without (ranks, scores,
/// organizations) cost one pointer, not two more strings and a vector (bench/parse_memory).
struct md_cell_links {
    std::vector<md_link> links;
    std::string text_outside_links;
};

struct md_cell {
    /// All text of the cell: links contribute their text, inline markup is removed, `<br>` is a
    /// space, escapes and entities are resolved, and whitespace (ASCII, U+00A0, U+3000) is
    /// trimmed and collapsed to single spaces. Image alt text is not part of it.
    std::string text;
    std::shared_ptr<const md_cell_links> linked; ///< null when the cell has no link

    /// Links in the cell, in order.
    const std::vector<md_link>& links() const;
    /// The cell's text without the text of its links, normalised like `text`: "Qwen3-14B☛[去体验]
    /// (url)" gives "Qwen3-14B☛". For boards whose link is a call to action next to the name.
    /// Without links it is `text`.
    const std::string& text_outside_links() const {
        return linked ? linked->text_outside_links : text;
    }
};

struct markdown_table {
    /// Text of the nearest heading above the table, any level (e.g. "（2）5B~20B开源大模型排行榜");
    /// empty when no heading precedes it.
    std::string heading;
    /// What introduces the table right above it: the paragraph just before it ("(Updated:
    /// 11/14)", "Hard Prompt, Style Control, and Gemini-2.5 as Judge:" over arena-hard-auto's
    /// blocks), or the <summary>, <caption> or <h1>..<h6> text of HTML before it (cmmlu's
    /// `<details><summary>Five-shot</summary>`); empty when none.
    std::string caption;
    std::size_t line = 0; ///< 1-based line of the header row in the page (0: not known)
    std::vector<md_cell> header;
    /// Body rows, each exactly as wide as the header. Rows whose cells are all empty are kept;
    /// in a table of three or more columns, rows with exactly one cell of text are not: they
    /// caption the rows below them (cmmlu's `| 开放测试的模型 |`, "open models", 2023-06 ..
    /// 2024-12), they are not models.
    std::vector<std::vector<md_cell>> rows;
    std::vector<std::size_t> row_lines; ///< 1-based line of each row
};

/// Every table of `page` (UTF-8 Markdown, GitHub dialect), in page order: pipe tables, the
/// tables of HTML blocks (read as read_html_tables reads a page; lmarena's 2023 blog posts), and
/// tables printed as text in code blocks (markdown::read_console_tables; arena-hard-auto's
/// README). The cells of the latter two have text and no links. Jekyll front matter
/// (a `---` block at the very top) is skipped, a UTF-8 BOM is ignored. Tables GitHub renders
/// but md4c 0.4.8 alone would not (delimiter cells of one dash such as `|-|`, a header row right
/// below a line of prose) are found too. `~` is never strikethrough ("5B~20B"). Throws
/// lbtrack::parse_error naming `source_id` and `origin` when md4c gives up (out of memory) or the
/// page is larger than md4c can address.
std::vector<markdown_table> read_markdown_tables(std::string_view page,
                                                 const std::string& source_id,
                                                 const std::string& origin);

/// select_markdown_table with a choice of `index` and one `required_header` ("": none).
const markdown_table& select_markdown_table(const std::vector<markdown_table>& tables,
                                            std::optional<std::size_t> index,
                                            const std::string& required_header,
                                            const std::string& source_id,
                                            const std::string& origin);

/// Which table of a page read_markdown_table reads, and how (see select_markdown_table and
/// to_table).
struct markdown_table_choice {
    std::optional<std::size_t> index;
    /// The table's header has a cell equal (after trim) to one of these; empty: any header.
    std::vector<std::string> required_headers;
    std::vector<std::string> link_text_columns;
    std::vector<std::string> text_without_link_columns;
    /// The table's heading or caption contains one of these texts (case-insensitive); none: any.
    std::vector<std::string> heading;
};

/// Picks the table `choice` describes: the table at `choice.index`, which must then satisfy the
/// other rules, else the first table that satisfies all of them (required_headers, heading);
/// with no rule, the first table. Throws lbtrack::parse_error(source_id, origin, 0, 0, ...)
/// saying the page has no table matching the choice, naming what was looked for and the tables
/// found (their headings and header cells).
const markdown_table& select_markdown_table(const std::vector<markdown_table>& tables,
                                            const markdown_table_choice& choice,
                                            const std::string& source_id,
                                            const std::string& origin);

/// The table select_markdown_table would choose among read_markdown_tables' result, converted
/// as to_table converts it, in one pass: only the chosen table's rows are kept, each as text
/// cells as soon as it is read, and parsing stops after it. What parse_payload uses; the peak
/// memory of reading a page is then about its table's text, not its Markdown cells and links
/// too (bench/parse_memory). Throws as read_markdown_tables and select_markdown_table do.
table read_markdown_table(std::string_view page, const markdown_table_choice& choice,
                          const std::string& source_id, const std::string& origin);

/// Converts to the format-neutral table: cell text by default; for the columns whose header is
/// named in `link_text_columns`, the text of the cell's first link with text when it has one (so
/// "[Gemini-2.5-Pro](http://...)" gives "Gemini-2.5-Pro"); for the columns named in
/// `text_without_link_columns`, md_cell::text_outside_links (so "Qwen3-14B☛[去体验](url)" gives
/// "Qwen3-14B☛"). A column named in both takes its link text. Names that match no column are
/// ignored: the source's column mapping reports missing columns. Columns whose header and cells
/// are all empty (the spacer column of SuperCLUE pages) are dropped.
table to_table(const markdown_table& t, const std::vector<std::string>& link_text_columns = {},
               const std::vector<std::string>& text_without_link_columns = {});
/// The same, taking the table apart: its strings move into the result.
table to_table(markdown_table&& t, const std::vector<std::string>& link_text_columns = {},
               const std::vector<std::string>& text_without_link_columns = {});

} // namespace lbtrack::ingest
