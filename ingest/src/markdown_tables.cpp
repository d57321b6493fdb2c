#include "lbtrack/ingest/markdown_tables.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <md4c.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <utility>

namespace lbtrack::ingest {

const std::vector<md_link>& md_cell::links() const {
    static const std::vector<md_link> none;
    return linked ? linked->links : none;
}

namespace {

// GFM tables and bare-URL autolinks, but not strikethrough: Chinese boards write size ranges
// such as "5B~20B与20B~100B", and GFM's single-tilde strikethrough would eat both tildes.
constexpr unsigned k_md_flags =
    MD_FLAG_TABLES | MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_replacement_char = "\xEF\xBF\xBD";

// ---------------------------------------------------------------------------------------------
// Text normalisation

/// Byte length of the whitespace character at `i` (ASCII whitespace, U+00A0 NO-BREAK SPACE,
/// U+3000 IDEOGRAPHIC SPACE, which Chinese pages pad cells with), 0 when there is none.
std::size_t whitespace_at(std::string_view s, std::size_t i) {
    switch (s[i]) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
        return 1;
    default:
        break;
    }
    if (s.substr(i, 2) == "\xC2\xA0") {
        return 2;
    }
    if (s.substr(i, 3) == "\xE3\x80\x80") {
        return 3;
    }
    return 0;
}

/// `s` trimmed, with every run of whitespace inside it replaced by one ASCII space.
std::string normalize_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t n = whitespace_at(s, i); n > 0) {
            pending_space = !out.empty();
            i += n;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += s[i++];
    }
    return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    // CommonMark: NUL, surrogates and values beyond Unicode become U+FFFD.
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        out += k_replacement_char;
    } else if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// md4c reports entities verbatim ("&amp;", "&#x4E2D;") and leaves decoding to the renderer.
