// Table cells -> entries. The header is checked against the whole mapping before any row is
// read, so a renamed upstream column is reported once as schema drift (with every missing and
// every new name) instead of as a confusing error about the first row's cells.

#include "lbtrack/ingest/extract.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/model_key.hpp"
#include "lbtrack/ingest/name_cleaning.hpp"
#include "lbtrack/ingest/value_parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace lbtrack::ingest {

namespace {

constexpr std::size_t not_mapped = std::numeric_limits<std::size_t>::max();

/// One mapped upstream column and where the header has it.
struct column_ref {
    std::string name;               ///< the upstream name, trimmed
    std::size_t index = not_mapped; ///< 0-based position in the header
    bool mapped() const { return index != not_mapped; }
};

struct column_plan {
    column_ref model;
    column_ref rank;
    column_ref score;
    column_ref ci;
    column_ref votes;
    column_ref organization;
    column_ref license;
    column_ref knowledge_cutoff;
    column_ref variant;
    std::vector<std::pair<std::string, column_ref>> metrics; ///< stored name, upstream column
};

/// Resolves every mapped name against the header; throws schema_drift_error naming all the
/// missing names and all the header columns nothing maps (likely the renamed ones).
column_plan plan_columns(const table& t, const source& src, const std::string& origin) {
    if (trim_whitespace(src.columns.model).empty()) {
        throw validation_error(src.id, "the column mapping names no model column");
    }
    std::unordered_map<std::string_view, std::size_t> position;
    for (std::size_t i = 0; i < t.header.size(); ++i) {
        position.emplace(trim_whitespace(t.header[i]), i); // a duplicated name: the first wins
    }

    std::vector<std::string> missing;
    std::unordered_set<std::string_view> used;
    const auto resolve = [&](const std::string& mapped_name) {
        column_ref ref;
        ref.name = std::string(trim_whitespace(mapped_name));
        if (ref.name.empty()) {
            return ref; // not published by this board
        }
        auto it = position.find(ref.name);
        if (it == position.end()) {
            // An accepted rename (config `column_aliases`): the first spelling present wins.
            if (const auto aliases = src.column_aliases.find(ref.name);
                aliases != src.column_aliases.end()) {
                for (const auto& alias : aliases->second) {
                    it = position.find(trim_whitespace(alias));
                    if (it != position.end()) {
                        break;
                    }
                }
            }
        }
        if (it != position.end()) {
            ref.index = it->second;
            used.insert(it->first);
        } else if (std::ranges::find(missing, ref.name) == missing.end()) {
            missing.push_back(ref.name);
        }
        return ref;
    };

    const auto& c = src.columns;
    column_plan plan;
    plan.model = resolve(c.model);
    plan.rank = resolve(c.rank);
    plan.score = resolve(c.score);
    plan.ci = resolve(c.ci);
    plan.votes = resolve(c.votes);
    plan.organization = resolve(c.organization);
    plan.license = resolve(c.license);
    plan.knowledge_cutoff = resolve(c.knowledge_cutoff);
    plan.variant = resolve(c.variant);
    for (const auto& [metric, upstream] : c.metrics) {
        plan.metrics.emplace_back(metric, resolve(upstream));
    }

    if (!missing.empty()) {
        std::vector<std::string> unmapped;
        for (const auto& h : t.header) {
            const auto name = trim_whitespace(h);
            if (!name.empty() && !used.contains(name) &&
                std::ranges::find(unmapped, name) == unmapped.end()) {
                unmapped.emplace_back(name);
            }
        }
        throw schema_drift_error(src.id, origin, std::move(missing), std::move(unmapped));
    }
    return plan;
}

/// A cell as quoted in an error message: long cells are cut (at a UTF-8 character boundary) so
/// one runaway cell cannot flood the log.
std::string quote_cell(std::string_view cell) {
    constexpr std::size_t max_shown = 80;
    if (cell.size() <= max_shown) {
        return fmt::format("'{}'", cell);
    }
    std::size_t cut = max_shown;
    while (cut > 0 && (static_cast<unsigned char>(cell[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return fmt::format("'{}...'", cell.substr(0, cut));
}

/// Reads the cells of one row, turning bad values into parse_errors that point at them.
class row_reader {
public:
    row_reader(const table& t, std::size_t row, const source& src, const std::string& origin)
        : cells_(t.rows[row]), line_(row < t.row_lines.size() ? t.row_lines[row] : 0), src_(src),
          origin_(origin) {}

    /// The trimmed cell; empty for an unmapped column or a short row (formats other than CSV
    /// may produce ragged rows).
    std::string_view cell(const column_ref& c) const {
        if (!c.mapped() || c.index >= cells_.size()) {
            return {};
        }
        return trim_whitespace(cells_[c.index]);
    }

    [[noreturn]] void fail(const column_ref& c, const std::string& what) const {
        throw parse_error(src_.id, origin_, line_, c.index + 1,
                          fmt::format("column '{}': {}", c.name, what));
    }

    std::string text(const column_ref& c) const {
        const auto v = cell(c);
        return is_missing_value(v) ? std::string() : std::string(v);
    }

    /// A number with the unit printed around it ("0.7元", "76.2%", "$0.06/百萬代幣").
    std::optional<quantity> amount(const column_ref& c) const {
        const auto v = cell(c);
        if (is_missing_value(v)) {
            return std::nullopt;
        }
        auto parsed = parse_quantity(v);
        if (!parsed) {
            fail(c, fmt::format("{} is not a number", quote_cell(v)));
        }
        return parsed;
    }

    /// The primary score: a bare number, or a percentage as boards of accuracies print it
    /// ("76.2%" is 76.2, so a board switching between the two spellings does not move).
    std::optional<double> score(const column_ref& c) const {
        const auto parsed = amount(c);
        if (parsed && !parsed->unit.empty() && parsed->unit != "%") {
            fail(c,
                 fmt::format("{} is not a score (a number or a percentage)", quote_cell(cell(c))));
        }
        return parsed ? std::optional<double>(parsed->value) : std::nullopt;
    }

    std::optional<std::int64_t> integer(const column_ref& c) const {
        const auto v = cell(c);
        if (is_missing_value(v)) {
            return std::nullopt;
        }
        const auto parsed = parse_integer(v);
        if (!parsed) {
            fail(c, fmt::format("{} is not a whole number", quote_cell(v)));
        }
        return parsed;
    }

    std::optional<int> rank(const column_ref& c) const {
        const auto value = integer(c);
        if (value && (*value < std::numeric_limits<int>::min() ||
                      *value > std::numeric_limits<int>::max())) {
            fail(c, fmt::format("{} is out of range for a rank", quote_cell(cell(c))));
        }
        return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
    }

    std::optional<confidence_interval> ci(const column_ref& c) const {
        const auto v = cell(c);
        if (is_missing_value(v)) {
            return std::nullopt;
        }
        const auto parsed = parse_ci(v);
        if (!parsed) {
            fail(c, fmt::format("{} is not a confidence interval like +5/-5 or ±3", quote_cell(v)));
        }
        return parsed;
    }

private:
    const std::vector<std::string>& cells_;
    std::size_t line_;
    const source& src_;
    const std::string& origin_;
};

entry extract_row(const row_reader& r, std::size_t row, const column_plan& plan) {
    entry e;
    e.row = row + 1;
    const auto printed = r.cell(plan.model);
    if (printed.empty()) {
        r.fail(plan.model, "empty model name");
    }
    e.raw_name = clean_board_name(printed);
    if (e.raw_name.empty()) {
        r.fail(plan.model,
               fmt::format("model name {} is only board decoration", quote_cell(printed)));
    }
    e.model_key = model_key(e.raw_name);
    if (e.model_key.empty()) {
        r.fail(plan.model, fmt::format("model name {} has an empty key once normalized",
                                       quote_cell(e.raw_name)));
    }
    e.organization = r.text(plan.organization);
    e.license = r.text(plan.license);
    e.knowledge_cutoff = r.text(plan.knowledge_cutoff);
    e.variant = r.text(plan.variant);
    e.rank = r.rank(plan.rank);
    e.score = r.score(plan.score);
    e.votes = r.integer(plan.votes);
    if (const auto ci = r.ci(plan.ci)) {
        e.ci_plus = ci->plus;
        e.ci_minus = ci->minus;
    }
    for (const auto& [name, column] : plan.metrics) {
        if (auto value = r.amount(column)) {
            e.metrics.push_back({name, value->value, std::move(value->unit)});
        }
    }
    return e;
}

/// Standard competition ranking by score, higher first: equal scores share a rank and the next
/// rank skips as many places (1-2-2-4). Rows without a score get no rank.
void derive_ranks(std::vector<entry>& entries) {
    std::vector<std::size_t> order;
    order.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].score) {
            order.push_back(i);
        }
    }
    std::ranges::sort(
        order, [&](std::size_t a, std::size_t b) { return *entries[a].score > *entries[b].score; });
    for (std::size_t k = 0; k < order.size(); ++k) {
        auto& e = entries[order[k]];
        if (k > 0 && *entries[order[k - 1]].score == *e.score) {
            e.rank = entries[order[k - 1]].rank;
        } else {
            e.rank = static_cast<int>(k + 1);
        }
    }
}

/// extract_entries; with `rows_to_free` (t's own rows), each row is freed once its entry exists,
/// so the cells and the entries are not both whole in memory at once (bench/parse_memory).
std::vector<entry> extract_all(const table& t, const source& src, const std::string& origin,
                               std::vector<std::vector<std::string>>* rows_to_free) {
    const column_plan plan = plan_columns(t, src, origin);
    std::vector<entry> entries;
    entries.reserve(t.rows.size());
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        entries.push_back(extract_row(row_reader(t, i, src, origin), i, plan));
        if (rows_to_free != nullptr) {
            std::vector<std::string>().swap((*rows_to_free)[i]);
        }
    }
    if (!plan.rank.mapped()) {
        derive_ranks(entries);
    }
    return entries;
}

} // namespace

std::vector<entry> extract_entries(const table& t, const source& src, const std::string& origin) {
    return extract_all(t, src, origin, nullptr);
}

std::vector<entry> extract_entries(table&& t, const source& src, const std::string& origin) {
    return extract_all(t, src, origin, &t.rows);
}

} // namespace lbtrack::ingest
