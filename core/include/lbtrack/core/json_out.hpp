#pragma once
// Writing JSON with nlohmann-json. ordered_json keeps keys in insertion order, so documents whose
// field order is documented (docs/report-json.md) come out as written; numbers go through
// json_number so a score prints as the board printed it (1472, not 1472.0).

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack {

using ordered_json = nlohmann::ordered_json;

/// An integral value (below 2^53) as a JSON integer, others as a float (shortest round-trip
/// spelling), NaN and infinities as null: JSON has no spelling for them.
inline ordered_json json_number(double v) {
    if (!std::isfinite(v)) {
        return nullptr;
    }
    if (v == std::trunc(v) && std::fabs(v) < 9007199254740992.0) {
        return static_cast<long long>(v);
    }
    return v;
}

inline ordered_json json_number(const std::optional<double>& v) {
    return v ? json_number(*v) : ordered_json(nullptr);
}

/// The number a table spelled for a terminal ("1480", "0.10", "+52"), or std::nullopt when the
/// text is no number (empty, a "–" placeholder).
inline std::optional<double> spelled_number(std::string_view text) {
    const std::string_view digits = text.starts_with('+') ? text.substr(1) : text;
    double v = 0;
    const auto end = digits.data() + digits.size();
    const auto [at, ec] = std::from_chars(digits.data(), end, v);
    if (digits.empty() || ec != std::errc() || at != end) {
        return std::nullopt;
    }
    return v;
}

/// A spelled cell as a JSON number; "" as null; text that is no number as a string rather than
/// invalid JSON.
inline ordered_json json_spelled_number(std::string_view text) {
    if (text.empty()) {
        return nullptr;
    }
    if (const auto v = spelled_number(text)) {
        return json_number(*v);
    }
    return std::string(text);
}

/// The value, or null when absent.
template <typename T>
ordered_json json_or_null(const std::optional<T>& v) {
    return v ? ordered_json(*v) : ordered_json(nullptr);
}

/// "" as null: an absent text field.
inline ordered_json json_text_or_null(const std::string& text) {
    return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

/// Compact, as every lbtrack output is written; a byte that is not UTF-8 becomes U+FFFD instead
/// of failing the whole document.
inline std::string json_dump(const ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// An array with one element per line, "[\n{...},\n{...}\n]": the query commands' layout,
/// which a reader can grep and a diff can compare row by row. Also the layout of an array
/// inside a larger document (`models --json`).
inline std::string json_lines(const std::vector<ordered_json>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i ? ",\n" : "\n";
        out += json_dump(items[i]);
    }
    return out + "\n]";
}

/// json_lines as a whole document, ending in a newline.
inline std::string json_array_by_line(const std::vector<ordered_json>& items) {
    return json_lines(items) + "\n";
}

} // namespace lbtrack
