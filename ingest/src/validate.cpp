#include "lbtrack/ingest/validate.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/core/utf8_text.hpp"
#include "lbtrack/ingest/text_limits.hpp"

#include <fmt/format.h>

#include <optional>
#include <string_view>
#include <unordered_map>

namespace lbtrack::ingest {

namespace {

bool same_values(const entry& a, const entry& b) {
    return a.raw_name == b.raw_name && a.model_key == b.model_key && a.variant == b.variant &&
           a.organization == b.organization && a.rank == b.rank && a.score == b.score &&
           a.ci_plus == b.ci_plus && a.ci_minus == b.ci_minus && a.votes == b.votes &&
           a.license == b.license && a.knowledge_cutoff == b.knowledge_cutoff &&
           a.metrics == b.metrics;
}

/// Whether `candidate` is a better row than `kept` for keep_best: the better score in the board's
/// direction, else the better (lower) published rank; a tie keeps the first.
bool better_row(const entry& candidate, const entry& kept, bool higher_is_better) {
    if (candidate.score && kept.score) {
        return higher_is_better ? *candidate.score > *kept.score : *candidate.score < *kept.score;
    }
    if (candidate.score.has_value() != kept.score.has_value()) {
        return candidate.score.has_value();
    }
    if (candidate.rank && kept.rank) {
        return *candidate.rank < *kept.rank;
    }
    return candidate.rank.has_value() && !kept.rank.has_value();
}

std::string variant_note(const entry& e) {
    return e.variant.empty() ? std::string() : fmt::format(" (variant {})", e.variant);
}

/// A value as quoted in an error message: escaped (printable_text) and cut, so one runaway
/// value cannot flood the log. Only the part that can be shown is escaped (escaping never
/// shrinks text): a 50 MB value is not copied to say it is too long.
std::string quote_value(std::string_view value) {
    constexpr std::size_t max_shown = 80;
    auto shown = printable_text(value.substr(0, 4 * max_shown));
    if (shown.size() <= max_shown) {
        return fmt::format("'{}'", shown);
    }
    return fmt::format("'{}...'", utf8_prefix(shown, max_shown));
}

/// The upstream column a metric is read from, by the name it is stored under.
std::string_view metric_column(const source& src, const std::string& metric) {
    for (const auto& [name, upstream] : src.columns.metrics) {
        if (name == metric) {
            return upstream;
        }
    }
    return {};
}

} // namespace

validation_error text_field_error(const source& src, const std::string& origin, std::size_t row,
                                  std::string_view column, std::string_view field,
                                  const std::string& fault, std::string_view value) {
    return validation_error(src.id,
                            fmt::format("{}: data row {}, column '{}' ({}): {}: {}", origin, row,
                                        printable_text(column), field, fault, quote_value(value)));
}

void validate_text_fields(const std::vector<entry>& entries, const source& src,
                          const std::string& origin) {
    const auto check = [&](const entry& e, std::string_view value, std::size_t max_bytes,
                           std::string_view column, std::string_view field) {
        if (const auto fault = text_field_fault(value, max_bytes)) {
            throw text_field_error(src, origin, e.row, column, field, *fault, value);
        }
    };
    const auto& c = src.columns;
    for (const auto& e : entries) {
        check(e, e.raw_name, max_model_name_bytes, c.model, "model name");
        check(e, e.model_key, max_model_name_bytes, c.model, "model key");
        check(e, e.variant, max_variant_bytes, c.variant, "variant");
        check(e, e.organization, max_text_field_bytes, c.organization, "organization");
        check(e, e.license, max_text_field_bytes, c.license, "license");
        check(e, e.knowledge_cutoff, max_text_field_bytes, c.knowledge_cutoff, "knowledge cutoff");
        for (const auto& m : e.metrics) {
            const auto column = metric_column(src, m.name);
            check(e, m.name, max_text_field_bytes, column, "metric name");
            // The field's name is formatted only for the error: formatting it for every metric
            // of every row was a few percent of a replay's client CPU (issue 19).
            if (const auto fault = text_field_fault(m.unit, max_text_field_bytes)) {
                throw text_field_error(src, origin, e.row, column,
                                       fmt::format("unit of metric '{}'", printable_text(m.name)),
                                       *fault, m.unit);
            }
        }
    }
}

std::vector<std::string> settle_repeated_rows(std::vector<entry>& entries, duplicate_policy policy,
                                              bool higher_is_better, const std::string& origin) {
    // Compacted in place: a second vector of kept rows doubled the peak memory of a large
    // payload's entries (bench/peak_memory.sh). A better row later in the board takes the kept
    // row's place, so the kept rows stay in the order of their first appearance.
    //
    // The first kept row of each (key, variant), found by the pair's hash among kept rows: a
    // kept row's slot only ever takes a row of the same pair, so its index stays valid and no
    // key is copied (a map of copied string pairs was three allocations per row, issue 19).
    std::vector<std::string> messages;
    std::unordered_multimap<std::size_t, std::size_t> first_index;
    first_index.reserve(entries.size());
    const auto first_of = [&](const entry& e, std::size_t hash) -> std::optional<std::size_t> {
        for (auto [it, end] = first_index.equal_range(hash); it != end; ++it) {
            const auto& k = entries[it->second];
            if (k.model_key == e.model_key && k.variant == e.variant) {
                return it->second;
            }
        }
        return std::nullopt;
    };
    std::size_t kept = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto& e = entries[i];
        const auto hash = row_identity_hash{}(identity_of(e));
        const auto found = first_of(e, hash);
        if (found && same_values(entries[*found], e)) {
            messages.push_back(
                fmt::format("{}: data row {} repeats row {} ('{}') exactly; kept once", origin,
                            e.row, entries[*found].row, e.raw_name));
            continue;
        }
        if (!found || policy == duplicate_policy::refuse) {
            // refuse keeps a conflicting row for validate_entries to name (the first stays
            // the one found).
            if (!found) {
                first_index.emplace(hash, kept);
            }
            if (kept != i) {
                entries[kept] = std::move(e);
            }
            ++kept;
            continue;
        }
        auto& first = entries[*found];
        const bool replace =
            policy == duplicate_policy::keep_best && better_row(e, first, higher_is_better);
        messages.push_back(fmt::format(
            "{}: data rows {} ('{}') and {} ('{}') are the same model '{}'{} with different "
            "values; kept row {} ({}; set duplicates = \"refuse\" to refuse such a file)",
            origin, first.row, first.raw_name, e.row, e.raw_name, e.model_key, variant_note(e),
            replace ? e.row : first.row,
            policy == duplicate_policy::keep_best ? "the better score" : "the first"));
        if (replace) {
            first = std::move(e);
        }
    }
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(kept), entries.end());
    return messages;
}

