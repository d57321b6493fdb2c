#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace lbtrack {

fetch_error::fetch_error(std::string source_id, std::string url, const std::string& what,
                         retry_verdict verdict)
    : attempt_error(fmt::format("source '{}': fetch of {} failed: {}", source_id, url, what),
                    verdict),
      source_id_(std::move(source_id)), url_(std::move(url)) {}

namespace {
std::string position(std::size_t row, std::size_t column) {
    if (row == 0) {
        return "";
    }
    if (column == 0) {
        return fmt::format(", row {}", row);
    }
    return fmt::format(", row {}, column {}", row, column);
}
} // namespace

parse_error::parse_error(std::string source_id, std::string origin, std::size_t row,
                         std::size_t column, const std::string& what)
    : error(fmt::format("source '{}': {}{}: {}", source_id, origin, position(row, column), what)),
      source_id_(std::move(source_id)), origin_(std::move(origin)), row_(row), column_(column) {}

validation_error::validation_error(std::string source_id, const std::string& what)
    : error(fmt::format("source '{}': {}", source_id, what)), source_id_(std::move(source_id)) {}

schema_drift_error::schema_drift_error(std::string source_id, std::string origin,
                                       std::vector<std::string> missing,
                                       std::vector<std::string> unexpected)
    : validation_error(std::move(source_id),
                       fmt::format("{}: schema drift: missing column(s) {}; new column(s) {}",
                                   origin, fmt::join(missing, ", "),
                                   unexpected.empty()
                                       ? std::string("none")
                                       : fmt::format("{}", fmt::join(unexpected, ", ")))),
      missing_(std::move(missing)), unexpected_(std::move(unexpected)) {}

config_error::config_error(std::string file, std::size_t line, std::string key,
                           const std::string& what)
    : error(fmt::format("{}{}: {}{}", file, line > 0 ? fmt::format(":{}", line) : "",
                        key.empty() ? "" : fmt::format("key '{}': ", key), what)),
      file_(std::move(file)), line_(line), key_(std::move(key)) {}

} // namespace lbtrack
