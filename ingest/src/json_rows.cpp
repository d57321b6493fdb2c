// JSON rows through simdjson, with both of its APIs, each for what only it does:
//
// - DOM validates the whole document up front, so a payload that is not JSON (a truncated
//   download, an error page) is refused even when the fault lies outside the rows, and its
//   messages are the precise ones ("Problem while parsing an atom starting with the letter 't'").
//   But its tape keeps no source positions.
// - On-demand reads the rows: it points into the input, which gives each element's line
//   (current_location) and each number's text as written (raw_json_token). Alone it would check
//   only the values we visit, and it reports some syntax faults as type errors.
//
// When DOM refuses the payload, an on-demand walk over every value finds where the fault is.

#include "lbtrack/ingest/json_rows.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/value_parse.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lbtrack::ingest {

namespace {

namespace od = simdjson::ondemand;

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// DOM refuses documents nested deeper than this. On-demand gets some headroom beyond it: the two
/// count depth slightly differently, and in builds without NDEBUG on-demand asserts (aborts)
/// when a document goes past its limit instead of returning an error.
constexpr std::size_t max_depth = simdjson::DEFAULT_MAX_DEPTH;
constexpr std::size_t on_demand_max_depth = max_depth + 8;

/// An on-demand parser ready for `json` with on_demand_max_depth (iterate() keeps the depth
/// limit of an allocation big enough for its input).
simdjson::error_code prepare(od::parser& parser, const simdjson::padded_string& json) {
    return parser.allocate(json.size(), on_demand_max_depth);
}

/// Byte offset -> 1-based line and column, lines ending at LF, CRLF or a lone CR as in an editor.
/// Counted as the reader moves forward through the payload (rows come in order), so it holds no
/// table of line starts: that was 8 bytes a line, as much as a pretty-printed payload itself.
class line_counter {
public:
    explicit line_counter(std::string_view text) : text_(text) {}

    std::size_t line_of(std::size_t offset) {
        if (offset < counted_to_) {
            counted_to_ = 0;
            breaks_ = 0;
        }
        for (; counted_to_ < offset && counted_to_ < text_.size(); ++counted_to_) {
            breaks_ += is_break(counted_to_) ? 1 : 0;
        }
        return breaks_ + 1;
    }

    std::size_t column_of(std::size_t offset) const {
        std::size_t start = std::min(offset, text_.size());
        while (start > 0 && !is_break(start - 1)) {
            --start;
        }
        return offset - start + 1;
    }

private:
    bool is_break(std::size_t i) const {
        return text_[i] == '\n' ||
               (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n'));
    }

    std::string_view text_;
    std::size_t counted_to_ = 0; ///< breaks_ counts the line breaks before this offset
    std::size_t breaks_ = 0;
};

std::string_view type_name(od::json_type t) {
    switch (t) {
    case od::json_type::array:
        return "an array";
    case od::json_type::object:
        return "an object";
    case od::json_type::number:
        return "a number";
    case od::json_type::string:
        return "a string";
    case od::json_type::boolean:
        return "a boolean";
    case od::json_type::null:
        return "null";
    }
    return "a value of unknown type";
}

/// RFC 6901 syntax: empty, or '/'-separated tokens where '~' is only "~0" or "~1". Checked here
/// because simdjson answers a malformed pointer and a pointer running into a scalar alike.
bool is_valid_pointer(std::string_view p) {
    if (p.empty()) {
        return true;
    }
    if (p.front() != '/') {
        return false;
    }
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '~' && (i + 1 == p.size() || (p[i + 1] != '0' && p[i + 1] != '1'))) {
            return false;
        }
    }
    return true;
}

