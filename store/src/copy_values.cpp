#include "copy_values.hpp"

#include "lbtrack/core/json_text.hpp"

#include <charconv>
#include <iterator>
#include <string_view>

namespace lbtrack::store::detail {

std::optional<std::string> non_empty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

/// JSON object text for the metrics column, {"name": value}, into `out` (NUL-terminated for
/// the COPY row): plain numbers so the column stays easy to query (`(metrics->>'price')::float8`).
/// Values are finite doubles (the value parsers refuse anything else), which fmt prints as valid
/// JSON numbers.
void metrics_json(const std::vector<metric>& metrics, fmt::memory_buffer& out) {
    out.clear();
    out.push_back('{');
    for (const auto& m : metrics) {
        // Appended piece by piece: one format string parsed per metric of every row was a
        // tenth of the COPY's row formatting (perf, issue 19).
        if (out.size() > 1) {
            out.push_back(',');
        }
        const auto name = json_quote(m.name);
        out.append(name.data(), name.data() + name.size());
        out.push_back(':');
        fmt::format_to(std::back_inserter(out), "{}", m.value);
    }
    out.append(std::string_view("}\0", 2));
}

/// JSON object text for the metric_units column, {"name": "unit"}, for the metrics that have a
/// unit only, so unitless boards store '{}'. NUL-terminated like metrics_json.
void metric_units_json(const std::vector<metric>& metrics, fmt::memory_buffer& out) {
    out.clear();
    out.push_back('{');
    for (const auto& m : metrics) {
        if (!m.unit.empty()) {
            fmt::format_to(std::back_inserter(out), "{}{}:{}", out.size() > 1 ? "," : "",
                           json_quote(m.name), json_quote(m.unit));
        }
    }
    out.append(std::string_view("}\0", 2));
}

/// A COPY field of text: NULL (nullptr) for an empty string. Views `s`, no copy.
const char* text_or_null(const std::string& s) {
    return s.empty() ? nullptr : s.c_str();
}

/// The shortest text that reads back as the same double (std::to_chars), NUL-terminated in
/// `buffer`; NULL for none. libpqxx 6 formats doubles through a string stream, which was a fifth
/// of the time spent streaming a snapshot's rows.
const char* number_or_null(const std::optional<double>& v, std::array<char, 32>& buffer) {
    if (!v) {
        return nullptr;
    }
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size() - 1, *v);
    *end = '\0';
    return buffer.data();
}

/// PostgreSQL array literal of texts, for `= ANY($1::text[])`.
std::string text_array(const std::vector<std::string>& items) {
    array_literal out;
    for (const auto& item : items) {
        out.add(item);
    }
    return std::move(out).take();
}

void array_literal::add(std::string_view item) {
    out_ += out_.size() > 1 ? ",\"" : "\"";
    for (char c : item) {
        if (c == '"' || c == '\\') {
            out_ += '\\';
        }
        out_ += c;
    }
    out_ += '"';
}

} // namespace lbtrack::store::detail
