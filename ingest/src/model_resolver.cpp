#include "lbtrack/ingest/model_resolver.hpp"

#include "lbtrack/ingest/model_key.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <mutex>

namespace lbtrack::ingest {

namespace {

/// Letters and digits only: "deepseek-ai" -> "deepseekai", "01-ai" -> "01ai".
std::string squashed(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            static_cast<unsigned char>(c) >= 0x80) {
            out.push_back(c);
        }
    }
    return out;
}

/// "2402" -> "202402": a snapshot tag without a year that can only be year and month (a first
/// pair 23-39 is no month; a month-day tag "1106" is left alone).
std::optional<std::string> year_month_tag(std::string_view tag) {
    const int yy = (tag[0] - '0') * 10 + (tag[1] - '0');
    const int mm = (tag[2] - '0') * 10 + (tag[3] - '0');
    if (yy < 23 || yy > 39 || mm < 1 || mm > 12) {
        return std::nullopt;
    }
    return "20" + std::string(tag);
}

std::string date_text(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd{d};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

bool alias_applies(const registry_alias& a, std::optional<std::chrono::sys_days> on) {
    if (!on) {
        return true;
    }
    return (!a.valid_from || *on >= *a.valid_from) && (!a.valid_to || *on <= *a.valid_to);
}

std::string period_text(const registry_alias& a) {
    if (!a.valid_from && !a.valid_to) {
        return "";
    }
    return fmt::format(", valid {} to {}", a.valid_from ? date_text(*a.valid_from) : "…",
                       a.valid_to ? date_text(*a.valid_to) : "…");
}

} // namespace

std::string spelling_key(std::string_view printed) {
    return model_key(clean_model_name(printed));
}

struct model_resolver::printed_name_memo {
    /// Past this many names the memo starts over: a bound on memory for a process that reads
    /// boards of ever-new names; real boards print a few thousand.
    static constexpr std::size_t capacity = 50'000;
    struct text_hash {
        using is_transparent = void; // looked up by string_view, no string built per row
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>()(s);
        }
    };
    std::mutex mutex;
    std::unordered_map<std::string, std::pair<rule_result, std::string>, text_hash, std::equal_to<>>
        by_printed;
};

model_resolver::model_resolver() : model_resolver(model_registry{}) {}
model_resolver::~model_resolver() = default;
model_resolver::model_resolver(model_resolver&&) noexcept = default;
model_resolver& model_resolver::operator=(model_resolver&&) noexcept = default;

std::pair<model_resolver::rule_result, std::string>
model_resolver::rules_of_printed(std::string_view printed) const {
    if (!memo_) {
        return {apply_rules(printed), display_model_name(printed)};
    }
    {
        const std::lock_guard lock(memo_->mutex);
        if (const auto it = memo_->by_printed.find(printed); it != memo_->by_printed.end()) {
            return it->second;
        }
    }
    std::pair result(apply_rules(printed), display_model_name(printed));
    const std::lock_guard lock(memo_->mutex);
    if (memo_->by_printed.size() >= printed_name_memo::capacity) {
        memo_->by_printed.clear();
    }
    memo_->by_printed.emplace(printed, result);
    return result;
}

model_resolver::model_resolver(model_registry registry, name_memo memo)
    : registry_(std::move(registry)),
      memo_(memo == name_memo::on ? std::make_unique<printed_name_memo>() : nullptr) {
    for (const auto& org : registry_.organizations) {
        for (const auto& hf : org.hf_orgs) {
            by_hf_org_.emplace(hf, &org);
        }
        for (const auto& word : org.vendor_words) {
            by_vendor_word_[word].push_back(&org);
        }
        for (const auto& family : org.families) {
            by_family_.emplace(family, &org);
        }
    }
    // Models and aliases are keyed by what the rules make of their names, so every spelling of
    // an alias finds it, not only the exact one written in the registry.
    for (std::size_t i = 0; i < registry_.models.size(); ++i) {
        model_rules_.push_back(apply_rules(registry_.models[i].name));
        model_keys_.push_back(model_rules_.back().key);
        model_by_key_.emplace(model_keys_.back(), i);
    }
    for (std::size_t i = 0; i < registry_.models.size(); ++i) {
        for (const auto& a : registry_.models[i].aliases) {
            aliases_by_key_[apply_rules(a.name).key].push_back({i, &a});
        }
    }
    auto index_snapshot = [this](std::string_view name) {
        auto r = apply_rules(name);
        if (r.parts.date_is_month || r.parts.date.size() != 4) {
            return;
        }
        std::string day;
        if (!r.parts.date_year.empty()) {
            day = r.parts.date_year + r.parts.date;
        } else if (const auto yymm = year_month_tag(r.parts.date)) {
            // Mistral's "mistral-large-2402" is a year-month tag: released in February 2024.
            day = *yymm + "01";
        } else {
            return;
        }
        r.parts.date.clear();
        const auto undated =
            (r.org_is_identity ? r.parts.org + "/" : "") + r.parts.key_without_org();
        snapshots_by_undated_key_[undated].emplace_back(day, r.key);
    };
    for (const auto& m : registry_.models) {
        index_snapshot(m.name);
        for (const auto& a : m.aliases) {
            index_snapshot(a.name);
        }
    }
    for (auto& [undated, snapshots] : snapshots_by_undated_key_) {
        std::ranges::sort(snapshots);
    }
    for (const auto& d : registry_.distinct) {
        distinct_by_key_[apply_rules(d.second).key].push_back({&d, spelling_key(d.second)});
    }
}

