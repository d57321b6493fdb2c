#pragma once
// Writing the JSON API by hand, as the reports do (core/json_text.hpp): our documents are flat
// and streamed once. Strings from upstream are made valid UTF-8 first (an invalid byte becomes
// U+FFFD), so every answer parses whatever a board printed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::serve {

class json_writer {
public:
    json_writer& begin_object();
    json_writer& end_object();
    json_writer& begin_array();
    json_writer& end_array();
    json_writer& key(std::string_view name);

    json_writer& string(std::string_view text);
    json_writer& number(double v); ///< null when not finite (JSON has no NaN)
    json_writer& integer(long long v);
    json_writer& boolean(bool v);
    json_writer& null();
    /// A value that is JSON already (a rendered report).
    json_writer& raw(std::string_view json);

    json_writer& number(const std::optional<double>& v) { return v ? number(*v) : null(); }
    json_writer& integer(const std::optional<long long>& v) { return v ? integer(*v) : null(); }
    json_writer& integer(const std::optional<int>& v) { return v ? integer(*v) : null(); }
    /// "" as null: an absent text field.
    json_writer& string_or_null(std::string_view text) {
        return text.empty() ? null() : string(text);
    }

    /// key(name) then the value.
    template <typename T>
    json_writer& field(std::string_view name, const T& value);

    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void before_value();

    std::string out_;
    std::vector<bool> first_; ///< per open container: nothing written in it yet
    bool after_key_ = false;
};

/// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

template <typename T>
json_writer& json_writer::field(std::string_view name, const T& value) {
    key(name);
    if constexpr (std::is_same_v<T, bool>) {
        return boolean(value);
    } else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, std::optional<double>>) {
        return number(value);
    } else if constexpr (std::is_integral_v<T>) {
        return integer(static_cast<long long>(value));
    } else if constexpr (std::is_same_v<T, std::optional<int>> ||
                         std::is_same_v<T, std::optional<long long>>) {
        return integer(value);
    } else {
        return string(std::string_view(value));
    }
}

} // namespace lbtrack::serve
