#pragma once
// Values as the COPY rows and query parameters of the snapshot tables want them: NULL for what
// is absent, numbers as the shortest text that reads back the same, the metric maps as flat
// JSON, key lists as array literals. Private to lbtrack_store.

#include "lbtrack/core/entry.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::store::detail {

/// A parameter that is NULL for an empty string.
std::optional<std::string> non_empty(const std::string& s);

/// JSON object text for the metrics column, {"name": value}, into `out` (NUL-terminated for
/// the COPY row).
void metrics_json(const std::vector<metric>& metrics, fmt::memory_buffer& out);

/// JSON object text for the metric_units column, {"name": "unit"}, for the metrics that have a
/// unit only. NUL-terminated like metrics_json.
void metric_units_json(const std::vector<metric>& metrics, fmt::memory_buffer& out);

/// A COPY field of text: NULL (nullptr) for an empty string. Views `s`, no copy.
const char* text_or_null(const std::string& s);

/// The shortest text that reads back as the same double, NUL-terminated in `buffer`; NULL for
/// none.
const char* number_or_null(const std::optional<double>& v, std::array<char, 32>& buffer);

/// PostgreSQL array literal of texts, for `= ANY($1::text[])`.
std::string text_array(const std::vector<std::string>& items);

/// A PostgreSQL array literal built an element at a time, for a parameter such as
/// `unnest($1::text[])`: every element double-quoted, `"` and `\` escaped (the only characters
/// special inside quotes), so any text goes through; NULL unquoted.
class array_literal {
public:
    void add(std::string_view item);
    void add_null() { out_ += out_.size() > 1 ? ",NULL" : "NULL"; }
    /// NULL for an empty string, like non_empty.
    void add_or_null(const std::string& item) { item.empty() ? add_null() : add(item); }
    /// The literal, `{...}`; the builder is spent.
    std::string take() && { return std::move(out_ += '}'); }

private:
    std::string out_ = "{";
};

} // namespace lbtrack::store::detail
