#include "lbtrack/ingest/validate.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <map>

namespace lbtrack::ingest {

namespace {

bool same_values(const entry& a, const entry& b) {
    return a.raw_name == b.raw_name && a.model_key == b.model_key && a.variant == b.variant &&
           a.organization == b.organization && a.rank == b.rank && a.score == b.score &&
           a.ci_plus == b.ci_plus && a.ci_minus == b.ci_minus && a.votes == b.votes &&
           a.license == b.license && a.knowledge_cutoff == b.knowledge_cutoff &&
           a.metrics == b.metrics;
}

} // namespace

std::vector<std::string> drop_repeated_rows(std::vector<entry>& entries,
                                            const std::string& origin) {
    // Compacted in place: a second vector of kept rows doubled the peak memory of a large
    // payload's entries (bench/peak_memory.sh).
    std::vector<std::string> messages;
    std::map<std::pair<std::string, std::string>, std::size_t> first_index;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto& e = entries[i];
        const auto it = first_index.find({e.model_key, e.variant});
        if (it != first_index.end() && same_values(entries[it->second], e)) {
            messages.push_back(
                fmt::format("{}: data row {} repeats row {} ('{}') exactly; kept once", origin,
                            e.row, entries[it->second].row, e.raw_name));
            continue;
        }
        first_index.emplace(std::pair(e.model_key, e.variant), kept);
        if (kept != i) {
            entries[kept] = std::move(e);
        }
        ++kept;
    }
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(kept), entries.end());
    return messages;
}

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
                fmt::format("{}: data rows {} ('{}') and {} ('{}') are the same model '{}'{}",
                            origin, it->second->row, it->second->raw_name, e.row, e.raw_name,
                            e.model_key,
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