/// Numeric references are decoded in full; of the 2000+ named ones, only those that plausibly
/// occur in leaderboard cells are known, the others stay as written.
void decode_entity_into(std::string& out, std::string_view entity) {
    if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
        out += entity;
        return;
    }
    const std::string_view body = entity.substr(1, entity.size() - 2);
    if (body.front() == '#') {
        const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        const std::string_view digits = body.substr(hex ? 2 : 1);
        std::uint32_t cp = 0;
        const auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
        if (ec == std::errc::result_out_of_range) {
            cp = 0x110000; // becomes U+FFFD
        } else if (ec != std::errc() || end != digits.data() + digits.size()) {
            out += entity;
            return;
        }
        append_utf8(out, cp);
        return;
    }
    static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 24> named{{
        {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
        {"apos", '\''},     {"nbsp", 0xA0},    {"ensp", 0x2002},  {"emsp", 0x2003},
        {"thinsp", 0x2009}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
        {"middot", 0xB7},   {"times", 0xD7},   {"plusmn", 0xB1},  {"deg", 0xB0},
        {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
        {"yen", 0xA5},      {"euro", 0x20AC},  {"pound", 0xA3},   {"check", 0x2713},
    }};
    const auto* hit =
        std::find_if(named.begin(), named.end(), [&](const auto& e) { return e.first == body; });
    if (hit == named.end()) {
        out += entity;
    } else {
        append_utf8(out, hit->second);
    }
}

/// True for inline `<br>`, `<br/>`, `<br />` in any case: a line break inside a cell, which
/// reads as a space. Other inline tags contribute nothing.
bool is_line_break_tag(std::string_view html) {
    if (html.size() < 4 || html[0] != '<' || (html[1] != 'b' && html[1] != 'B') ||
        (html[2] != 'r' && html[2] != 'R')) {
        return false;
    }
    const char next = html[3];
    return next == '>' || next == '/' || whitespace_at(html, 3) > 0;
}

std::string attribute_text(const MD_ATTRIBUTE& attr) {
    std::string out;
    if (attr.text == nullptr) {
        return out;
    }
    for (std::size_t i = 0; attr.substr_offsets[i] < attr.size; ++i) {
        const std::string_view piece(attr.text + attr.substr_offsets[i],
                                     attr.substr_offsets[i + 1] - attr.substr_offsets[i]);
        switch (attr.substr_types[i]) {
        case MD_TEXT_ENTITY:
            decode_entity_into(out, piece);
            break;
        case MD_TEXT_NULLCHAR:
            out += k_replacement_char;
            break;
        default:
            out += piece;
            break;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Lines

/// The lines of `text`, each with its line end (LF, CRLF or a lone CR, as for md4c).
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
        }
        if (text[i] == '\n' || text[i] == '\r') {
            lines.push_back(text.substr(begin, i + 1 - begin));
            begin = i + 1;
        }
    }
    if (begin < text.size()) {
        lines.push_back(text.substr(begin));
    }
    return lines;
}

std::string_view without_line_end(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    return line;
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_fence_line(std::string_view line, std::string_view fence) {
    line = without_line_end(line);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    return line == fence;
}

/// Number of leading lines that are Jekyll front matter: `---` on the first line up to the
/// next `---` or `...` line; 0 when there is none or it is never closed. Without skipping it,
/// CommonMark reads the opening `---` as a rule and the YAML plus the closing `---` as a setext
/// heading.
std::size_t front_matter_lines(const std::vector<std::string_view>& lines) {
    if (lines.empty() || !is_fence_line(lines[0], "---")) {
        return 0;
    }
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (is_fence_line(lines[i], "---") || is_fence_line(lines[i], "...")) {
            return i + 1;
        }
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------
// md4c 0.4.8 versus GFM
//
// Two GFM tables that GitHub renders are not tables to md4c 0.4.8, and real boards write both:
//  - delimiter cells shorter than three characters (`|-|`, the spacer column of SuperCLUE
//    pages): md4c wants `---`, `:--`, `--:` at least;
//  - a header row right below a line of prose ("表1：排名\n| a | b |\n|---|---|"): md4c only
//    takes a header row that starts a paragraph.
// The page is therefore fed to md4c as a copy where such delimiter rows are widened and a blank
// line separates such a header row from the prose above. Only delimiter rows that GFM would
// take as the second line of a table are touched, never body rows such as `| - | - |`; the copy
// keeps, for each of its lines, the line of the page it came from.

/// `line` (without its line end) with every delimiter cell at least three characters wide when
/// it is a GFM delimiter row (cells `:?-+:?` between pipes, at least one pipe); std::nullopt
/// when it is not one.
std::optional<std::string> as_delimiter_row(std::string_view line) {
    std::string out;
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') {
        out += line[i++];
    }
    bool pipe = false;
    std::size_t cells = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '|') {
            pipe = pipe || c == '|';
            out += c;
            ++i;
            continue;
        }
        if (c != ':' && c != '-') {
            return std::nullopt;
        }
        const std::size_t begin = i;
        const bool left_colon = c == ':';
        i += left_colon ? 1 : 0;
        const std::size_t dashes_begin = i;
        while (i < line.size() && line[i] == '-') {
            ++i;
        }
        const std::size_t dashes = i - dashes_begin;
        const bool right_colon = i < line.size() && line[i] == ':';
        i += right_colon ? 1 : 0;
        if (dashes == 0 ||
            (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '|')) {
            return std::nullopt;
        }
        const std::size_t width = i - begin;
        out += left_colon ? ":" : "";
        out.append(dashes + (width < 3 ? 3 - width : 0), '-');
        out += right_colon ? ":" : "";
        ++cells;
    }
    if (!pipe || cells == 0) {
        return std::nullopt;
    }
    return out;
}

/// What md4c parses, and where its lines come from.
struct prepared_page {
    std::string text;
    std::vector<std::size_t> source_lines; ///< 1-based page line of each line of `text`
};

/// `lines` from index `first` on (front matter excluded), adjusted for md4c as described above.
prepared_page prepare_for_md4c(const std::vector<std::string_view>& lines, std::size_t first) {
    prepared_page out;
    const auto emit = [&](std::string_view text, std::size_t index) {
        out.text += text;
        out.source_lines.push_back(index + 1);
    };
    const auto has_pipe = [](std::string_view l) { return l.find('|') != std::string_view::npos; };
    std::optional<std::string> pending_delimiter; // widened delimiter row for the next line
    for (std::size_t i = first; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        const std::string_view line_end = line.substr(without_line_end(line).size());
        if (pending_delimiter) {
            emit(*pending_delimiter + std::string(line_end), i);
            pending_delimiter.reset();
            continue;
        }
        // A header candidate: a line with a pipe, followed by a delimiter row, and not itself
        // preceded by a line with a pipe (which would make it a body row or a paragraph line).
        const bool after_prose = i > first && !is_blank(lines[i - 1]);
        if (i + 1 < lines.size() && !is_blank(line) && has_pipe(line) &&
            !(after_prose && has_pipe(lines[i - 1]))) {
            pending_delimiter = as_delimiter_row(without_line_end(lines[i + 1]));
            if (pending_delimiter && after_prose) {
                emit("\n", i);
            }
        }
        emit(line, i);
    }
    return out;
}

