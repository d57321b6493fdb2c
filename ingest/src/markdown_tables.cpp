#include "lbtrack/ingest/markdown_tables.hpp"

#include "console_tables.hpp"
#include "markdown_page_lines.hpp"
#include "markdown_text.hpp"
#include "table_choice.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/html_tables.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <md4c.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <utility>

namespace lbtrack::ingest {

const std::vector<md_link>& md_cell::links() const {
    static const std::vector<md_link> none;
    return linked ? linked->links : none;
}

using markdown::attribute_text;
using markdown::decode_entity_into;
using markdown::is_line_break_tag;
using markdown::k_replacement_char;
using markdown::normalize_space;

namespace {

// GFM tables and bare-URL autolinks, but not strikethrough: Chinese boards write size ranges
// such as "5B~20B与20B~100B", and GFM's single-tilde strikethrough would eat both tildes.
constexpr unsigned k_md_flags =
    MD_FLAG_TABLES | MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// ---------------------------------------------------------------------------------------------
// md4c callbacks

/// Collects the inline content of one heading or table cell.
class inline_text {
public:
    void append(std::string_view s) {
        if (image_depth_ == 0) {
            raw_ += s;
            if (!link_start_) {
                outside_links_ += s;
            }
        }
    }
    void append_entity(std::string_view entity) {
        if (image_depth_ == 0) {
            const std::size_t from = raw_.size();
            decode_entity_into(raw_, entity);
            if (!link_start_) {
                outside_links_.append(raw_, from);
            }
        }
    }
    void enter_link(std::string url) {
        link_start_ = raw_.size();
        link_url_ = std::move(url);
    }
    void leave_link() {
        if (link_start_) {
            links_.push_back(
                {normalize_space(std::string_view(raw_).substr(*link_start_)), link_url_});
            link_start_.reset();
        }
    }
    // Image alt text is not rendered text: badges and logos would pollute names.
    void enter_image() { ++image_depth_; }
    void leave_image() { --image_depth_; }

    md_cell finish() {
        md_cell cell{normalize_space(raw_), nullptr};
        if (!links_.empty()) {
            cell.linked = std::make_shared<const md_cell_links>(
                md_cell_links{std::move(links_), normalize_space(outside_links_)});
        }
        return cell;
    }

private:
    std::string raw_;
    std::string outside_links_; ///< raw_ less the text of links
    std::vector<md_link> links_;
    std::optional<std::size_t> link_start_;
    std::string link_url_;
    int image_depth_ = 0;
};

enum class cell_reading { text, link_text, outside_links };

/// How each column of a table with `header` becomes text cells: the rules of to_table.
std::vector<cell_reading>
column_readings(const std::vector<md_cell>& header,
                const std::vector<std::string>& link_text_columns,
                const std::vector<std::string>& text_without_link_columns) {
    const auto named = [](const std::vector<std::string>& names, const std::string& cell) {
        return std::any_of(names.begin(), names.end(),
                           [&](const std::string& n) { return normalize_space(n) == cell; });
    };
    std::vector<cell_reading> how;
    how.reserve(header.size());
    for (const auto& cell : header) {
        how.push_back(named(link_text_columns, cell.text)           ? cell_reading::link_text
                      : named(text_without_link_columns, cell.text) ? cell_reading::outside_links
                                                                    : cell_reading::text);
    }
    return how;
}

/// The text cell `cell` gives when read as `how`; its text is moved out. A cell read as its
/// link's text also gives the link's target in `target`.
std::string cell_text(md_cell& cell, cell_reading how, std::string& target) {
    if (how == cell_reading::link_text) {
        const auto& links = cell.links();
        const auto link = std::find_if(links.begin(), links.end(),
                                       [](const md_link& l) { return !l.text.empty(); });
        if (link != links.end()) {
            target = link->url;
            return link->text;
        }
    } else if (how == cell_reading::outside_links && cell.linked) {
        return cell.linked->text_outside_links;
    }
    return std::move(cell.text);
}

/// Whether a table with this header, heading and caption is one `choice` accepts, its index
/// aside.
bool satisfies(const markdown_table_choice& choice, const std::vector<md_cell>& header,
               std::string_view heading, std::string_view caption) {
    std::vector<std::string_view> cells;
    cells.reserve(header.size());
    for (const auto& c : header) {
        cells.emplace_back(c.text);
    }
    std::vector<std::string> wanted;
    for (const auto& h : choice.required_headers) {
        if (std::string w = normalize_space(h); !w.empty()) {
            wanted.push_back(std::move(w));
        }
    }
    return has_any_header_cell(cells, wanted) && label_contains({heading, caption}, choice.heading);
}

/// A body row that captions the rows below it rather than naming a model: exactly one cell with
/// text in a table of three or more named columns (cmmlu's `| 开放测试的模型 |`, 2023-06 ..
/// 2024-12, which md4c pads to the header's width). Columns without a header name do not count:
/// a one-column table with spacer columns keeps its rows.
bool is_caption_row(const std::vector<md_cell>& row, const std::vector<md_cell>& header) {
    const auto with_text = [](const md_cell& c) { return !c.text.empty(); };
    return std::count_if(header.begin(), header.end(), with_text) >= 3 &&
           std::count_if(row.begin(), row.end(), with_text) == 1;
}

/// read_markdown_table's part of the parse: the wanted table is recognised by its header, and
/// each of its rows becomes text cells as soon as it is read. No table keeps Markdown cells, so
/// the page's largest table is never held twice (bench/parse_memory).
class table_chooser {
public:
    explicit table_chooser(const markdown_table_choice& choice) : choice_(choice) {}