/// Visits every value below `v` the way on-demand validates: by consuming it. Stops at
/// max_depth, as DOM does, so on-demand's own limit is never reached.
simdjson::error_code visit_all(od::value v, std::size_t depth) {
    if (depth > max_depth) {
        return simdjson::DEPTH_ERROR;
    }
    od::json_type t{};
    if (auto e = v.type().get(t)) {
        return e;
    }
    switch (t) {
    case od::json_type::object: {
        od::object o;
        if (auto e = v.get_object().get(o)) {
            return e;
        }
        for (auto member : o) {
            od::field f;
            std::string_view key;
            if (auto e = std::move(member).get(f)) {
                return e;
            }
            if (auto e = f.unescaped_key().get(key)) {
                return e;
            }
            if (auto e = visit_all(f.value(), depth + 1)) {
                return e;
            }
        }
        return simdjson::SUCCESS;
    }
    case od::json_type::array: {
        od::array a;
        if (auto e = v.get_array().get(a)) {
            return e;
        }
        for (auto element : a) {
            od::value x;
            if (auto e = element.get(x)) {
                return e;
            }
            if (auto e = visit_all(x, depth + 1)) {
                return e;
            }
        }
        return simdjson::SUCCESS;
    }
    case od::json_type::string:
        return v.get_string().error();
    case od::json_type::number:
        return v.get_number().error();
    case od::json_type::boolean:
        return v.get_bool().error();
    case od::json_type::null: {
        bool is_null = false;
        if (auto e = v.is_null().get(is_null)) {
            return e;
        }
        return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
    }
    return simdjson::SUCCESS;
}

/// What an on-demand walk of a whole document stumbled on, and where (an offset into the
/// payload) when it can tell.
struct walk_fault {
    simdjson::error_code error = simdjson::SUCCESS;
    std::optional<std::size_t> at;
};

/// Visits every value of the document `json` the way DOM validates it, with on-demand's parser
/// (a structural index of 4 bytes per byte of payload, against DOM's 14: DOM's tape and buffers
/// are sized for the worst case up front, 590 MB for a 42 MB board). Leaves `doc` rewound for
/// reading when the document is valid.
std::optional<walk_fault> walk_document(od::parser& parser, const simdjson::padded_string& json,
                                        od::document& doc) {
    if (const auto e = parser.iterate(json).get(doc)) {
        return walk_fault{e, std::nullopt}; // stage 1 faults (unclosed string, bad UTF-8)
    }
    od::json_type t{};
    simdjson::error_code e = doc.type().get(t);
    const bool scalar = !e && t != od::json_type::array && t != od::json_type::object;
    if (scalar) {
        // A scalar document's token runs up to the next structural character, if any: trailing
        // content ("x" 1), which on-demand's string getter does not look for (seen fuzzing).
        std::string_view token;
        if (!doc.raw_json_token().get(token)) {
            const std::size_t end =
                static_cast<std::size_t>(token.data() - json.data()) + token.size();
            if (end < json.size()) {
                return walk_fault{simdjson::TRAILING_CONTENT, end};
            }
        }
    }
    if (!e) {
        switch (t) {
        case od::json_type::array:
        case od::json_type::object: {
            od::value root;
            e = doc.get_value().get(root);
            if (!e) {
                e = visit_all(root, 1);
            }
            break;
        }
        case od::json_type::string:
            e = doc.get_string().error();
            break;
        case od::json_type::number:
            e = doc.get_number().error();
            break;
        case od::json_type::boolean:
            e = doc.get_bool().error();
            break;
        case od::json_type::null: {
            bool is_null = false;
            e = doc.is_null().get(is_null);
            e = e ? e : is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
            break;
        }
        }
    }
    // Past a clean walk, a position still inside the input is trailing content.
    const char* at = nullptr;
    const bool inside = !doc.current_location().get(at);
    const auto offset = inside
                            ? std::optional<std::size_t>(static_cast<std::size_t>(at - json.data()))
                            : std::nullopt;
    if (e) {
        return walk_fault{e, offset};
    }
    if (inside && !scalar) {
        return walk_fault{simdjson::TRAILING_CONTENT, offset};
    }
    doc.rewind();
    return std::nullopt;
}

class json_rows_reader {
public:
    json_rows_reader(std::string_view json, const json_rows_options& options,
                     const std::string& source_id, const std::string& origin)
        : bom_(json.starts_with(utf8_bom) ? utf8_bom.size() : 0),
          // simdjson reads up to SIMDJSON_PADDING bytes past the end of its input (whole SIMD
          // blocks at a time); a string_view gives no such guarantee, so the payload is copied.
          padded_(json.substr(bom_)), lines_(padded_), pointer_(options.pointer),
          key_column_(options.key_column), source_id_(source_id), origin_(origin) {}

    table read() {
        validate_document();
        if (!is_valid_pointer(pointer_)) {
            fail(0, 0,
                 fmt::format("invalid JSON pointer '{}': RFC 6901 wants it empty or starting with "
                             "'/', with '~' only in \"~0\" or \"~1\"",
                             pointer_));
        }
        if (pointer_.empty()) {
            read_rows_at(doc_);
        } else {
            od::value target;
            if (doc_.at_pointer(pointer_).get(target)) {
                fail(0, 0, fmt::format("no value at JSON pointer '{}'", pointer_));
            }
            read_rows_at(target);
        }
        for (auto& r : t_.rows) {
            r.resize(t_.header.size());
        }
        return std::move(t_);
    }

private:
    [[noreturn]] void fail(std::size_t row, std::size_t column, const std::string& what) const {
        throw parse_error(source_id_, origin_, row, column, what);
    }

    [[noreturn]] void fail_invalid(simdjson::error_code e, std::optional<std::size_t> at) {
        const auto what = fmt::format("invalid JSON: {}", simdjson::error_message(e));
        if (!at) {
            throw invalid_json_error(source_id_, origin_, 0, 0, what);
        }
        throw invalid_json_error(source_id_, origin_, lines_.line_of(*at), lines_.column_of(*at),
                                 what);
    }

    /// On-demand faults while reading rows (not expected once DOM accepted the payload).
    void check(simdjson::error_code e) {
        if (e) {
            const char* at = nullptr;
            fail_invalid(
                e, doc_.current_location().get(at)
                       ? std::nullopt
                       : std::optional<std::size_t>(static_cast<std::size_t>(at - padded_.data())));
        }
    }

    /// Refuses a payload that is not JSON, even when the fault lies outside the rows. The walk
    /// finds the fault and where; DOM, run only then, gives the precise message (on-demand
    /// reports some syntax faults as type errors).
    void validate_document() {
        if (const auto e = prepare(parser_, padded_)) {
            fail(0, 0, fmt::format("cannot parse JSON: {}", simdjson::error_message(e)));
        }
        const auto fault = walk_document(parser_, padded_, doc_);
        if (!fault) {
            return;
        }
        doc_ = od::document();
        parser_ = od::parser(); // its buffers, before DOM takes its own
        simdjson::dom::parser dom;
        simdjson::error_code e = dom.allocate(padded_.size(), max_depth);
        e = e ? e : dom.parse(padded_).error();
        fail_invalid(e ? e : fault->error, fault->at);
    }

    std::size_t line_at(const char* p) {
        return lines_.line_of(static_cast<std::size_t>(p - padded_.data()));
    }

    std::string describe_pointer() const {
        return pointer_.empty() ? std::string("the document root")
                                : fmt::format("JSON pointer '{}'", pointer_);
    }

    /// Reads the rows held by `node` (the document, or the value at the pointer): the elements of
    /// an array, or the members of an object.
    template <typename Node>
    void read_rows_at(Node& node) {
        od::json_type t{};
        const char* at = nullptr;
        check(node.type().get(t));
        check(node.current_location().get(at));
        if (t == od::json_type::array) {
            od::array rows;
            check(node.get_array().get(rows));
            read_array_rows(rows);
            return;
        }
        if (t == od::json_type::object) {
            od::object rows;
            check(node.get_object().get(rows));
            read_keyed_rows(rows);
            return;
        }
        fail(line_at(at), 0,
             fmt::format("the value at {} is {}, not an array of rows nor an object of rows "
                         "keyed by name",
                         describe_pointer(), type_name(t)));
    }

    void read_array_rows(od::array rows) {
        std::size_t index = 0;
        for (auto element : rows) {
            ++index;
            od::value v;
            check(element.get(v));
            read_row(v, [&](std::size_t line) {
                return fmt::format("element {} of the array at {} (line {})", index,
                                   describe_pointer(), line);
            });
        }
    }

    /// {"gpt-4o": {...}, "claude-3-opus": {...}}: each member is a row, its name a cell.
    void read_keyed_rows(od::object rows) {
        for (auto member : rows) {
            od::field f;
            std::string_view key;
            check(std::move(member).get(f));
            check(f.unescaped_key().get(key));
            if (key_column_.empty()) {
                throw validation_error(source_id_,
                                       fmt::format("{}: the rows at {} are keyed by name, but "
                                                   "json_key_column is empty: no column to put the "
                                                   "names in",
                                                   origin_, describe_pointer()));
            }
            const std::string name(key); // the key's buffer is simdjson's
            read_row(
                f.value(),
                [&](std::size_t line) {
                    return fmt::format("member '{}' of the object at {} (line {})", name,
                                       describe_pointer(), line);
                },
                &name);
        }
    }

    /// A row being read: cells by header column, and which were given (to catch duplicates).
    struct row_cells {
        std::vector<std::string> cells;
        std::vector<bool> given;
        std::string where; ///< "element 3 of the array at ... (line 7)", for messages
        std::size_t line = 0;
        bool keyed = false; ///< a member of an object of rows: its name is in key_column_
    };

    /// Reads the row object `v`; `describe(line)` names it in messages; `key`, for a member of an
    /// object of rows, is the member's name.
    template <typename Describe>
    void read_row(od::value& v, const Describe& describe, const std::string* key = nullptr) {
        const char* at = nullptr;
        od::json_type t{};
        check(v.current_location().get(at));
        check(v.type().get(t));
        row_cells row;
        row.line = line_at(at);
        row.where = describe(row.line);
        row.keyed = key != nullptr;
        if (t != od::json_type::object) {
            fail(row.line, 0, fmt::format("{} is {}, not an object", row.where, type_name(t)));
        }
        if (key != nullptr) {
            set_cell(row, key_column_, *key);
        }
        od::object o;
        check(v.get_object().get(o));
        flatten(o, "", row);
        t_.rows.push_back(std::move(row.cells));
        t_.row_lines.push_back(row.line);
    }

    void flatten(od::object o, const std::string& prefix, row_cells& row) {
        for (auto member : o) {
            od::field f;
            std::string_view key;
            check(std::move(member).get(f));
            check(f.unescaped_key().get(key));
            std::string name = prefix + std::string(key); // the key's buffer is simdjson's
            od::value& v = f.value();
            od::json_type t{};
            check(v.type().get(t));
            switch (t) {
            case od::json_type::object: {
                od::object inner;
                check(v.get_object().get(inner));
                flatten(inner, name + ".", row);
                break;
            }
            case od::json_type::array: {
                od::array a;
                std::string_view raw;
                check(v.get_array().get(a));
                check(a.raw_json().get(raw));
                set_cell(row, std::move(name), trim_whitespace(raw));
                break;
            }
            case od::json_type::string: {
                std::string_view s;
                check(v.get_string().get(s));
                set_cell(row, std::move(name), s);
                break;
            }
            case od::json_type::number: {
                // The token runs up to the next one: trailing spaces included.
                set_cell(row, std::move(name), trim_whitespace(v.raw_json_token()));
                break;
            }
            case od::json_type::boolean: {
                bool b = false;
                check(v.get_bool().get(b));
                set_cell(row, std::move(name), b ? "true" : "false");
                break;
            }
            case od::json_type::null:
                set_cell(row, std::move(name), "");
                break;
            }
        }
    }

    void set_cell(row_cells& row, std::string name, std::string_view value) {
        const auto [it, added] = columns_.try_emplace(name, t_.header.size());
        if (added) {
            t_.header.push_back(std::move(name));
        }
        const std::size_t col = it->second;
        if (row.cells.size() <= col) {
            row.cells.resize(col + 1);
            row.given.resize(col + 1);
        }
        if (row.given[col]) {
            // Keeping either value would silently record a number the board may not show.
            fail(row.line, 0,
                 fmt::format("{} gives column '{}' twice (a repeated key, a dotted key next to a "
                             "nested object{})",
                             row.where, it->first,
                             row.keyed ? ", or a member named like json_key_column" : ""));
        }
        row.given[col] = true;
        row.cells[col] = std::string(value);
    }

    std::size_t bom_;
    simdjson::padded_string padded_;
    line_counter lines_; ///< of the payload after its BOM: columns as an editor shows them
    const std::string& pointer_;
    const std::string& key_column_;
    const std::string& source_id_;
    const std::string& origin_;
    od::parser parser_;
    od::document doc_;
    table t_;
    std::unordered_map<std::string, std::size_t> columns_; ///< header name -> column
};

} // namespace

table read_json_rows(std::string_view json, const json_rows_options& options,
                     const std::string& source_id, const std::string& origin) {
    return json_rows_reader(json, options, source_id, origin).read();
}

} // namespace lbtrack::ingest