/// Maps byte offsets of a text to its 1-based line numbers.
class line_index {
public:
    explicit line_index(const std::vector<std::string_view>& lines) {
        std::size_t offset = 0;
        for (const auto line : lines) {
            starts_.push_back(offset);
            offset += line.size();
        }
    }

    std::size_t line_of(std::size_t offset) const {
        return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                        starts_.begin());
    }

private:
    std::vector<std::size_t> starts_;
};

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

/// Everything the callbacks share; md4c passes it back as userdata.
struct parse_state {
    const prepared_page* input = nullptr;
    const line_index* lines = nullptr; ///< over input->text

    std::vector<markdown_table> tables;
    std::string last_heading;

    inline_text heading;
    inline_text cell;
    inline_text* sink = nullptr; ///< where text goes now: heading, cell or nowhere

    markdown_table current; ///< the table being read
    bool in_head = false;
    std::vector<md_cell> row;
    std::size_t row_line = 0;                ///< line of `input` of the current row, 0: unknown
    std::vector<std::size_t> observed_lines; ///< per row of the table, header first; 0: unknown

    std::exception_ptr failure;

    /// Line of `input` where `p` points, 0 when it points elsewhere (md4c's text pointers point
    /// into its input, except for the replacement of NUL characters).
    std::size_t line_of(const char* p) const {
        const auto at = reinterpret_cast<std::uintptr_t>(p);
        const auto begin = reinterpret_cast<std::uintptr_t>(input->text.data());
        if (at < begin || at >= begin + input->text.size()) {
            return 0;
        }
        return lines->line_of(at - begin);
    }