    /// The header of table number `number` (0-based, page order) has been read.
    void header_read(std::size_t number, const markdown_table& t) {
        const auto& header = t.header;
        reading_ = false;
        if (chosen_) {
            return;
        }
        const bool acceptable = satisfies(choice_, header, t.heading, t.caption);
        if (choice_.index ? number != *choice_.index : !acceptable) {
            return;
        }
        chosen_ = number;
        // A table failing the other rules is not read: the error describes every table.
        reading_ = acceptable;
        if (reading_) {
            how_ = column_readings(header, choice_.link_text_columns,
                                   choice_.text_without_link_columns);
            column_has_text_.assign(header.size(), false);
        }
    }

    bool reading() const { return reading_; }

    void take_row(std::vector<md_cell>& row) {
        std::vector<std::string> cells;
        cells.reserve(how_.size());
        for (std::size_t c = 0; c < how_.size(); ++c) {
            if (c >= row.size()) {
                cells.emplace_back();
                continue;
            }
            column_has_text_[c] = column_has_text_[c] || !row[c].text.empty();
            std::string target;
            cells.push_back(cell_text(row[c], how_[c], target));
            if (!target.empty()) {
                out_.link_targets.emplace(std::pair(out_.rows.size(), c), std::move(target));
            }
        }
        out_.rows.push_back(std::move(cells));
    }

    /// The chosen table ends: columns whose header and cells are all empty are dropped.
    void finish(const std::vector<md_cell>& header, std::vector<std::size_t> row_lines) {
        std::vector<std::size_t> kept;
        for (std::size_t c = 0; c < header.size(); ++c) {
            if (!header[c].text.empty() || column_has_text_[c]) {
                kept.push_back(c);
                out_.header.push_back(header[c].text);
            }
        }
        if (kept.size() < header.size()) {
            // Link targets were filed under the page's column numbers.
            std::map<std::pair<std::size_t, std::size_t>, std::string> targets;
            for (auto& [at, url] : out_.link_targets) {
                const auto k = std::find(kept.begin(), kept.end(), at.second);
                if (k != kept.end()) {
                    targets.emplace(std::pair(at.first, static_cast<std::size_t>(k - kept.begin())),
                                    std::move(url));
                }
            }
            out_.link_targets = std::move(targets);
            for (auto& row : out_.rows) {
                for (std::size_t k = 0; k < kept.size(); ++k) {
                    if (kept[k] != k) { // a string moved onto itself would be left unspecified
                        row[k] = std::move(row[kept[k]]);
                    }
                }
                row.resize(kept.size());
            }
        }
        out_.row_lines = std::move(row_lines);
        reading_ = false;
        complete_ = true;
    }

