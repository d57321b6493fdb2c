#pragma once
// Reading query results: timestamps as microseconds since the epoch (exact, no text parsing),
// nullable fields, the columns of a printed row. Private to lbtrack_store.

#include <pqxx/pqxx>

#include "lbtrack/core/board_row.hpp"
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

/// Seven columns from `first` on: variant, the printed name, rank, score, ci_plus, ci_minus,
/// votes (the order every query reading a printed row selects them in).
inline void read_printed_row(const pqxx::row& r, pqxx::row::size_type first, printed_row& out) {
    out.variant = r[first].as<std::string>();
    out.printed_name = r[first + 1].as<std::string>();
    out.rank = optional_field<int>(r[first + 2]);
    out.score = optional_field<double>(r[first + 3]);
    out.ci_plus = optional_field<double>(r[first + 4]);
    out.ci_minus = optional_field<double>(r[first + 5]);
    out.votes = optional_field<long long>(r[first + 6]);
}

/// A text field, "" for NULL.
inline std::string text_field(const pqxx::field& f) {
    return f.is_null() ? std::string() : f.as<std::string>();
}

} // namespace lbtrack::store::detail
