#include "lbtrack/ingest/normalize.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace lbtrack::ingest {

namespace {

std::shared_ptr<const model_facts> facts_of(const model_resolution& r) {
    auto f = std::make_shared<model_facts>();
    f->display_name = r.display_name;
    f->provisional = r.provisional;
    f->family = r.parts.family;
    f->version = r.parts.version;
    f->size = fmt::format("{}", fmt::join(r.parts.sizes, ","));
    f->tuning = r.parts.tuning;
    f->mode = r.parts.mode;
    f->date_tag = r.parts.date;
    return f;
}

} // namespace

std::vector<std::string> resolve_entries(std::vector<entry>& entries,
                                         const model_resolver& resolver,
                                         std::optional<std::chrono::sys_days> on) {
    std::vector<std::string> warnings;
    // Keys view the rows' own strings, which stay put once their row is resolved. One node per
    // row (key and variant together), not a list of rows per key (bench/parse_memory).
    std::unordered_map<row_identity, const entry*, row_identity_hash> seen;
    seen.reserve(entries.size());
    for (auto& e : entries) {
        const auto r = resolver.resolve(e.raw_name, on);
        const auto spelled = e.model_key;
        e.model_key = r.key;
        e.model = facts_of(r);
        // One spelling of a precision across boards: a variant column's "bfloat16" is the
        // "bf16" another board writes in the name.
        e.variant = e.variant.empty() ? r.variant : normalize_precision(e.variant);
        // BFCL's "(FC)" and "(Prompt)" rows are one model evaluated two ways: two variants.
        if (!r.setting.empty()) {
            e.variant = e.variant.empty() ? r.setting : e.variant + " " + r.setting;
        }
        const auto [it, first] = seen.try_emplace(identity_of(e), &e);
        if (first) {
            continue;
        }
        // The spelling key is stable from day to day, so the kept-apart row diffs cleanly.
        // Chosen before the warning so the warning names the key the row is really kept under
        // (it named the bare spelling, i.e. the first row's key, in the "~2" case).
        const auto kept = spelled == e.model_key ? spelled + "~2" : spelled;
        warnings.push_back(fmt::format(
            "rows {} ('{}') and {} ('{}') resolve to one model '{}'{}: kept apart under "
            "'{}'; add an alias or a [[distinct]] pair to config/models.toml to settle it",
            it->second->row, it->second->raw_name, e.row, e.raw_name, e.model_key,
            e.variant.empty() ? "" : " (" + e.variant + ")", kept));
        e.model_key = kept;
        auto provisional = std::make_shared<model_facts>(e.facts());
        provisional->provisional = true;
        e.model = std::move(provisional);
    }
    return warnings;
}

} // namespace lbtrack::ingest