    bool complete() const { return complete_; }
    table take() && { return std::move(out_); }

private:
    const markdown_table_choice& choice_;
    std::optional<std::size_t> chosen_;
    bool reading_ = false; ///< the table being read is the chosen one
    bool complete_ = false;
    std::vector<cell_reading> how_;
    std::vector<bool> column_has_text_;
    table out_;
};

/// Everything the callbacks share; md4c passes it back as userdata.
struct parse_state {
    const markdown::prepared_page* input = nullptr;
    const markdown::line_index* lines = nullptr; ///< over input->text()
    /// read_markdown_table: picks the table, and `tables` keep their headers only.
    table_chooser* chooser = nullptr;
    const std::string* source_id = nullptr;
    const std::string* origin = nullptr;

    std::vector<markdown_table> tables;
    std::vector<std::size_t> row_counts; ///< body rows of each table of `tables`
    std::string last_heading;
    /// The caption of a table starting now (see markdown_table::caption): the last paragraph or
    /// HTML heading, until another block comes between.
    std::string pending_caption;

    inline_text heading;
    inline_text paragraph;
    inline_text cell;
    inline_text* sink = nullptr; ///< where text goes now: heading, paragraph, cell or nowhere

    markdown_table current; ///< the table being read
    bool in_head = false;
    std::vector<md_cell> row;
    std::size_t row_line = 0;                ///< line of `input` of the current row, 0: unknown
    std::vector<std::size_t> observed_lines; ///< per row of the table, header first; 0: unknown
    std::vector<bool> caption_rows;          ///< per body row: dropped (is_caption_row)

    /// A run of HTML blocks (blank lines between them included), as a range of `input`.
    bool in_html = false;
    const char* html_begin = nullptr;
    const char* html_end = nullptr;

    int containers = 0; ///< lists and quotes the parse is in

    bool in_code = false;
    std::string code;          ///< text of the code block being read
    std::size_t code_line = 0; ///< line of `input` of the block's first line, 0: unknown

    std::exception_ptr failure;
    bool stop = false; ///< all that is wanted is read: md4c may stop

    /// Line of `input` where `p` points, 0 when it points elsewhere (md4c's text pointers point
    /// into its input, except for the replacement of NUL characters).
    std::size_t line_of(const char* p) const {
        const auto at = reinterpret_cast<std::uintptr_t>(p);
        const auto begin = reinterpret_cast<std::uintptr_t>(input->text().data());
        if (at < begin || at >= begin + input->text().size()) {
            return 0;
        }
        return lines->line_of(at - begin);
    }

    bool in_input(const char* p) const { return line_of(p) != 0; }

    void finish_table() {
        // A GFM table row is exactly one line: header, delimiter row, then one line per body
        // row. Rows without any text (all cells empty) get their line from a row that has one.
        std::size_t header_line = 0;
        for (std::size_t i = 0; i < observed_lines.size() && header_line == 0; ++i) {
            const std::size_t offset = i == 0 ? 0 : i + 1;
            if (observed_lines[i] > offset) {
                header_line = observed_lines[i] - offset;
            }
        }
        current.line = input->page_line(header_line);
        const std::size_t written_rows = observed_lines.empty() ? 0 : observed_lines.size() - 1;
        std::vector<std::size_t> row_lines;
        if (chooser == nullptr || chooser->reading()) {
            row_lines.reserve(written_rows);
            for (std::size_t r = 0; r < written_rows; ++r) {
                if (caption_rows[r]) {
                    continue;
                }
                const std::size_t observed = observed_lines[r + 1];
                row_lines.push_back(input->page_line(observed != 0      ? observed
                                                     : header_line != 0 ? header_line + 2 + r
                                                                        : 0));
            }
        }
        const auto body_rows =
            static_cast<std::size_t>(std::count(caption_rows.begin(), caption_rows.end(), false));
        if (chooser != nullptr && chooser->reading()) {
            chooser->finish(current.header, std::move(row_lines));
            stop = true;
        } else {
            current.row_lines = std::move(row_lines);
        }
        // md4c already pads short rows and drops extra cells; keep the invariant regardless.
        for (auto& r : current.rows) {
            r.resize(current.header.size());
        }
        row_counts.push_back(body_rows);
        tables.push_back(std::move(current));
        current = {};
    }

