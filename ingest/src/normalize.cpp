#include "lbtrack/ingest/normalize.hpp"

#include "lbtrack/ingest/linked_model.hpp"

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
    // The spelling key each row came with, before resolution replaces it.
    std::vector<std::string> spelled;
    spelled.reserve(entries.size());
    for (auto& e : entries) {
        const auto r = resolve_with_link(resolver, e.raw_name, e.link_target, on);
        spelled.push_back(std::move(e.model_key));
        e.model_key = r.key;
        e.model = facts_of(r);
        // One spelling of a precision across boards: a variant column's "bfloat16" is the
        // "bf16" another board writes in the name.
        e.variant = e.variant.empty() ? r.variant : normalize_precision(e.variant);
        // BFCL's "(FC)" and "(Prompt)" rows are one model evaluated two ways: two variants.
        if (!r.setting.empty()) {
            e.variant = e.variant.empty() ? r.setting : e.variant + " " + r.setting;
        }
    }
    // Rows that resolve to one model and variant. Keys view the rows' own strings, which stay
    // put until the clashes are settled below. One node per row (bench/parse_memory).
    std::unordered_map<row_identity, std::size_t, row_identity_hash> holder;
    holder.reserve(entries.size());
    std::vector<std::pair<std::size_t, std::size_t>> clashes; // (holder, other), by index
    // Which row of a clash keeps the canonical key must not depend on row order: on
    // openllm-v2 upstream re-sorted its rows on 2024-12-11 and "ehristoforu/mllama-3.1-8b-it"
    // and "…-instruct" swapped keys, which the diff reported as moves of unchanged models. The
    // row whose spelling is the canonical key wins, else the smallest printed name (bytes),
    // else the earlier row (identical names cannot be told apart anyway).
    auto better = [&](std::size_t a, std::size_t b) {
        const bool a_exact = spelled[a] == entries[a].model_key;
        const bool b_exact = spelled[b] == entries[b].model_key;
        if (a_exact != b_exact) {
            return a_exact;
        }
        if (entries[a].raw_name != entries[b].raw_name) {
            return entries[a].raw_name < entries[b].raw_name;
        }
        return a < b;
    };
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto [it, first] = holder.try_emplace(identity_of(entries[i]), i);
        if (!first && better(i, it->second)) {
            clashes.emplace_back(i, it->second);
            it->second = i;
        } else if (!first) {
            clashes.emplace_back(it->second, i);
        }
    }
    // Settled after the scan: changing a key would move the views the map holds.
    for (auto& [winner_index, loser_index] : clashes) {
        // A holder displaced later still names the final holder in its warning.
        winner_index = holder.at(identity_of(entries[winner_index]));
    }
    std::ranges::sort(clashes, [&](const auto& x, const auto& y) {
        return entries[x.second].row < entries[y.second].row;
    });
    for (const auto& [w, l] : clashes) {
        auto& e = entries[l];
        const auto& winner = entries[w];
        // The spelling key is stable from day to day, so the kept-apart row diffs cleanly.
        const auto kept = spelled[l] == e.model_key ? spelled[l] + "~2" : spelled[l];
        warnings.push_back(fmt::format(
            "rows {} ('{}') and {} ('{}') resolve to one model '{}'{}: kept apart under "
            "'{}'; add an alias or a [[distinct]] pair to config/models.toml to settle it",
            winner.row, winner.raw_name, e.row, e.raw_name, e.model_key,
            e.variant.empty() ? "" : " (" + e.variant + ")", kept));
        e.model_key = kept;
        auto provisional = std::make_shared<model_facts>(e.facts());
        provisional->provisional = true;
        e.model = std::move(provisional);
    }
    return warnings;
}

} // namespace lbtrack::ingest
