// Table cells -> entries. The header is checked against the whole mapping before any row is
// read, so a renamed upstream column is reported once as schema drift (with every missing and
// every new name) instead of as a confusing error about the first row's cells.

#include "lbtrack/ingest/extract.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/core/utf8_text.hpp"
#include "lbtrack/ingest/model_key.hpp"
#include "lbtrack/ingest/name_cleaning.hpp"
#include "lbtrack/ingest/text_limits.hpp"
#include "lbtrack/ingest/validate.hpp"
#include "lbtrack/ingest/value_parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace lbtrack::ingest {

namespace {

constexpr std::size_t not_mapped = std::numeric_limits<std::size_t>::max();

/// One mapped upstream column and where the header has it.
struct column_ref {
    std::string name;               ///< the upstream name, trimmed ("#3" for a position)
    std::size_t index = not_mapped; ///< 0-based position in the header
    bool mapped() const { return index != not_mapped; }
};

struct column_plan {
    column_ref model;
    column_ref rank;
    column_ref score;
    column_ref ci;
    column_ref ci_lower;
    column_ref ci_upper;
    column_ref votes;
    column_ref organization;
    column_ref license;
    column_ref knowledge_cutoff;
    column_ref variant;
    std::vector<std::pair<std::string, column_ref>> metrics; ///< stored name, upstream column
    /// score_mean_of resolved ("*" expanded); empty when a score column is mapped and present.
    std::vector<column_ref> mean_of;
};

/// The 0-based position a "#N" reference names (N >= 1), or nothing for an ordinary name.
std::optional<std::size_t> position_reference(std::string_view name) {
    if (name.size() < 2 || name.front() != '#') {
        return std::nullopt;
    }
    const auto n = parse_integer(name.substr(1));
    if (!n || *n < 1 ||
        !std::ranges::all_of(name.substr(1), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(*n - 1);
}

/// Mapped names resolved against one table's header, remembering which columns are used and
/// which mapped names are missing, so every drift is reported at once.
class header_resolver {
public:
    header_resolver(const table& t, const source& src, const std::string& origin)
        : t_(t), src_(src), origin_(origin), used_(t.header.size(), false) {
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            const auto name = trim_whitespace(t.header[i]);
            if (!position_.emplace(name, i).second) {
                repeated_.emplace(name, i);
            }
        }
    }

    /// Where the header has `mapped_name` ("#N", a header name or one of its column_aliases);
    /// unmapped when absent (then missing, unless the name is an optional column).
    column_ref resolve(const std::string& mapped_name) {
        column_ref ref;
        ref.name = std::string(trim_whitespace(mapped_name));
        if (ref.name.empty()) {
            return ref; // not published by this board
        }
        if (const auto at = position_reference(ref.name)) {
            // "#N": the Nth column whatever its header (alpacaeval's id column has none, 2024).
            if (*at < t_.header.size()) {
                ref.index = *at;
            }
        } else if (const auto it = find_name(ref.name); it != position_.end()) {
            refuse_repeated(it->first);
            ref.index = it->second;
        }
        if (ref.mapped()) {
            used_[ref.index] = true;
        } else if (!is_optional(ref.name) &&
                   std::ranges::find(missing_, ref.name) == missing_.end()) {
            // An optional column (config `optional_columns`) may be absent: the field is then
            // empty for this payload, as for LMArena's rank_stylectrl before 2024-10-16.
            missing_.push_back(ref.name);
        }
        return ref;
    }

    /// score_mean_of's columns; "*" is every column nothing resolved before it used.
    std::vector<column_ref> mean_columns(const std::vector<std::string>& names) {
        std::vector<column_ref> mean_of;
        bool every_other_column = false;
        for (const auto& name : names) {
            if (trim_whitespace(name) == "*") {
                every_other_column = true;
            } else if (auto ref = resolve(name); ref.mapped()) {
                mean_of.push_back(std::move(ref));
            }
        }
        if (every_other_column) {
            for (std::size_t i = 0; i < t_.header.size(); ++i) {
                if (!used_[i]) { // the columns listed by name are already used
                    const auto name = trim_whitespace(t_.header[i]);
                    mean_of.push_back(
                        {name.empty() ? fmt::format("#{}", i + 1) : std::string(name), i});
                    used_[i] = true;
                }
            }
        }
        return mean_of;
    }

    /// Throws schema_drift_error naming every missing name and every header column nothing
    /// used (likely the renamed ones), when a name is missing.
    void refuse_drift() const {
        if (missing_.empty()) {
            return;
        }
        std::vector<std::string> unmapped;
        for (std::size_t i = 0; i < t_.header.size(); ++i) {
            const auto name = trim_whitespace(t_.header[i]);
            const auto named_used = position_.find(name);
            if (!name.empty() && !used_[i] &&
                !(named_used != position_.end() && used_[named_used->second]) &&
                std::ranges::find(unmapped, name) == unmapped.end()) {
                unmapped.emplace_back(name);
            }
        }
        throw schema_drift_error(src_.id, origin_, missing_, std::move(unmapped));
    }

private:
    using positions = std::unordered_map<std::string_view, std::size_t>;

    /// The header's column of `name` or, for an accepted rename (config `column_aliases`), of
    /// the first of its spellings present.
    positions::const_iterator find_name(const std::string& name) const {
        auto it = position_.find(name);
        if (it == position_.end()) {
            if (const auto aliases = src_.column_aliases.find(name);
                aliases != src_.column_aliases.end()) {
                for (const auto& alias : aliases->second) {
                    it = position_.find(trim_whitespace(alias));
                    if (it != position_.end()) {
                        break;
                    }
                }
            }
        }
        return it;
    }

    /// A mapped name the header has twice ("score,score") would silently read the first one.
    void refuse_repeated(std::string_view name) const {
        if (const auto again = repeated_.find(name); again != repeated_.end()) {
            throw parse_error(src_.id, origin_, 0, again->second + 1,
                              fmt::format("the header has the mapped column '{}' twice, as "
                                          "columns {} and {}: which one to read is unclear (map "
                                          "one by position, \"#{}\", to choose)",
                                          printable_text(name), position_.at(name) + 1,
                                          again->second + 1, position_.at(name) + 1));
        }
    }

    bool is_optional(std::string_view name) const {
        return std::ranges::any_of(src_.optional_columns, [&](const std::string& o) {
            return trim_whitespace(o) == name;
        });
    }

    const table& t_;
    const source& src_;
    const std::string& origin_;
    positions position_;
    /// The second place of a name the header has twice: an error only once the mapping names
    /// it. A repeated column nothing maps is no concern of ours and stays allowed (HTML boards
    /// repeat group headings over columns we do not read).
    positions repeated_;
    std::vector<bool> used_;
    std::vector<std::string> missing_;
};

/// Resolves every mapped name against the header; throws schema_drift_error naming all the
/// missing names and all the header columns nothing maps (likely the renamed ones).
column_plan plan_columns(const table& t, const source& src, const std::string& origin) {
    if (trim_whitespace(src.columns.model).empty()) {
        throw validation_error(src.id, "the column mapping names no model column");
    }
    header_resolver header(t, src, origin);
    const auto& c = src.columns;
    column_plan plan;
    plan.model = header.resolve(c.model);
    plan.rank = header.resolve(c.rank);
    plan.score = header.resolve(c.score);
    plan.ci = header.resolve(c.ci);
    plan.ci_lower = header.resolve(c.ci_lower);
    plan.ci_upper = header.resolve(c.ci_upper);
    plan.votes = header.resolve(c.votes);
    plan.organization = header.resolve(c.organization);
    plan.license = header.resolve(c.license);
    plan.knowledge_cutoff = header.resolve(c.knowledge_cutoff);
    plan.variant = header.resolve(c.variant);
    for (const auto& [metric, upstream] : c.metrics) {
        plan.metrics.emplace_back(metric, header.resolve(upstream));
    }
    // The mean's columns are resolved last, so "*" is every column the mappings above left.
    auto mean_of = header.mean_columns(src.score_mean_of);
    if (!plan.score.mapped()) {
        plan.mean_of = std::move(mean_of);
    }
    header.refuse_drift();
    return plan;
}

/// A cell as quoted in an error message: long cells are cut (at a UTF-8 character boundary) so
/// one runaway cell cannot flood the log.
std::string quote_cell(std::string_view cell) {
    constexpr std::size_t max_shown = 80;
    if (cell.size() <= max_shown) {
        return fmt::format("'{}'", cell);
    }
    return fmt::format("'{}...'", utf8_prefix(cell, max_shown));
}

/// Why a row cannot be read: raised inside a row, then either turned into a parse_error (source
/// config `malformed_rows = fail`) or into a warning and a left-out row (`skip`).
struct row_fault {
    std::size_t column = 0; ///< 1-based; 0 for the row as a whole
    std::string what;
};

/// Reads the cells of one row, turning bad values into row_faults that point at them.
class row_reader {
public:
    explicit row_reader(const std::vector<std::string>& cells) : cells_(cells) {}

    /// The trimmed cell; empty for an unmapped column or a short row (formats other than CSV
    /// may produce ragged rows).
    std::string_view cell(const column_ref& c) const {
        if (!c.mapped() || c.index >= cells_.size()) {
            return {};
        }
        return trim_whitespace(cells_[c.index]);
    }

    [[noreturn]] static void fail(const column_ref& c, const std::string& what) {
        throw row_fault{c.index + 1, fmt::format("column '{}': {}", c.name, what)};
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

    /// A published rank: a whole number, or a medal (SuperCLUE's "🏅️", "🥈", "🥉"); "-" is
    /// a row shown unranked (SuperCLUE's GPT-4 reference row).
    std::optional<int> rank(const column_ref& c) const {
        if (const auto medal = parse_medal(cell(c))) {
            return medal;
        }
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
            fail(c, fmt::format("{} is not a confidence interval like +5/-5, ±3 or (-1.8, +2.4)",
                                quote_cell(v)));
        }
        return parsed;
    }

private:
    const std::vector<std::string>& cells_;
};

/// What score_mean_of averages in one payload: for each of plan.mean_of, whether it counts.
/// A column counts when at least half of the rows have a value in it. Rows missing a counted
/// column get no score; columns that do not count are left out of every row's mean.
/// Why half rather than "any" (LiveBench, seen 2024-07-18: `spatial` was run for 7 of 56 models
/// the day it was added and dropped the next day): with "any", 49 of that day's 56 rows lose
/// their score and rank for one day; with a mean over whatever each row has, scores of one day
/// would average different task sets and rank incomparably. Columns empty in every row (a task
/// dropped from a release) never count.
std::vector<bool> counted_mean_columns(const table& t, const column_plan& plan) {
    std::vector<bool> counted;
    counted.reserve(plan.mean_of.size());
    for (const auto& column : plan.mean_of) {
        std::size_t rows = 0;
        std::size_t present = 0;
        for (const auto& cells : t.rows) {
            if (cells.size() != t.header.size()) {
                continue; // a ragged row, left out under malformed_rows = skip
            }
            ++rows;
            if (!is_missing_value(cells[column.index])) {
                ++present;
            }
        }
        counted.push_back(present > 0 && 2 * present >= rows);
    }
    return counted;
}

/// The mean of the counted columns, or nothing when the row misses one. Every column is read,
/// counted or not, so a cell that is not a number is reported wherever it is.
/// Digits after the decimal point of a number as printed ("25.216": 3); nullopt for an exponent
/// form, whose precision the digits do not tell.
std::optional<int> printed_decimals(std::string_view cell) {
    if (cell.find_first_of("eE") != std::string_view::npos) {
        return std::nullopt;
    }
    const auto point = cell.find('.');
    if (point == std::string_view::npos) {
        return 0;
    }
    int digits = 0;
    for (auto i = point + 1; i < cell.size() && std::isdigit(static_cast<unsigned char>(cell[i]));
         ++i) {
        ++digits;
    }
    return digits;
}

/// The mean of the counted columns, or nothing when the row misses one. Every column is read,
/// counted or not, so a cell that is not a number is reported wherever it is. The mean is
/// rounded to one decimal more than the finest its cells were printed with (LiveBench prints 3
/// decimals: 43.287125 is stored as 43.2871; integers 10 and 99 give 54.5): further digits are
/// only the division's, and a day-to-day diff would read them as changes.
std::optional<double> mean_score(const row_reader& r, const column_plan& plan,
                                 const std::vector<bool>& counted) {
    double sum = 0;
    std::size_t n = 0;
    bool complete = true;
    std::optional<int> decimals = 0;
    for (std::size_t k = 0; k < plan.mean_of.size(); ++k) {
        const auto value = r.score(plan.mean_of[k]);
        if (!counted[k]) {
            continue;
        }
        if (!value) {
            complete = false;
        } else {
            sum += *value;
            ++n;
            const auto printed = printed_decimals(r.cell(plan.mean_of[k]));
            decimals = decimals && printed ? std::optional<int>(std::max(*decimals, *printed))
                                           : std::nullopt;
        }
    }
    if (!complete || n == 0) {
        return std::nullopt;
    }
    const double mean = sum / static_cast<double>(n);
    if (!decimals || *decimals > 8) {
        return mean;
    }
    const double scale = std::pow(10.0, *decimals + 1);
    return std::round(mean * scale) / scale;
}

/// A bound's distance from the score, rounded to 1e-9: the difference of two decimals such as
/// 85.05 - 82.63 is 2.4199999999999875 in binary, which would show as a change in a diff.
double half_width(double from, double to) {
    constexpr double grain = 1e9;
    return std::round((to - from) * grain) / grain;
}

/// The CI as two absolute bounds in columns of their own (LMArena's catalog rating_q025 /
/// rating_q975, arena-hard-auto's CSVs, 2024-2025), as half-widths around the score.
void ci_from_bounds(const row_reader& r, const column_plan& plan, entry& e) {
    const auto lower = r.score(plan.ci_lower);
    const auto upper = r.score(plan.ci_upper);
    if (!e.score) {
        return; // no score: no interval around it
    }
    if (upper) {
        if (*upper < *e.score) {
            row_reader::fail(plan.ci_upper,
                             fmt::format("upper bound {} is below the score {}", *upper, *e.score));
        }
        e.ci_plus = half_width(*e.score, *upper);
    }
    if (lower) {
        if (*lower > *e.score) {
            row_reader::fail(plan.ci_lower,
                             fmt::format("lower bound {} is above the score {}", *lower, *e.score));
        }
        e.ci_minus = half_width(*lower, *e.score);
    }
}

/// Reads one row; `reference` is set for a row the source lists in reference_rows.
entry extract_row(const row_reader& r, std::size_t row, const column_plan& plan,
                  const std::vector<bool>& counted, const source& src, bool& reference) {
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
    reference = std::ranges::any_of(src.reference_rows, [&](const std::string& name) {
        const auto listed = trim_whitespace(name);
        return listed == e.raw_name || listed == printed;
    });
    // A reference row is shown beside the ranking, not in it; its rank cell is not read, as
    // boards put a decoration there (SuperCLUE 2023-07-24: "🧝" beside 人类, "human").
    if (!reference) {
        e.rank = r.rank(plan.rank);
    }
    e.score = plan.mean_of.empty() ? r.score(plan.score) : mean_score(r, plan, counted);
    e.votes = r.integer(plan.votes);
    if (const auto ci = r.ci(plan.ci)) {
        e.ci_plus = ci->plus;
        e.ci_minus = ci->minus;
    } else if (plan.ci_lower.mapped() || plan.ci_upper.mapped()) {
        ci_from_bounds(r, plan, e);
    }
    // Room for every mapped metric at once: grown 1, 2, 4, 8 a row held 8 slots for
    // openllm-v2's 6 (0.6 MB of a 4,574-row day's peak, issue 19).
    e.metrics.reserve(plan.metrics.size());
    for (const auto& [name, column] : plan.metrics) {
        if (auto value = r.amount(column)) {
            e.metrics.push_back({name, value->value, std::move(value->unit)});
        }
    }
    return e;
}

/// Standard competition ranking by score, best first (the highest, or the lowest when
/// `higher_is_better` is false): equal scores share a rank and the next rank skips as many
/// places (1-2-2-4). Rows without a score and reference rows get no rank.
void derive_ranks(std::vector<entry>& entries, const std::vector<bool>& reference,
                  bool higher_is_better) {
    std::vector<std::size_t> order;
    order.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].score && !reference[i]) {
            order.push_back(i);
        }
    }
    std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) {
        return higher_is_better ? *entries[a].score > *entries[b].score
                                : *entries[a].score < *entries[b].score;
    });
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
                               std::vector<std::vector<std::string>>* rows_to_free,
                               std::vector<std::string>* warnings) {
    const column_plan plan = plan_columns(t, src, origin);
    const std::vector<bool> counted = counted_mean_columns(t, plan);
    const bool skip = src.malformed_rows == malformed_row_policy::skip;
    std::vector<entry> entries;
    std::vector<bool> reference;
    entries.reserve(t.rows.size());
    reference.reserve(t.rows.size());
    std::size_t skipped = 0;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const std::size_t line = i < t.row_lines.size() ? t.row_lines[i] : 0;
        const auto& cells = t.rows[i];
        try {
            // Only the CSV reader keeps a ragged row, and only under `skip` (the other readers
            // pad their rows to the header).
            if (skip && cells.size() != t.header.size()) {
                throw row_fault{std::min(cells.size(), t.header.size()) + 1,
                                fmt::format("expected {} fields as in the header, found {}",
                                            t.header.size(), cells.size())};
            }
            if (plan.model.mapped() && plan.model.index < cells.size()) {
                // Refused before extract_row's copies (see max_printed_name_bytes), with the
                // message validate_text_fields gives the name it could not have cleaned to.
                const std::string_view printed = cells[plan.model.index];
                if (printed.size() > max_printed_name_bytes) {
                    throw text_field_error(src, origin, i + 1, src.columns.model, "model name",
                                           *text_field_fault(printed, max_model_name_bytes),
                                           printed);
                }
            }
            bool is_reference = false;
            entries.push_back(extract_row(row_reader(cells), i, plan, counted, src, is_reference));
            if (plan.model.mapped()) {
                if (const auto link = t.link_targets.find({i, plan.model.index});
                    link != t.link_targets.end()) {
                    entries.back().link_target = link->second;
                }
            }
            reference.push_back(is_reference);
        } catch (const row_fault& fault) {
            if (!skip) {
                throw parse_error(src.id, origin, line, fault.column, fault.what);
            }
            ++skipped;
            if (warnings != nullptr) {
                warnings->push_back(fmt::format("{}, line {}, column {}: row left out "
                                                "(malformed_rows = skip): {}",
                                                origin, line, fault.column, fault.what));
            }
        }
        if (rows_to_free != nullptr) {
            std::vector<std::string>().swap((*rows_to_free)[i]);
        }
    }
    if (skipped > 0 && warnings != nullptr) {
        warnings->push_back(
            fmt::format("{}: skipped {} of {} rows", origin, skipped, t.rows.size()));
    }
    if (!plan.rank.mapped()) {
        derive_ranks(entries, reference, src.higher_is_better);
    }
    return entries;
}

} // namespace

std::vector<entry> extract_entries(const table& t, const source& src, const std::string& origin,
                                   std::vector<std::string>* warnings) {
    return extract_all(t, src, origin, nullptr, warnings);
}

std::vector<entry> extract_entries(table&& t, const source& src, const std::string& origin,
                                   std::vector<std::string>* warnings) {
    return extract_all(t, src, origin, &t.rows, warnings);
}

} // namespace lbtrack::ingest