    /// A table read whole from elsewhere than a pipe table (an HTML block, a code block): it
    /// is chosen, read or described like a pipe table. `row_lines` are lines of the page.
    void add_table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
                   std::vector<std::size_t> row_lines, std::size_t header_line,
                   std::string caption) {
        markdown_table t;
        t.heading = last_heading;
        t.caption = std::move(caption);
        t.line = header_line;
        t.header.reserve(header.size());
        for (auto& h : header) {
            t.header.push_back({std::move(h), nullptr});
        }
        const auto as_cells = [&](std::vector<std::string>& r) {
            std::vector<md_cell> cells;
            cells.reserve(t.header.size());
            for (auto& c : r) {
                cells.push_back({std::move(c), nullptr});
            }
            cells.resize(t.header.size());
            return cells;
        };
        const std::size_t body_rows = rows.size();
        if (chooser != nullptr) {
            chooser->header_read(tables.size(), t);
            if (chooser->reading()) {
                for (auto& r : rows) {
                    auto cells = as_cells(r);
                    chooser->take_row(cells);
                }
                chooser->finish(t.header, std::move(row_lines));
                stop = true;
            }
        } else {
            t.rows.reserve(rows.size());
            for (auto& r : rows) {
                t.rows.push_back(as_cells(r));
            }
            t.row_lines = std::move(row_lines);
        }
        row_counts.push_back(body_rows);
        tables.push_back(std::move(t));
    }

    /// The run of HTML blocks just ended: its tables join the page's, and its last heading or
    /// <summary> captions what follows.
    void finish_html() {
        if (html_begin == nullptr) {
            return;
        }
        const std::string_view fragment(html_begin,
                                        static_cast<std::size_t>(html_end - html_begin));
        const std::size_t first_line = line_of(html_begin);
        html_begin = html_end = nullptr;
        std::string last;
        auto found = read_html_tables_with_headings(fragment, *source_id, *origin, &last);
        const auto page_line = [&](std::size_t fragment_line) {
            return fragment_line == 0 ? 0 : input->page_line(first_line + fragment_line - 1);
        };
        for (auto& t : found) {
            std::vector<std::size_t> row_lines;
            row_lines.reserve(t.content.row_lines.size());
            for (const std::size_t l : t.content.row_lines) {
                row_lines.push_back(page_line(l));
            }
            const std::size_t header_line = row_lines.empty() ? 0 : row_lines.front() - 1;
            add_table(std::move(t.content.header), std::move(t.content.rows), std::move(row_lines),
                      header_line, t.heading.empty() ? pending_caption : std::move(t.heading));
            if (stop) {
                return;
            }
        }
        if (!last.empty()) {
            pending_caption = std::move(last);
        } else if (!found.empty()) {
            pending_caption.clear();
        }
    }

    /// The code block just ended: the tables printed in it join the page's.
    void finish_code() {
        auto found = markdown::read_console_tables(code);
        for (auto& t : found) {
            std::vector<std::size_t> row_lines;
            row_lines.reserve(t.row_lines.size());
            for (const std::size_t l : t.row_lines) {
                row_lines.push_back(code_line == 0 ? 0 : input->page_line(code_line + l));
            }
            const std::size_t header_line = row_lines.empty() ? 0 : row_lines.front() - 1;
            add_table(std::move(t.header), std::move(t.rows), std::move(row_lines), header_line,
                      pending_caption);
            if (stop) {
                return;
            }
        }
        code.clear();
        pending_caption.clear();
    }