std::vector<std::string> drop_repeated_rows(std::vector<entry>& entries,
                                            const std::string& origin) {
    return settle_repeated_rows(entries, duplicate_policy::refuse, true, origin);
}

void validate_entries(const std::vector<entry>& entries, const std::string& source_id,
                      const std::string& origin) {
    if (entries.empty()) {
        throw validation_error(source_id, fmt::format("{}: no data rows", origin));
    }
    std::unordered_map<row_identity, const entry*, row_identity_hash> seen;
    seen.reserve(entries.size());
    for (const auto& e : entries) {
        const auto [it, inserted] = seen.emplace(identity_of(e), &e);
        if (!inserted) {
            throw validation_error(
                source_id,
                fmt::format("{}: data rows {} ('{}') and {} ('{}') are the same model '{}'{}",
                            origin, it->second->row, it->second->raw_name, e.row, e.raw_name,
                            e.model_key, variant_note(e)));
        }
    }
}

bool looks_truncated(const std::vector<entry>& now, const std::vector<entry>& before) {
    std::unordered_map<row_identity, const entry*, row_identity_hash> previous;
    previous.reserve(before.size());
    for (const auto& e : before) {
        previous.emplace(identity_of(e), &e);
    }
    std::size_t unchanged = 0;
    for (const auto& e : now) {
        const auto it = previous.find(identity_of(e));
        if (it != previous.end() && it->second->score == e.score) {
            ++unchanged;
        }
    }
    return 2 * unchanged > now.size();
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