std::string model_resolver::where(std::size_t line) const {
    if (registry_.file.empty()) {
        return "registry";
    }
    return line ? fmt::format("{}:{}", registry_.file, line) : registry_.file;
}

std::string model_resolver::version_tag() const {
    return fmt::format("rules {}, registry {}", identity_rules_version,
                       registry_.digest.empty() ? "none" : registry_.digest);
}

std::vector<std::string> model_resolver::registry_keys() const {
    std::vector<std::string> keys;
    keys.reserve(model_by_key_.size());
    for (const auto& [key, index] : model_by_key_) {
        keys.push_back(key);
    }
    std::ranges::sort(keys);
    return keys;
}

const registry_organization* model_resolver::publisher_of(const name_parts& parts) const {
    auto publishes = [&](const registry_organization& org) {
        auto has = [&](const std::string& w) {
            return std::ranges::find(org.families, w) != org.families.end();
        };
        return has(parts.family) || has(parts.first_token) || std::ranges::any_of(parts.words, has);
    };
    if (const auto it = by_hf_org_.find(parts.org);
        it != by_hf_org_.end() && publishes(*it->second)) {
        return it->second;
    }
    return nullptr;
}

model_resolver::rule_result model_resolver::apply_rules(std::string_view printed) const {
    rule_result r;
    // "Meta-Llama-3.1-8B": a vendor word in front of its own family is not part of the name.
    r.parts = parse_model_name(printed, [this](std::string_view word, std::string_view next) {
        const auto it = by_vendor_word_.find(std::string(word));
        if (it == by_vendor_word_.end()) {
            return false;
        }
        std::size_t letters = 0;
        while (letters < next.size() && !(next[letters] >= '0' && next[letters] <= '9')) {
            ++letters;
        }
        const auto family = next.substr(0, letters);
        return std::ranges::any_of(it->second, [&](const registry_organization* org) {
            return std::ranges::find(org->families, family) != org->families.end();
        });
    });
    auto& p = r.parts;
    std::vector<std::string> notes;

    if (!p.vendor_word.empty()) {
        notes.push_back(fmt::format("vendor word '{}' dropped", p.vendor_word));
    }

    const auto family_org = by_family_.find(p.family);
    r.known_family = family_org != by_family_.end();

    if (!p.org.empty()) {
        const auto squashed_org = squashed(p.org);
        const auto squashed_family = squashed(p.family);
        if (const auto* org = publisher_of(p)) {
            notes.push_back(fmt::format("org prefix '{}/' dropped: {} publishes {}", p.org,
                                        org->name, p.family));
        } else if (!r.known_family && squashed_family.size() >= 2 &&
                   (squashed_org.starts_with(squashed_family) ||
                    squashed_family.starts_with(squashed_org))) {
            // "internlm/internlm2_5-7b-chat", "deepseek-ai/deepseek-llm-7b-chat": an org named
            // after a family the registry does not know is taken as its publisher. A family the
            // registry knows has its publishers listed, so "llamafan/llama-3-8b" stays apart.
            notes.push_back(fmt::format("org prefix '{}/' dropped: named after the family", p.org));
        } else {
            r.org_is_identity = true;
            notes.push_back(r.known_family
                                ? fmt::format("org prefix '{}/' kept: not the publisher of {} ({})",
                                              p.org, p.family, family_org->second->name)
                                : fmt::format("org prefix '{}/' kept: unknown publisher", p.org));
        }
    }

    r.key = (r.org_is_identity ? p.org + "/" : std::string()) + p.key_without_org();
    if (r.key.empty()) {
        // Nothing the rules recognise (punctuation only): the spelling is all there is.
        r.key = spelling_key(printed);
    }
    std::string summary;
    auto part = [&summary](std::string_view label, std::string_view value) {
        if (!value.empty()) {
            summary += fmt::format("{}{}={}", summary.empty() ? "" : " ", label, value);
        }
    };
    part("family", p.family);
    part("version", p.version);
    part("words", fmt::format("{}", fmt::join(p.words, ",")));
    part("size", fmt::format("{}", fmt::join(p.sizes, ",")));
    part("context", p.context);
    part("tuning", p.tuning);
    part("mode", p.mode);
    part("date", p.date_year.empty() ? p.date : p.date_year + "/" + p.date);
    part("precision", p.precision);
    part("setting", p.setting);
    if (p.dropped_packaging) {
        notes.emplace_back("packaging word 'hf' dropped");
    }
    r.explanation = summary;
    for (const auto& n : notes) {
        r.explanation += "; " + n;
    }
    return r;
}