    void enter_block(MD_BLOCKTYPE type) {
        if (type != MD_BLOCK_HTML) {
            finish_html();
            if (stop) {
                return;
            }
        }
        switch (type) {
        case MD_BLOCK_H:
            heading = {};
            sink = &heading;
            break;
        case MD_BLOCK_P:
            if (sink == nullptr) {
                paragraph = {};
                sink = &paragraph;
            }
            break;
        case MD_BLOCK_HTML:
            in_html = true;
            break;
        case MD_BLOCK_CODE:
            in_code = true;
            code.clear();
            code_line = 0;
            break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
        case MD_BLOCK_QUOTE:
            ++containers;
            pending_caption.clear();
            break;
        case MD_BLOCK_HR:
            pending_caption.clear();
            break;
        case MD_BLOCK_TABLE:
            current = {};
            current.heading = last_heading;
            current.caption = std::move(pending_caption);
            pending_caption.clear();
            observed_lines.clear();
            caption_rows.clear();
            break;
        case MD_BLOCK_THEAD:
            in_head = true;
            break;
        case MD_BLOCK_TBODY:
            in_head = false;
            break;
        case MD_BLOCK_TR:
            row.clear();
            // A body row is as wide as the header: reserved, it does not grow by doubling (16
            // cells' room for 9, 88 bytes each, on the lmarena-zh page; bench/parse_memory).
            row.reserve(current.header.size());
            row_line = 0;
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            cell = {};
            sink = &cell;
            break;
        default:
            break;
        }
    }

    void leave_block(MD_BLOCKTYPE type) {
        switch (type) {
        case MD_BLOCK_DOC:
            finish_html();
            break;
        case MD_BLOCK_H:
            last_heading = heading.finish().text;
            pending_caption.clear();
            sink = nullptr;
            break;
        case MD_BLOCK_P:
            if (sink == &paragraph) {
                // A paragraph in a list or a quote is not what introduces a table.
                pending_caption = containers == 0 ? paragraph.finish().text : std::string();
                sink = nullptr;
            }
            break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
        case MD_BLOCK_QUOTE:
            --containers;
            pending_caption.clear();
            break;
        case MD_BLOCK_HTML:
            in_html = false;
            break;
        case MD_BLOCK_CODE:
            in_code = false;
            finish_code();
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            row.push_back(cell.finish());
            sink = nullptr;
            break;
        case MD_BLOCK_TR:
            observed_lines.push_back(row_line);
            if (in_head) {
                current.header = std::move(row);
                if (chooser != nullptr) {
                    chooser->header_read(tables.size(), current);
                }
            } else if (is_caption_row(row, current.header)) {
                caption_rows.push_back(true);
            } else {
                caption_rows.push_back(false);
                if (chooser == nullptr) {
                    current.rows.push_back(std::move(row));
                } else if (chooser->reading()) {
                    chooser->take_row(row);
                }
            }
            row = {};
            break;
        case MD_BLOCK_TABLE:
            finish_table();
            break;
        default:
            break;
        }
    }

    void enter_span(MD_SPANTYPE type, void* detail) {
        if (sink == nullptr) {
            return;
        }
        if (type == MD_SPAN_A) {
            sink->enter_link(attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href));
        } else if (type == MD_SPAN_IMG) {
            sink->enter_image();
        }
    }

    void leave_span(MD_SPANTYPE type) {
        if (sink == nullptr) {
            return;
        }
        if (type == MD_SPAN_A) {
            sink->leave_link();
        } else if (type == MD_SPAN_IMG) {
            sink->leave_image();
        }
    }

    void text(MD_TEXTTYPE type, std::string_view s) {
        if (in_code) {
            if (code_line == 0 && in_input(s.data())) {
                code_line = line_of(s.data()) -
                            static_cast<std::size_t>(std::count(code.begin(), code.end(), '\n'));
            }
            code += type == MD_TEXT_NULLCHAR ? k_replacement_char : s;
            return;
        }
        if (in_html && sink == nullptr) {
            if (in_input(s.data())) {
                html_begin = html_begin == nullptr ? s.data() : html_begin;
                html_end = s.data() + s.size();
            }
            return;
        }
        if (sink == nullptr) {
            return;
        }
        if (sink == &cell && row_line == 0) {
            row_line = line_of(s.data());
        }
        switch (type) {
        case MD_TEXT_NULLCHAR:
            sink->append(k_replacement_char);
            break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR:
            sink->append(" ");
            break;
        case MD_TEXT_ENTITY:
            sink->append_entity(s);
            break;
        case MD_TEXT_HTML:
            if (is_line_break_tag(s)) {
                sink->append(" ");
            }
            break;
        default:
            sink->append(s);
            break;
        }
    }
};

