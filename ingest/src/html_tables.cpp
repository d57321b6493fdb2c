// HTML tables through gumbo, the HTML5 parser: it repairs markup as browsers do (implicit
// <tbody>, unclosed <td>), so what we read is what a user sees on the page.
//
// The tree is walked with explicit stacks rather than recursion: a page's nesting depth is up to
// its author, and the call stack should not be.

#include "lbtrack/ingest/html_tables.hpp"

#include "gumbo_heap.hpp"
#include "table_choice.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/html_nesting.hpp"
#include "lbtrack/ingest/value_parse.hpp"

#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

namespace lbtrack::ingest {

namespace {

/// HTML's own limits (colspan at most 1000, rowspan at most 65534): a typo such as
/// colspan="1000000" must not make us build a million cells.
constexpr std::size_t max_colspan = 1000;
constexpr std::size_t max_rowspan = 65534;
/// What the laid-out tables of a page may hold, in cell bytes (each cell's text plus the
/// std::string holding it): 1 MiB, plus 32 bytes per byte of the page. colspan and rowspan copy
/// a cell's text into every cell they cover, so without a bound a 2 KB page (a 1000-byte cell with
/// colspan="1000" rowspan="0" above a hundred rows) lays out 100 MB, and the cost grows with the
/// square of the page size. Real boards stay far below: a cell costs at most 8 times its markup
/// (an unclosed "<td>": 4 bytes, 32 laid out), copied a few times by spans; the 3.4 MB modelrank
/// page (2025-05) gets a 110 MB budget, a 50 KB blog post 2.6 MB for the ~0.1 MB it lays out. The
/// floor is kept low because a daily run reads many pages, and html_fuzz reads each input five
/// times (with a 64 MiB floor it ran out of its 2 GB; with 8 MiB it read 3 inputs a second).
constexpr std::size_t min_cell_bytes = std::size_t{1} << 20;
constexpr std::size_t cell_bytes_per_page_byte = 32;
/// What gumbo may hold while it parses a page (gumbo_heap): 4 MiB, plus 40 bytes per byte of
/// the page. gumbo spends ~150 bytes on a node, so markup costs what its elements and text runs
/// cost: the real modelrank page (2025-05, 3.4 MB) needs 11 bytes per byte, a generated board
/// of 5 columns 20, a table of one-character cells closed with </td> 35; one-character cells
/// left open ("<td>1", 70) and formatting elements reopened on every line (143, or up to the
/// depth limit times that) are refused beyond the floor (~0.1 MB of such markup). A 50 KB blog
/// post needs 0.6 MB.
constexpr std::size_t min_parser_bytes = std::size_t{4} << 20;
constexpr std::size_t parser_bytes_per_page_byte = 40;
/// How much of the page select_table's error message describes.
constexpr std::size_t max_tables_listed = 20;
constexpr std::size_t max_header_cells_listed = 12;

const GumboNode* child_at(const GumboNode& n, std::size_t i) {
    return static_cast<const GumboNode*>(n.v.element.children.data[i]);
}

std::size_t child_count(const GumboNode& n) {
    return n.v.element.children.length;
}

bool is_element(const GumboNode& n, GumboTag tag) {
    return n.type == GUMBO_NODE_ELEMENT && n.v.element.tag == tag;
}

/// Elements a browser shows on their own line (or, for cells, apart from their neighbours): their
/// text must not be glued to the text around them ("a<br>b" is "a b", not "ab"), while inline
/// elements must be ("<b>71</b>.2" is "71.2").
bool separates_words(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
        return true;
    default:
        return false;
    }
}

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// ASCII whitespace and U+00A0 (what &nbsp; decodes to) become one space between words.
std::string collapse_whitespace(std::string_view raw) {
    constexpr std::string_view nbsp = "\xC2\xA0";
    std::string out;
    out.reserve(raw.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < raw.size();) {
        std::size_t width = 1;
        bool space = false;
        if (raw.substr(i, nbsp.size()) == nbsp) {
            space = true;
            width = nbsp.size();
        } else {
            space = is_ascii_space(raw[i]);
        }
        if (space) {
            pending_space = !out.empty();
        } else {
            if (pending_space) {
                out += ' ';
                pending_space = false;
            }
            out += raw[i];
        }
        i += width;
    }
    return out;
}

/// The text a user reads in `cell`.
std::string cell_text(const GumboNode& cell) {
    std::string raw;
    // (node, true) marks the end of an element, where a word-separating element adds its space.
    std::vector<std::pair<const GumboNode*, bool>> todo{{&cell, false}};
    while (!todo.empty()) {
        const auto [node, closing] = todo.back();
        todo.pop_back();
        if (closing) {
            raw += ' ';
            continue;
        }
        switch (node->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
            raw += node->v.text.text;
            continue;
        case GUMBO_NODE_ELEMENT:
            break;
        default: // comments; <template> content is not shown
            continue;
        }
        const GumboTag tag = node->v.element.tag;
        if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) {
            continue;
        }
        if (separates_words(tag)) {
            raw += ' ';
            todo.emplace_back(node, true);
        }
        for (std::size_t i = child_count(*node); i-- > 0;) {
            todo.emplace_back(child_at(*node, i), false);
        }
    }
    return collapse_whitespace(raw);
}