    std::size_t page_line(std::size_t input_line) const {
        return input_line == 0 || input_line > input->source_lines.size()
                   ? 0
                   : input->source_lines[input_line - 1];
    }

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
        current.line = page_line(header_line);
        current.row_lines.clear();
        for (std::size_t r = 0; r < current.rows.size(); ++r) {
            const std::size_t observed = observed_lines.size() > r + 1 ? observed_lines[r + 1] : 0;
            current.row_lines.push_back(page_line(observed != 0      ? observed
                                                  : header_line != 0 ? header_line + 2 + r
                                                                     : 0));
        }
        // md4c already pads short rows and drops extra cells; keep the invariant regardless.
        for (auto& r : current.rows) {
            r.resize(current.header.size());
        }
        tables.push_back(std::move(current));
        current = {};
    }

    void enter_block(MD_BLOCKTYPE type) {
        switch (type) {
        case MD_BLOCK_H:
            heading = {};
            sink = &heading;
            break;
        case MD_BLOCK_TABLE:
            current = {};
            current.heading = last_heading;
            observed_lines.clear();
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
        case MD_BLOCK_H:
            last_heading = heading.finish().text;
            sink = nullptr;
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
            } else {
                current.rows.push_back(std::move(row));
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
/// frames, so it is stored and parsing is aborted.
template <typename F>
int guarded(void* userdata, F&& f) noexcept {
    auto& state = *static_cast<parse_state*>(userdata);
    try {
        std::forward<F>(f)(state);
        return 0;
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

std::string describe_tables(const std::vector<markdown_table>& tables) {
    if (tables.empty()) {
        return "the page has no Markdown table";
    }
    std::string out = fmt::format("the page has {} Markdown table(s):", tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const auto& t = tables[i];
        std::vector<std::string_view> header;
        for (const auto& c : t.header) {
            header.emplace_back(c.text);
        }
        out += fmt::format(" #{} (line {}, under heading \"{}\", {} rows) with header [{}];", i,
                           t.line, t.heading, t.rows.size(), fmt::join(header, " | "));
    }
    out.pop_back();
    return out;
}

bool has_header_cell(const markdown_table& t, std::string_view name) {
    return std::any_of(t.header.begin(), t.header.end(),
                       [&](const md_cell& c) { return c.text == name; });
}

} // namespace

std::vector<markdown_table> read_markdown_tables(std::string_view page,
                                                 const std::string& source_id,
                                                 const std::string& origin) {
    // Line numbers are unaffected by dropping the BOM.
    const std::string_view text =
        page.starts_with(k_utf8_bom) ? page.substr(k_utf8_bom.size()) : page;
    const std::vector<std::string_view> page_lines = split_lines(text);
    const prepared_page input = prepare_for_md4c(page_lines, front_matter_lines(page_lines));
    if (input.text.size() > std::numeric_limits<MD_SIZE>::max()) {
        throw parse_error(source_id, origin, 0, 0,
                          fmt::format("Markdown page of {} bytes is too large", page.size()));
    }
    const line_index lines(split_lines(input.text));
    parse_state state;
    state.input = &input;
    state.lines = &lines;

    MD_PARSER parser{};
    parser.flags = k_md_flags;
    parser.enter_block = on_enter_block;
    parser.leave_block = on_leave_block;
    parser.enter_span = on_enter_span;
    parser.leave_span = on_leave_span;
    parser.text = on_text;

    const int rc =
        md_parse(input.text.data(), static_cast<MD_SIZE>(input.text.size()), &parser, &state);
    if (state.failure) {
        std::rethrow_exception(state.failure);
    }
    if (rc != 0) {
        throw parse_error(source_id, origin, 0, 0,
                          fmt::format("md4c failed to parse the Markdown page (code {})", rc));
    }
    return std::move(state.tables);
}

const markdown_table& select_markdown_table(const std::vector<markdown_table>& tables,
                                            std::optional<std::size_t> index,
                                            const std::string& required_header,
                                            const std::string& source_id,
                                            const std::string& origin) {
    const std::string wanted = normalize_space(required_header);
    if (index) {
        if (*index >= tables.size()) {
            throw parse_error(source_id, origin, 0, 0,
                              fmt::format("no Markdown table #{} (0-based); {}", *index,
                                          describe_tables(tables)));
        }
        const auto& t = tables[*index];
        if (!wanted.empty() && !has_header_cell(t, wanted)) {
            throw parse_error(source_id, origin, 0, 0,
                              fmt::format("Markdown table #{} has no header cell \"{}\"; {}",
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
    const auto hit = std::find_if(tables.begin(), tables.end(), [&](const markdown_table& t) {
        return has_header_cell(t, wanted);
    });
    if (hit == tables.end()) {
        throw parse_error(source_id, origin, 0, 0,
                          fmt::format("no Markdown table has a header cell \"{}\"; {}", wanted,
                                      describe_tables(tables)));
    }
    return *hit;
}

table to_table(const markdown_table& t, const std::vector<std::string>& link_text_columns,
               const std::vector<std::string>& text_without_link_columns) {
    return to_table(markdown_table(t), link_text_columns, text_without_link_columns);
}

table to_table(markdown_table&& t, const std::vector<std::string>& link_text_columns,
               const std::vector<std::string>& text_without_link_columns) {
    const auto normalized = [](const std::vector<std::string>& names) {
        std::vector<std::string> out;
        for (const auto& name : names) {
            out.push_back(normalize_space(name));
        }
        return out;
    };
    const std::vector<std::string> wanted_links = normalized(link_text_columns);
    const std::vector<std::string> wanted_outside = normalized(text_without_link_columns);
    const auto named = [](const std::vector<std::string>& names, const std::string& header) {
        return std::find(names.begin(), names.end(), header) != names.end();
    };
    const auto column_is_empty = [&](std::size_t c) {
        return t.header[c].text.empty() &&
               std::all_of(t.rows.begin(), t.rows.end(),
                           [&](const auto& row) { return c >= row.size() || row[c].text.empty(); });
    };
    enum class reading { text, link_text, outside_links };
    std::vector<std::size_t> kept;
    std::vector<reading> how;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        if (column_is_empty(c)) {
            continue;
        }
        kept.push_back(c);
        how.push_back(named(wanted_links, t.header[c].text)     ? reading::link_text
                      : named(wanted_outside, t.header[c].text) ? reading::outside_links
                                                                : reading::text);
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
        for (std::size_t k = 0; k < kept.size(); ++k) {
            const std::size_t c = kept[k];
            if (c >= row.size()) {
                cells.emplace_back();
                continue;
            }
            md_cell& cell = row[c];
            const auto& links = cell.links();
            const auto link = std::find_if(links.begin(), links.end(),
                                           [](const md_link& l) { return !l.text.empty(); });
            if (how[k] == reading::link_text && link != links.end()) {
                cells.push_back(link->text);
            } else if (how[k] == reading::outside_links && cell.linked) {
                cells.push_back(cell.linked->text_outside_links);
            } else {
                cells.push_back(std::move(cell.text));
            }
        }
        out.rows.push_back(std::move(cells));
        std::vector<md_cell>().swap(row);
    }
    out.row_lines = std::move(t.row_lines);
    return out;
}

} // namespace lbtrack::ingest