/// Runs `f` on the state behind `userdata`; an exception must not unwind through md4c's C
/// frames, so it is stored and parsing is aborted. Parsing stops too once state.stop is set.
template <typename F>
int guarded(void* userdata, F&& f) noexcept {
    auto& state = *static_cast<parse_state*>(userdata);
    try {
        std::forward<F>(f)(state);
        return state.stop ? 1 : 0;
    } catch (...) {
        state.failure = std::current_exception();
        return 1;
    }
}

int on_enter_block(MD_BLOCKTYPE type, void* /*detail*/, void* userdata) {
    return guarded(userdata, [&](parse_state& s) { s.enter_block(type); });
}
int on_leave_block(MD_BLOCKTYPE type, void* /*detail*/, void* userdata) {
    return guarded(userdata, [&](parse_state& s) { s.leave_block(type); });
}
int on_enter_span(MD_SPANTYPE type, void* detail, void* userdata) {
    return guarded(userdata, [&](parse_state& s) { s.enter_span(type, detail); });
}
int on_leave_span(MD_SPANTYPE type, void* /*detail*/, void* userdata) {
    return guarded(userdata, [&](parse_state& s) { s.leave_span(type); });
}
int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
    return guarded(userdata, [&](parse_state& s) { s.text(type, std::string_view(text, size)); });
}

// ---------------------------------------------------------------------------------------------
// Selection

std::string describe_tables(const std::vector<markdown_table>& tables,
                            const std::vector<std::size_t>& row_counts) {
    if (tables.empty()) {
        return "the page has no table at all";
    }
    std::string out = fmt::format("the page has {} table(s):", tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const auto& t = tables[i];
        std::vector<std::string_view> header;
        for (const auto& c : t.header) {
            header.emplace_back(c.text);
        }
        out += fmt::format(" #{} (line {}, under heading \"{}\"{}, {} rows) with header [{}];", i,
                           t.line, t.heading,
                           t.caption.empty() ? "" : fmt::format(", caption \"{}\"", t.caption),
                           row_counts[i], fmt::join(header, " | "));
    }
    out.pop_back();
    return out;
}

/// What select_markdown_table chooses among `tables` (whose body rows `row_counts` counts),
/// by position.
std::size_t choose_table(const std::vector<markdown_table>& tables,
                         const std::vector<std::size_t>& row_counts,
                         const markdown_table_choice& choice, const std::string& source_id,
                         const std::string& origin) {
    const auto acceptable = [&](const markdown_table& t) {
        return satisfies(choice, t.header, t.heading, t.caption);
    };
    const auto no_match = [&] {
        return no_table_matching(source_id, origin, choice.index, choice.required_headers,
                                 choice.heading, describe_tables(tables, row_counts));
    };
    if (choice.index) {
        if (*choice.index >= tables.size() || !acceptable(tables[*choice.index])) {
            throw no_match();
        }
        return *choice.index;
    }
    const auto hit = std::find_if(tables.begin(), tables.end(), acceptable);
    if (hit == tables.end()) {
        throw no_match();
    }
    return static_cast<std::size_t>(hit - tables.begin());
}

/// Every table of `page` (see read_markdown_tables); with `chooser`, only the chosen one's rows
/// are read, into the chooser, and parsing stops after it.
std::vector<markdown_table> parse_tables(std::string_view page, const std::string& source_id,
                                         const std::string& origin, table_chooser* chooser,
                                         std::vector<std::size_t>* row_counts) {
    // Line numbers are unaffected by dropping the BOM.
    const std::string_view text =
        page.starts_with(k_utf8_bom) ? page.substr(k_utf8_bom.size()) : page;
    const std::vector<std::string_view> page_lines = markdown::split_lines(text);
    const markdown::prepared_page input(page_lines, markdown::front_matter_lines(page_lines));
    if (input.text().size() > std::numeric_limits<MD_SIZE>::max()) {
        throw parse_error(source_id, origin, 0, 0,
                          fmt::format("Markdown page of {} bytes is too large", page.size()));
    }
    const markdown::line_index lines(markdown::split_lines(input.text()));
    parse_state state;
    state.source_id = &source_id;
    state.origin = &origin;
    state.input = &input;
    state.lines = &lines;
    state.chooser = chooser;

    MD_PARSER parser{};
    parser.flags = k_md_flags;
    parser.enter_block = on_enter_block;
    parser.leave_block = on_leave_block;
    parser.enter_span = on_enter_span;
    parser.leave_span = on_leave_span;
    parser.text = on_text;

    const int rc =
        md_parse(input.text().data(), static_cast<MD_SIZE>(input.text().size()), &parser, &state);
    if (state.failure) {
        std::rethrow_exception(state.failure);
    }
    if (rc != 0 && !state.stop) {
        throw parse_error(source_id, origin, 0, 0,
                          fmt::format("md4c failed to parse the Markdown page (code {})", rc));
    }
    if (row_counts != nullptr) {
        *row_counts = std::move(state.row_counts);
    }
    return std::move(state.tables);
}

} // namespace

