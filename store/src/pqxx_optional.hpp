#pragma once
// libpqxx 6.4 has no string conversion for std::optional (7.x does); stream_to needs one to
// write NULLs. string_traits is libpqxx's documented customization point for this.

#include <pqxx/strconv>

#include <optional>
#include <string>

namespace pqxx {

template <typename T>
struct string_traits<std::optional<T>> {
    static constexpr const char* name() noexcept { return "std::optional"; }
    static constexpr bool has_null() noexcept { return true; }
    static bool is_null(const std::optional<T>& v) { return !v.has_value(); }
    static std::optional<T> null() { return std::nullopt; }
    static void from_string(const char str[], std::optional<T>& out) {
        T value;
        string_traits<T>::from_string(str, value);
        out = std::move(value);
    }
    static std::string to_string(const std::optional<T>& v) {
        return string_traits<T>::to_string(*v);
    }
};

} // namespace pqxx