/// The leading digits of an attribute value, as browsers read "2" or "2px"; nullopt when there
/// are none or the attribute is absent.
std::optional<std::size_t> span_attribute(const GumboNode& cell, const char* name) {
    const GumboAttribute* attr = gumbo_get_attribute(&cell.v.element.attributes, name);
    if (attr == nullptr) {
        return std::nullopt;
    }
    const std::string_view value = trim_whitespace(attr->value);
    std::size_t n = 0;
    std::size_t digits = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') {
            break;
        }
        n = std::min<std::size_t>(n * 10 + static_cast<std::size_t>(c - '0'), max_rowspan + 1);
        ++digits;
    }
    if (digits == 0) {
        return std::nullopt;
    }
    return n;
}

/// One <tr> after colspan/rowspan were applied.
struct laid_out_row {
    std::vector<std::string> cells;
    std::size_t line = 0;
    std::size_t own_cells = 0;    ///< <td>/<th> of this <tr> (not carried down from above)
    std::size_t own_th_cells = 0; ///< of which <th>
    std::size_t widest_span = 0;  ///< the largest colspan of its own cells
};

/// The cell bytes a page's tables may still lay out (min_cell_bytes and
/// cell_bytes_per_page_byte); running out is a parse_error at the row being laid out.
class cell_budget {
public:
    cell_budget(std::size_t page_size, const std::string& source_id, const std::string& origin)
        : limit_(min_cell_bytes + cell_bytes_per_page_byte * page_size), source_id_(source_id),
          origin_(origin) {}

    void spend(const std::string& text, std::size_t line) {
        const std::size_t cost = sizeof(std::string) + text.size();
        if (cost > limit_ - spent_) {
            throw parse_error(source_id_, origin_, line, 0,
                              fmt::format("the page's tables lay out more than {} MiB of cells "
                                          "(colspan/rowspan copy a cell into every cell they "
                                          "cover): refusing a page this far from a leaderboard",
                                          limit_ >> 20));
        }
        spent_ += cost;
    }

private:
    std::size_t limit_;
    std::size_t spent_ = 0;
    const std::string& source_id_;
    const std::string& origin_;
};

/// Places cells in columns the way the HTML table model does, for one row group at a time:
/// a cell with rowspan occupies its columns in the following rows, which the next rows' own
/// cells flow around.
class row_grid {
public:
    explicit row_grid(cell_budget& budget) : budget_(budget) {}

    /// Row spans end with their row group (<thead>, <tbody>, <tfoot>).
    void start_group() { carried_.clear(); }