std::vector<markdown_table> read_markdown_tables(std::string_view page,
                                                 const std::string& source_id,
                                                 const std::string& origin) {
    return parse_tables(page, source_id, origin, nullptr, nullptr);
}

table read_markdown_table(std::string_view page, const markdown_table_choice& choice,
                          const std::string& source_id, const std::string& origin) {
    table_chooser chooser(choice);
    std::vector<std::size_t> row_counts;
    const auto tables = parse_tables(page, source_id, origin, &chooser, &row_counts);
    if (!chooser.complete()) {
        // No table qualifies: the error names what was looked for and describes every table.
        (void)choose_table(tables, row_counts, choice, source_id, origin);
        throw parse_error(source_id, origin, 0, 0, "the chosen Markdown table was not read");
    }
    return std::move(chooser).take();
}

const markdown_table& select_markdown_table(const std::vector<markdown_table>& tables,
                                            const markdown_table_choice& choice,
                                            const std::string& source_id,
                                            const std::string& origin) {
    std::vector<std::size_t> row_counts;
    row_counts.reserve(tables.size());
    for (const auto& t : tables) {
        row_counts.push_back(t.rows.size());
    }
    return tables[choose_table(tables, row_counts, choice, source_id, origin)];
}

const markdown_table& select_markdown_table(const std::vector<markdown_table>& tables,
                                            std::optional<std::size_t> index,
                                            const std::string& required_header,
                                            const std::string& source_id,
                                            const std::string& origin) {
    markdown_table_choice choice;
    choice.index = index;
    if (!required_header.empty()) {
        choice.required_headers.push_back(required_header);
    }
    return select_markdown_table(tables, choice, source_id, origin);
}

table to_table(const markdown_table& t, const std::vector<std::string>& link_text_columns,
               const std::vector<std::string>& text_without_link_columns) {
    return to_table(markdown_table(t), link_text_columns, text_without_link_columns);
}

table to_table(markdown_table&& t, const std::vector<std::string>& link_text_columns,
               const std::vector<std::string>& text_without_link_columns) {
    const auto column_is_empty = [&](std::size_t c) {
        return t.header[c].text.empty() &&
               std::all_of(t.rows.begin(), t.rows.end(),
                           [&](const auto& row) { return c >= row.size() || row[c].text.empty(); });
    };
    const std::vector<cell_reading> how =
        column_readings(t.header, link_text_columns, text_without_link_columns);
    std::vector<std::size_t> kept;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        if (!column_is_empty(c)) {
            kept.push_back(c);
        }
    }

    table out;
    for (const std::size_t c : kept) {
        out.header.push_back(t.header[c].text);
    }
    // The cells' strings move into the table and each Markdown row is freed once read, so the
    // two forms of the table are not both whole in memory at once (bench/parse_memory).
    out.rows.reserve(t.rows.size());
    for (auto& row : t.rows) {
        std::vector<std::string> cells;
        cells.reserve(kept.size());
        for (const std::size_t c : kept) {
            if (c >= row.size()) {
                cells.emplace_back();
            } else {
                std::string target;
                cells.push_back(cell_text(row[c], how[c], target));
                if (!target.empty()) {
                    out.link_targets.emplace(std::pair(out.rows.size(), cells.size() - 1),
                                             std::move(target));
                }
            }
        }
        out.rows.push_back(std::move(cells));
        std::vector<md_cell>().swap(row);
    }
    out.row_lines = std::move(t.row_lines);
    return out;
}

} // namespace lbtrack::ingest