std::optional<std::string> model_resolver::mode_of_aliased(const rule_result& rules,
                                                           std::optional<std::chrono::sys_days> on,
                                                           std::string& note) const {
    if (rules.parts.mode.empty() || aliases_by_key_.contains(rules.key)) {
        return std::nullopt;
    }
    auto plain = rules.parts;
    plain.mode.clear();
    const auto plain_key = (rules.org_is_identity ? plain.org + "/" : "") + plain.key_without_org();
    const auto it = aliases_by_key_.find(plain_key);
    if (it == aliases_by_key_.end()) {
        return std::nullopt;
    }
    for (const auto& target : it->second) {
        if (!alias_applies(*target.alias, on)) {
            continue;
        }
        const auto& model = model_rules_[target.model];
        if (!model.parts.mode.empty()) {
            return std::nullopt;
        }
        auto moded = model.parts;
        moded.mode = rules.parts.mode;
        note = fmt::format("; mode {} of '{}', an alias of {} ({}{})", rules.parts.mode,
                           target.alias->name, registry_.models[target.model].name,
                           where(target.alias->line), period_text(*target.alias));
        return (model.org_is_identity ? moded.org + "/" : "") + moded.key_without_org();
    }
    return std::nullopt;
}

model_resolution model_resolver::resolve(std::string_view printed,
                                         std::optional<std::chrono::sys_days> on) const {
    auto [rules, display_name] = rules_of_printed(printed);
    if (rules.parts.date_is_month) {
        // The latest snapshot the registry knows released by the end of that month.
        auto undated_parts = rules.parts;
        undated_parts.date.clear();
        const auto undated = (rules.org_is_identity ? undated_parts.org + "/" : "") +
                             undated_parts.key_without_org();
        if (const auto it = snapshots_by_undated_key_.find(undated);
            it != snapshots_by_undated_key_.end()) {
            const auto month_end = rules.parts.date_year + rules.parts.date.substr(2) + "31";
            const std::pair<std::string, std::string>* chosen = nullptr;
            for (const auto& s : it->second) {
                if (s.first <= month_end) {
                    chosen = &s;
                }
            }
            if (chosen) {
                rules.explanation += fmt::format("; month {} read as the snapshot of {}",
                                                 rules.parts.date, chosen->first);
                rules.key = chosen->second;
            }
        }
    }
    // "gpt-5-high", "o3-mini-high" (LiveBench, LMArena): the effort or thinking mode of a name
    // whose plain form is one snapshot is that snapshot in that mode, as "gpt-5-2025-08-07-high"
    // is written elsewhere.
    if (std::string note; const auto moded = mode_of_aliased(rules, on, note)) {
        rules.key = *moded;
        rules.explanation += note;
    }
    model_resolution res;
    res.parts = rules.parts;
    res.variant = rules.parts.precision;
    res.setting = rules.parts.setting;
    res.org_is_identity = rules.org_is_identity;
    res.display_name = std::move(display_name);

    if (const auto it = aliases_by_key_.find(rules.key); it != aliases_by_key_.end()) {
        for (const auto& target : it->second) {
            if (!alias_applies(*target.alias, on)) {
                continue;
            }
            const auto& m = registry_.models[target.model];
            res.key = model_keys_[target.model];
            res.display_name = m.name;
            res.provisional = false;
            res.named_by_registry = true;
            res.decided_by = fmt::format("alias '{}' of {} ({}{})", target.alias->name, m.name,
                                         where(target.alias->line), period_text(*target.alias));
            return res;
        }
    }
    if (const auto it = distinct_by_key_.find(rules.key); it != distinct_by_key_.end()) {
        const auto spelled = spelling_key(printed);
        for (const auto& [d, second_spelled] : it->second) {
            if (second_spelled != spelled) {
                continue;
            }
            res.key = spelled == rules.key ? spelled + "~distinct" : spelled;
            res.provisional = false;
            res.named_by_registry = true;
            res.decided_by = fmt::format("not the same as '{}' ({}{}{})", d->first, where(d->line),
                                         d->why.empty() ? "" : ": ", d->why);
            return res;
        }
    }
    res.key = rules.key;
    if (const auto it = model_by_key_.find(rules.key); it != model_by_key_.end()) {
        const auto& m = registry_.models[it->second];
        res.display_name = m.name;
        res.provisional = false;
        res.decided_by = fmt::format("rules: the parts of registry model {} ({}) [{}]", m.name,
                                     where(m.line), rules.explanation);
    } else if (rules.known_family) {
        res.provisional = false;
        res.decided_by =
            fmt::format("rules: known family {} [{}]", rules.parts.family, rules.explanation);
    } else {
        res.provisional = true;
        res.decided_by = fmt::format("rules, provisional: family '{}' is not in the registry [{}]",
                                     rules.parts.family, rules.explanation);
    }
    return res;
}

} // namespace lbtrack::ingest