    laid_out_row add(const GumboNode& tr) {
        laid_out_row row;
        row.line = tr.v.element.start_pos.line;
        std::size_t col = 0;
        for (std::size_t i = 0; i < child_count(tr); ++i) {
            const GumboNode& cell = *child_at(tr, i);
            const bool is_th = is_element(cell, GUMBO_TAG_TH);
            if (!is_th && !is_element(cell, GUMBO_TAG_TD)) {
                continue;
            }
            ++row.own_cells;
            row.own_th_cells += is_th ? 1 : 0;
            row.widest_span = std::max(
                row.widest_span, std::clamp<std::size_t>(
                                     span_attribute(cell, "colspan").value_or(1), 1, max_colspan));
            take_carried(row, col);
            place(row, col, cell);
        }
        // Cells carried down into columns right of this row's own cells.
        for (; col < carried_.size(); ++col) {
            if (carried_[col].rows_left > 0) {
                row.cells.resize(col);
                budget_.spend(carried_[col].text, row.line);
                row.cells.push_back(carried_[col].text);
                --carried_[col].rows_left;
            }
        }
        return row;
    }

private:
    struct carried_cell {
        std::string text;
        std::size_t rows_left = 0; ///< 0: the column is free
    };

    void take_carried(laid_out_row& row, std::size_t& col) {
        while (col < carried_.size() && carried_[col].rows_left > 0) {
            budget_.spend(carried_[col].text, row.line);
            row.cells.push_back(carried_[col].text);
            --carried_[col].rows_left;
            ++col;
        }
    }

    void place(laid_out_row& row, std::size_t& col, const GumboNode& cell) {
        const std::string text = cell_text(cell);
        const std::size_t cols =
            std::clamp<std::size_t>(span_attribute(cell, "colspan").value_or(1), 1, max_colspan);
        // rowspan="0" spans the rest of the row group.
        std::size_t rows = span_attribute(cell, "rowspan").value_or(1);
        rows = rows == 0 ? std::numeric_limits<std::size_t>::max() : std::min(rows, max_rowspan);
        for (std::size_t k = 0; k < cols; ++k, ++col) {
            // A colspan running into a carried cell (a table model error): this row's cell wins
            // here, and the carried one still counts this row as covered.
            if (col < carried_.size() && carried_[col].rows_left > 0) {
                --carried_[col].rows_left;
            }
            if (rows > 1) {
                if (carried_.size() <= col) {
                    carried_.resize(col + 1);
                }
                carried_[col] = carried_cell{text, rows - 1};
            }
            budget_.spend(text, row.line);
            row.cells.push_back(text);
        }
    }

    cell_budget& budget_;
    std::vector<carried_cell> carried_; ///< by column
};

bool is_heading(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_SUMMARY:
        return true;
    default:
        return false;
    }
}

/// The text of the table's own <caption>, if it has one with text.
std::optional<std::string> caption_of(const GumboNode& table_node) {
    for (std::size_t i = 0; i < child_count(table_node); ++i) {
        const GumboNode& child = *child_at(table_node, i);
        if (is_element(child, GUMBO_TAG_CAPTION)) {
            std::string text = cell_text(child);
            if (!text.empty()) {
                return text;
            }
        }
    }
    return std::nullopt;
}

bool is_row_group(const GumboNode& n) {
    return is_element(n, GUMBO_TAG_THEAD) || is_element(n, GUMBO_TAG_TBODY) ||
           is_element(n, GUMBO_TAG_TFOOT);
}

/// A body row that is a caption of the rows below it, not a model: one cell of text in a table
/// of three or more named columns, or one cell spanning the table's width (an "Open models" row;
/// cmmlu writes such rows as `| 开放测试的模型 |` in Markdown, seen 2023-06 .. 2024-12).
bool is_caption_row(const laid_out_row& r, const std::vector<std::string>& header) {
    const auto with_text = [](const std::string& c) { return !trim_whitespace(c).empty(); };
    if (std::ranges::count_if(header, with_text) < 3) {
        return false;
    }
    return std::ranges::count_if(r.cells, with_text) == 1 ||
           (r.own_cells == 1 && r.widest_span >= header.size());
}

