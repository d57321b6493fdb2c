#pragma once
// JSON payloads -> table: leaderboards published as an array of row objects, such as the Open
// LLM Leaderboard v2 ({"fullname": "Qwen/Qwen2.5-72B-Instruct", "Average ⬆️": 47.98, ...}), or
// as an object of row objects keyed by model (LMArena's catalog, EvalPlus's results.json).

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/table.hpp"

#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// Where the rows are in the document (source's rows_pointer and json_key_column).
struct json_rows_options {
    /// RFC 6901 JSON Pointer to the rows: "" is the document itself; "/rows", "/full",
    /// "/results/0/rows". Keys in the pointer are matched as written in the payload: a key the
    /// payload spells with \u escapes is not found.
    std::string pointer;
    /// For rows given as an object's members: the column that receives each member's name.
    std::string key_column = "key";
};

/// The payload is not JSON: simdjson refuses the document. A type of its own so that a caller
/// tells "not JSON" from "JSON without usable rows" by the error's type, never by searching its
/// message, which quotes the payload's own keys (json_fuzz once took a valid document with a
/// member named "invalid JSON: " for an invalid one).
class invalid_json_error : public parse_error {
public:
    using parse_error::parse_error;
};

/// The value at `options.pointer` holds the rows, as either
/// - an array: each element is a row (the Open LLM Leaderboard v2 contents);
/// - an object whose members are the rows, keyed by name (LMArena's catalog
///   {"full": {"gpt-4o": {"rating": ...}}}, EvalPlus's results.json {"GPT-4": {"link": ...}}): the
///   member's name goes into the column `options.key_column`, the first column of the header.
///
/// Each row must be an object. Its members become columns named by key (UTF-8, unescaped):
/// - nested objects are flattened with '.': {"scores": {"mmlu": 71}} -> column "scores.mmlu";
/// - arrays are kept as their raw JSON text, as written in the payload;
/// - numbers keep their text ("1e-3", "71.0" are not reformatted), true/false are "true"/"false",
///   null is an empty cell.
/// The header lists the keys in first-seen order across all rows; a row without a key has an
/// empty cell there. row_lines: the line where each row's object starts. A UTF-8 BOM is skipped.
///
/// Throws lbtrack::parse_error (naming `source_id` and `origin`) for:
/// - invalid JSON (an invalid_json_error): simdjson's message, row = line and column = byte
///   column of the fault when it can be located, 0 otherwise;
/// - an ill-formed pointer, no value at the pointer, or a value there that is neither an array
///   nor an object;
/// - a row that is not an object, or a row with the same column twice (a repeated key, "a.b"
///   next to {"a": {"b": ...}}, or a member named like the key column): row = the line where the
///   row starts, column 0; the message names the element's index or the member's name, and the
///   pointer.
/// Throws lbtrack::validation_error when the rows are keyed by name but `options.key_column` is
/// empty.
table read_json_rows(std::string_view json, const json_rows_options& options,
                     const std::string& source_id, const std::string& origin);

} // namespace lbtrack::ingest
