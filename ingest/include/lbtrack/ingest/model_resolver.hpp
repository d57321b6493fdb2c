#pragma once
// The third layer of model identity: the registry (config/models.toml) over the rules of
// model_identity.hpp. A resolution says which model a printed name is, its precision variant,
// whether anyone vouched for it, and which rule or alias decided.

#include "lbtrack/ingest/model_identity.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lbtrack::ingest {

/// An organization that publishes model families. Its Hugging Face org ids in front of a name of
/// its own families are not identity ("Qwen/Qwen2.5-72B-Instruct" is "Qwen2.5-72B-Instruct"),
/// nor is a vendor word ("Meta-Llama-3.1-8B" is "Llama-3.1-8B"); any other org prefix is
/// ("someone/aya-expanse-8b" is not Cohere's model).
struct registry_organization {
    std::string name;
    std::vector<std::string> hf_orgs;      ///< folded: "qwen", "meta-llama"
    std::vector<std::string> vendor_words; ///< folded: "meta"
    std::vector<std::string> families;     ///< folded family words: "llama", "codellama"
    std::size_t line = 0;
};

/// Another printed name of a registry model, optionally only within a period (a codename a board
/// used until the public name came out).
struct registry_alias {
    std::string name;
    std::optional<std::chrono::sys_days> valid_from; ///< inclusive
    std::optional<std::chrono::sys_days> valid_to;   ///< inclusive
    std::size_t line = 0;
};

struct registry_model {
    std::string name; ///< display name; its rule key is the model's canonical key
    std::string organization;
    std::vector<registry_alias> aliases;
    std::size_t line = 0;
};

/// Two names the rules would merge that are different models; the second is split off.
struct registry_distinct {
    std::string first;
    std::string second;
    std::string why;
    std::size_t line = 0;
};

struct model_registry {
    std::string file;   ///< where it was read from, for explanations; "" for none
    std::string digest; ///< content digest, stored with snapshots; "" for the empty registry
    std::vector<registry_organization> organizations;
    std::vector<registry_model> models;
    std::vector<registry_distinct> distinct;
};

struct model_resolution {
    std::string key;          ///< canonical model key
    std::string display_name; ///< the registry's name, else the printed name, cleaned
    std::string variant;      ///< precision written in the name ("bf16"); "" for none
    /// Evaluation setting or provider written with the name ("fc", "prompt", "together"): the
    /// same model evaluated or served another way. resolve_entries makes it part of the row's
    /// variant, so BFCL's "(FC)" and "(Prompt)" rows of one model are two rows of one model.
    std::string setting;
    /// True when neither the registry nor a known family vouches for the model: listed by
    /// `lbtrack models --unreviewed` until someone adds it to config/models.toml.
    bool provisional = true;
    std::string decided_by; ///< one line: which alias, pair or rules decided
    /// A registry alias or distinct pair decided, not the rules: a person said which model it is.
    bool named_by_registry = false;
    name_parts parts;
    bool org_is_identity = false; ///< the org prefix was kept as part of the key
};

/// Whether a resolver remembers what the rules made of each printed name. Worth it where the same
/// names come again and again (a replay: every day of a board); elsewhere it only costs memory
/// (~700 bytes a name: 7 MB for a 10,000-row board).
enum class name_memo { off, on };

class model_resolver {
public:
    /// Resolves with the rules only (every family unknown: everything provisional).
    model_resolver();
    explicit model_resolver(model_registry registry, name_memo memo = name_memo::off);
    ~model_resolver();
    model_resolver(model_resolver&&) noexcept;
    model_resolver& operator=(model_resolver&&) noexcept;

    /// Which model `printed` names, as observed on `on` (aliases with a period apply only within
    /// it; without a date every alias applies).
    model_resolution resolve(std::string_view printed,
                             std::optional<std::chrono::sys_days> on = std::nullopt) const;

    const model_registry& registry() const noexcept { return registry_; }

    /// Identity version stored with each snapshot: rules version and registry digest.
    std::string version_tag() const;

    /// Canonical keys of the registry's models, for suggestions.
    std::vector<std::string> registry_keys() const;

private:
    struct rule_result {
        std::string key;
        name_parts parts;
        bool org_is_identity = false;
        bool known_family = false;
        std::string explanation;
    };
    struct alias_target {
        std::size_t model = 0;
        const registry_alias* alias = nullptr;
    };

    struct printed_name_memo;

    rule_result apply_rules(std::string_view printed) const;
    /// apply_rules and the display name of `printed`, remembered: a board prints the same names
    /// day after day, and the rules were a fifth of a replay's CPU time.
    std::pair<rule_result, std::string> rules_of_printed(std::string_view printed) const;
    const registry_organization* publisher_of(const name_parts& parts) const;
    std::string where(std::size_t line) const;

    model_registry registry_;
    std::unordered_map<std::string, const registry_organization*> by_hf_org_;
    std::unordered_map<std::string, std::vector<const registry_organization*>> by_vendor_word_;
    std::unordered_map<std::string, const registry_organization*> by_family_;
    std::vector<std::string> model_keys_;  ///< rule key of each registry model, by index
    std::vector<rule_result> model_rules_; ///< what the rules make of each model's name
    /// A name with a reasoning mode ("o3-mini-high") whose plain name ("o3-mini") is an alias
    /// of a dated snapshot: the key of that snapshot in that mode ("o3-mini-high-0131").
    std::optional<std::string> mode_of_aliased(const rule_result& rules,
                                               std::optional<std::chrono::sys_days> on,
                                               std::string& note) const;
    std::unordered_map<std::string, std::size_t> model_by_key_;
    std::unordered_map<std::string, std::vector<alias_target>> aliases_by_key_;
    /// Undated key -> (yyyymmdd, dated rule key) of every registry name or alias with a full
    /// date, sorted: a month-dated name ("GPT 4o (Aug 2024)") is the latest snapshot released
    /// by the end of that month.
    std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>>
        snapshots_by_undated_key_;
    /// rule key of a distinct pair's second name -> the pair and that name's spelling key.
    std::unordered_map<std::string, std::vector<std::pair<const registry_distinct*, std::string>>>
        distinct_by_key_;
    /// Results of rules_of_printed (null: name_memo::off); filled by const calls, hence behind
    /// its own mutex.
    std::unique_ptr<printed_name_memo> memo_;
};

/// model_key() of the cleaned name: the spelling a not-the-same pair and a kept-apart row go by.
std::string spelling_key(std::string_view printed);

} // namespace lbtrack::ingest