table build_table(const GumboNode& table_node, cell_budget& budget) {
    row_grid grid(budget);
    std::vector<laid_out_row> rows;
    std::optional<std::size_t> thead_header; // the first <thead> row with a <th>
    bool in_bare_rows = false;               // <tr> directly under <table> form a group too
    for (std::size_t i = 0; i < child_count(table_node); ++i) {
        const GumboNode& child = *child_at(table_node, i);
        if (is_element(child, GUMBO_TAG_TR)) {
            if (!in_bare_rows) {
                grid.start_group();
                in_bare_rows = true;
            }
            rows.push_back(grid.add(child));
            continue;
        }
        if (!is_row_group(child)) {
            continue;
        }
        in_bare_rows = false;
        grid.start_group();
        const bool is_thead = is_element(child, GUMBO_TAG_THEAD);
        for (std::size_t j = 0; j < child_count(child); ++j) {
            const GumboNode& tr = *child_at(child, j);
            if (!is_element(tr, GUMBO_TAG_TR)) {
                continue;
            }
            rows.push_back(grid.add(tr));
            if (is_thead && !thead_header && rows.back().own_th_cells > 0) {
                thead_header = rows.size() - 1;
            }
        }
    }

    table t;
    if (rows.empty()) {
        return t;
    }
    const std::size_t header_at = thead_header.value_or(0);
    t.header = std::move(rows[header_at].cells);
    for (std::size_t i = header_at + 1; i < rows.size(); ++i) {
        laid_out_row& r = rows[i];
        const bool separator = r.own_cells > 0 && r.own_th_cells == r.own_cells;
        if (r.own_cells == 0 || separator || is_caption_row(r, t.header)) {
            continue;
        }
        if (r.cells.size() < t.header.size()) {
            r.cells.resize(t.header.size());
        }
        t.rows.push_back(std::move(r.cells));
        t.row_lines.push_back(r.line);
    }
    return t;
}

std::string describe_tables(const std::vector<table>& tables) {
    if (tables.empty()) {
        return "the page has no <table>";
    }
    std::string out = fmt::format("the page has {} table(s):", tables.size());
    const std::size_t listed = std::min(tables.size(), max_tables_listed);
    for (std::size_t i = 0; i < listed; ++i) {
        const auto& header = tables[i].header;
        const std::size_t shown = std::min(header.size(), max_header_cells_listed);
        out +=
            fmt::format(" table {}: [{}{}]", i,
                        fmt::join(header.begin(), header.begin() + static_cast<long>(shown), " | "),
                        shown < header.size() ? " | ..." : "");
        out += i + 1 < listed ? ";" : "";
    }
    if (listed < tables.size()) {
        out += fmt::format("; and {} more", tables.size() - listed);
    }
    return out;
}

bool has_header_cell(const table& t, std::string_view wanted) {
    return std::ranges::any_of(t.header,
                               [&](const std::string& h) { return trim_whitespace(h) == wanted; });
}

} // namespace

