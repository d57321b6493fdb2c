// RFC 4180 reader written as a small hand-made state machine: a record is a sequence of fields,
// each either quoted (read up to the closing quote, "" standing for one quote, line breaks kept)
// or unquoted (read up to the next comma or line end). Runs of ordinary bytes are appended to the
// cell in one go, so the cost is linear with one allocation per long cell at most.
//
// Lines are counted as the user's editor counts them (LF, CRLF or a lone CR each end one line,
// also inside quoted cells), because every error names the line to open the file at.

#include "lbtrack/ingest/csv_reader.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace lbtrack::ingest {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
/// Above the largest boards we know of (LMArena text: ~250 rows in 2025; DESIGN allows 10k).
constexpr std::size_t max_reserved_rows = 16384;

bool is_line_end(char c) {
    return c == '\n' || c == '\r';
}

bool is_blank_text(std::string_view s) {
    return std::ranges::all_of(s, [](char c) { return c == ' ' || c == '\t'; });
}

/// One record as read, before it is checked against the header.
struct record {
    std::vector<std::string> fields;
    std::size_t line = 0; ///< 1-based line where the record starts
    /// A line holding nothing but spaces or tabs: ignored at the end of the payload.
    bool blank = false;
};

class csv_parser {
public:
    csv_parser(std::string_view bytes, const std::string& source_id, const std::string& origin,
               bool keep_ragged_rows)
        : bytes_(bytes), source_id_(source_id), origin_(origin),
          keep_ragged_rows_(keep_ragged_rows) {
        if (bytes_.starts_with(utf8_bom)) {
            bytes_.remove_prefix(utf8_bom.size());
        }
    }

    table parse() {
        table t;
        // One line per record in the usual case: a cheap pass that saves the regrowth of both
        // vectors. Capped because a payload of nothing but line breaks must not make us reserve
        // gigabytes up front; past the cap the vectors simply grow.
        const auto lines = static_cast<std::size_t>(std::ranges::count(bytes_, '\n')) + 1;
        t.rows.reserve(std::min(lines, max_reserved_rows));
        t.row_lines.reserve(std::min(lines, max_reserved_rows));

        bool have_header = false;
        // Blank lines are held back until a later record shows they were not trailing ones.
        std::vector<record> held_blank;
        while (pos_ < bytes_.size()) {
            record r = read_record(have_header ? t.header.size() : 0);
            if (r.blank) {
                held_blank.push_back(std::move(r));
                continue;
            }
            if (!have_header) {
                if (!held_blank.empty()) {
                    throw error_at(held_blank.front().line, 0,
                                   "the header line is blank (the header must be line 1)");
                }
                t.header = std::move(r.fields);
                have_header = true;
                continue;
            }
            for (auto& b : held_blank) {
                add_row(t, std::move(b));
            }
            held_blank.clear();
            add_row(t, std::move(r));
        }
        if (!have_header) {
            throw error_at(1, 0, "empty payload: no header line");
        }
        return t;
    }

private:
    parse_error error_at(std::size_t line, std::size_t column, const std::string& what) const {
        return parse_error(source_id_, origin_, line, column, what);
    }

    void add_row(table& t, record r) const {
        const std::size_t expected = t.header.size();
        const std::size_t found = r.fields.size();
        if (found != expected && !keep_ragged_rows_) {
            // Point at the first column that is missing or the first one too many.
            const std::size_t column = std::min(found, expected) + 1;
            throw error_at(r.line, column,
                           fmt::format("expected {} fields as in the header, found {}{}", expected,
                                       found, r.blank ? " (a blank line)" : ""));
        }
        t.rows.push_back(std::move(r.fields));
        t.row_lines.push_back(r.line);
    }

    /// Consumes one line break (CRLF, LF or CR) at pos_.
    void consume_line_end() {
        if (bytes_[pos_] == '\r' && pos_ + 1 < bytes_.size() && bytes_[pos_ + 1] == '\n') {
            ++pos_;
        }
        ++pos_;
        ++line_;
    }

    /// Reads the record at pos_ and its line break. `width` is the header's field count (0 before
    /// the header), used only to size the field vector.
    record read_record(std::size_t width) {
        record r;
        r.line = line_;
        r.fields.reserve(width);
        bool quoted_any = false;
        for (;;) {
            std::string& cell = r.fields.emplace_back();
            const std::size_t column = r.fields.size();
            if (pos_ < bytes_.size() && bytes_[pos_] == '"') {
                quoted_any = true;
                read_quoted(cell, column);
            } else {
                read_unquoted(cell, column);
            }
            if (pos_ == bytes_.size()) {
                break; // last record without a final line break
            }
            if (bytes_[pos_] == ',') {
                ++pos_;
                continue;
            }
            consume_line_end(); // read_* stop only at a comma, a line end or the end of input
            break;
        }
        r.blank = !quoted_any && r.fields.size() == 1 && is_blank_text(r.fields.front());
        return r;
    }

    void read_unquoted(std::string& cell, std::size_t column) {
        const std::size_t start = pos_;
        while (pos_ < bytes_.size()) {
            const char c = bytes_[pos_];
            if (c == ',' || is_line_end(c)) {
                break;
            }
            if (c == '"') {
                throw error_at(line_, column,
                               "a quote inside an unquoted field (a field containing quotes must "
                               "be quoted as a whole, with each inner quote doubled)");
            }
            ++pos_;
        }
        cell.append(bytes_.substr(start, pos_ - start));
    }

    void read_quoted(std::string& cell, std::size_t column) {
        const std::size_t opened_line = line_;
        ++pos_; // the opening quote
        for (;;) {
            const std::size_t start = pos_;
            while (pos_ < bytes_.size() && bytes_[pos_] != '"' && !is_line_end(bytes_[pos_])) {
                ++pos_;
            }
            cell.append(bytes_.substr(start, pos_ - start));
            if (pos_ == bytes_.size()) {
                throw error_at(opened_line, column,
                               "unterminated quoted field: the quote opened here is never closed");
            }
            if (is_line_end(bytes_[pos_])) {
                // Kept byte for byte: an embedded CRLF stays CRLF.
                const std::size_t break_start = pos_;
                consume_line_end();
                cell.append(bytes_.substr(break_start, pos_ - break_start));
                continue;
            }
            // A quote: either the first of a doubled pair or the closing one.
            if (pos_ + 1 < bytes_.size() && bytes_[pos_ + 1] == '"') {
                cell.push_back('"');
                pos_ += 2;
                continue;
            }
            ++pos_;
            break;
        }
        if (pos_ < bytes_.size() && bytes_[pos_] != ',' && !is_line_end(bytes_[pos_])) {
            throw error_at(line_, column,
                           fmt::format("unexpected '{}' after the closing quote of a quoted field "
                                       "(a quote inside a quoted field must be doubled)",
                                       printable(bytes_[pos_])));
        }
    }

    /// The offending byte for a message; a byte of a multi-byte character or a control byte is
    /// shown in hex so the message stays valid text.
    static std::string printable(char c) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f) {
            return std::string(1, c);
        }
        return fmt::format("\\x{:02x}", u);
    }

    std::string_view bytes_;
    const std::string& source_id_;
    const std::string& origin_;
    bool keep_ragged_rows_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

} // namespace

table read_csv(std::string_view bytes, const std::string& source_id, const std::string& origin,
               bool keep_ragged_rows) {
    return csv_parser(bytes, source_id, origin, keep_ragged_rows).parse();
}

} // namespace lbtrack::ingest
