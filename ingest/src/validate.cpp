#include "lbtrack/ingest/validate.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <map>

namespace lbtrack::ingest {

void validate_entries(const std::vector<entry>& entries, const std::string& source_id,
                      const std::string& origin) {
    if (entries.empty()) {
        throw validation_error(source_id, fmt::format("{}: no data rows", origin));
    }
    std::map<std::pair<std::string, std::string>, const entry*> seen;
    for (const auto& e : entries) {
        const auto [it, inserted] = seen.emplace(std::pair(e.model_key, e.variant), &e);
        if (!inserted) {
            throw validation_error(
                source_id,
                fmt::format("{}: data rows {} ('{}') and {} ('{}') are the same model '{}'{}", origin,
                            it->second->row, it->second->raw_name, e.row, e.raw_name, e.model_key,
                            e.variant.empty() ? "" : fmt::format(" (variant {})", e.variant)));
        }
    }
}

void validate_row_count(std::size_t new_rows, std::size_t previous_rows, double min_ratio,
                        const std::string& source_id, const std::string& origin) {
    if (previous_rows > 0 && static_cast<double>(new_rows) < min_ratio * previous_rows) {
        throw validation_error(
            source_id, fmt::format("{}: {} rows where the previous snapshot had {} (below the "
                                   "min_row_ratio of {}): refusing a collapsed board",
                                   origin, new_rows, previous_rows, min_ratio));
    }
}

} // namespace lbtrack::ingest