std::vector<html_table> read_html_tables_with_headings(std::string_view html,
                                                       const std::string& source_id,
                                                       const std::string& origin,
                                                       std::string* last_heading) {
    const html_nesting nesting = estimate_html_nesting(html);
    if (nesting.depth > max_html_depth) {
        throw parse_error(source_id, origin, nesting.line, 0,
                          fmt::format("the page's elements nest more than {} deep (<{}> opens "
                                      "level {}; unclosed <table>, <div> or the like): refusing "
                                      "a page this far from a leaderboard",
                                      max_html_depth, nesting.tag, nesting.depth));
    }
    gumbo_heap heap(min_parser_bytes + parser_bytes_per_page_byte * html.size());
    const GumboOutput* output = heap.parse(html);
    if (output == nullptr) {
        throw parse_error(source_id, origin, 0, 0,
                          fmt::format("the HTML parser needs more than {} MiB for this page's "
                                      "{} bytes (elements reopened or nested on every line?): "
                                      "refusing a page this far from a leaderboard",
                                      heap.budget() >> 20, html.size()));
    }
    if (output->root == nullptr) {
        throw parse_error(source_id, origin, 0, 0, "the HTML parser (gumbo) failed");
    }

    std::vector<html_table> tables;
    cell_budget budget(html.size(), source_id, origin);
    std::string heading; // of the last <h1>..<h6> or <summary> met
    // Pre-order walk: a table is met at its start tag, so tables come in document order and an
    // outer table precedes the tables nested in its cells.
    std::vector<const GumboNode*> todo{output->root};
    while (!todo.empty()) {
        const GumboNode* node = todo.back();
        todo.pop_back();
        if (node->type != GUMBO_NODE_ELEMENT) {
            continue; // text, comments, and <template> content (not shown by a browser)
        }
        const GumboTag tag = node->v.element.tag;
        if (is_heading(tag)) {
            heading = cell_text(*node);
            continue; // a heading holds no table
        }
        if (tag == GUMBO_TAG_TABLE) {
            tables.push_back({caption_of(*node).value_or(heading), build_table(*node, budget)});
        }
        for (std::size_t i = child_count(*node); i-- > 0;) {
            todo.push_back(child_at(*node, i));
        }
    }
    if (last_heading != nullptr) {
        *last_heading = std::move(heading);
    }
    return tables;
}

std::vector<table> read_html_tables(std::string_view html, const std::string& source_id,
                                    const std::string& origin) {
    auto labelled = read_html_tables_with_headings(html, source_id, origin);
    std::vector<table> tables;
    tables.reserve(labelled.size());
    for (auto& t : labelled) {
        tables.push_back(std::move(t.content));
    }
    return tables;
}

table take_html_table(std::vector<html_table>&& tables, const html_table_choice& choice,
                      const std::string& source_id, const std::string& origin) {
    const auto matches = [&](const html_table& t) {
        std::vector<std::string_view> header(t.content.header.begin(), t.content.header.end());
        return has_any_header_cell(header, choice.headers) &&
               label_contains({t.heading}, choice.heading);
    };
    const auto no_match = [&] {
        std::vector<table> plain;
        for (const auto& t : tables) {
            plain.push_back({t.content.header, {}, {}});
        }
        return no_table_matching(source_id, origin, choice.index, choice.headers, choice.heading,
                                 describe_tables(plain));
    };
    if (choice.index) {
        if (*choice.index >= tables.size() || !matches(tables[*choice.index])) {
            throw no_match();
        }
        return std::move(tables[*choice.index].content);
    }
    const auto found = std::ranges::find_if(tables, matches);
    if (found == tables.end()) {
        throw no_match();
    }
    return std::move(found->content);
}

const table& select_table(const std::vector<table>& tables, std::optional<std::size_t> index,
                          const std::string& required_header, const std::string& source_id,
                          const std::string& origin) {
    const std::string_view wanted = trim_whitespace(required_header);
    if (index) {
        if (*index >= tables.size()) {
            throw parse_error(
                source_id, origin, 0, 0,
                fmt::format("no table at index {} (0-based); {}", *index, describe_tables(tables)));
        }
        const table& t = tables[*index];
        if (!wanted.empty() && !has_header_cell(t, wanted)) {
            throw parse_error(source_id, origin, 0, 0,
                              fmt::format("table {} has no header cell '{}' (were the page's "
                                          "tables reordered?); {}",
                                          *index, wanted, describe_tables(tables)));
        }
        return t;
    }
    if (wanted.empty()) {
        if (tables.empty()) {
            throw parse_error(source_id, origin, 0, 0, describe_tables(tables));
        }
        return tables.front();
    }
    const auto found =
        std::ranges::find_if(tables, [&](const table& t) { return has_header_cell(t, wanted); });
    if (found == tables.end()) {
        throw parse_error(source_id, origin, 0, 0,
                          fmt::format("no table whose header has a cell '{}'; {}", wanted,
                                      describe_tables(tables)));
    }
    return *found;
}

} // namespace lbtrack::ingest
