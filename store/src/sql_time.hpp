#pragma once
// Timestamps read from PostgreSQL as microseconds since the epoch (exact, no text parsing).
// Private to lbtrack_store.

#include <pqxx/pqxx>

#include "lbtrack/core/time.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace lbtrack::store::detail {

/// The SQL expression reading `column` (a timestamptz) as microseconds since the epoch.
inline std::string epoch_micros(std::string_view column) {
    return fmt::format("(extract(epoch FROM {}) * 1000000)::bigint", column);
}

/// A field selected with epoch_micros; std::nullopt for NULL.
inline std::optional<time_point> time_field(const pqxx::field& f) {
    if (f.is_null()) {
        return std::nullopt;
    }
    return time_point(std::chrono::microseconds(f.as<long long>()));
}

template <typename T>
std::optional<T> optional_field(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<T>(f.as<T>());
}

/// A text field, "" for NULL.
inline std::string text_field(const pqxx::field& f) {
    return f.is_null() ? std::string() : f.as<std::string>();
}

} // namespace lbtrack::store::detail
