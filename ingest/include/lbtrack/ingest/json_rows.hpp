#pragma once
// JSON payloads -> table: leaderboards published as an array of row objects, such as the Open
// LLM Leaderboard v2 ({"fullname": "Qwen/Qwen2.5-72B-Instruct", "Average ⬆️": 47.98, ...}).

#include "lbtrack/ingest/table.hpp"

#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// The rows are the elements of the array at `pointer`, an RFC 6901 JSON Pointer ("" is the
/// document itself; "/rows", "/data/leaderboard", "/results/0/rows"). Keys in the pointer are
/// matched as written in the payload: a key the payload spells with \u escapes is not found.
///
/// Each element must be an object. Its members become columns named by key (UTF-8, unescaped):
/// - nested objects are flattened with '.': {"scores": {"mmlu": 71}} -> column "scores.mmlu";
/// - arrays are kept as their raw JSON text, as written in the payload;
/// - numbers keep their text ("1e-3", "71.0" are not reformatted), true/false are "true"/"false",
///   null is an empty cell.
/// The header lists the keys in first-seen order across all rows; a row without a key has an
/// empty cell there. row_lines: the line where each element starts. A UTF-8 BOM is skipped.
///
/// Throws lbtrack::parse_error (naming `source_id` and `origin`) for:
/// - invalid JSON: simdjson's message, row = line and column = byte column of the fault when it
///   can be located, 0 otherwise;
/// - an ill-formed pointer, no value at the pointer, or a value there that is not an array;
/// - an element that is not an object, or a row with the same column twice (a repeated key, or
///   "a.b" next to {"a": {"b": ...}}): row = the element's 1-based index, column 0.
table read_json_rows(std::string_view json, const std::string& pointer,
                     const std::string& source_id, const std::string& origin);

} // namespace lbtrack::ingest
