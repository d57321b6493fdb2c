#pragma once
// One row of one leaderboard snapshot, after extraction and name normalization.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lbtrack {

/// A further numeric value of a row ("price", "医疗") with the unit the board wrote around the
/// number: "0.7元" is kept as 0.7 and "元", so prices compare as numbers and a change of unit
/// stays visible.
struct metric {
    std::string name; ///< the stored name from the source's column mapping
    double value = 0;
    /// "" for a bare number; otherwise the text around the number, trimmed and in Unicode NFKC
    /// form: "%", "元", "$", "$/百萬代幣", "元/M tokens" (see ingest::parse_quantity).
    std::string unit;

    bool operator==(const metric&) const = default;
};

/// What the identity layer made of a row's model name (ingest/model_resolver.hpp), stored in the
/// `model` table when the model is first seen and refreshed by reprocess.
struct model_facts {
    std::string display_name; ///< the registry's name, else the printed name
    bool provisional = true;  ///< no registry entry or known family vouches for it
    std::string family;
    std::string version;
    std::string size; ///< comma-separated sizes: "235b,a22b"
    std::string tuning;
    std::string mode;
    std::string date_tag;

    bool operator==(const model_facts&) const = default;
};

struct entry {
    std::size_t row = 0; ///< 1-based position among the payload's data rows
    /// The name as the board printed it, less board decorations such as a trailing "☛" or
    /// "(new)" (see ingest::clean_board_name).
    std::string raw_name;
    /// Identity key: the simple spelling key after extraction (ingest/model_key.hpp), the
    /// canonical model key once resolved (ingest/normalize.hpp).
    std::string model_key;
    /// Where the board linked the printed name (a URL), when the source reads the name as its
    /// link's text; the target may name the model in full (ingest/linked_model.hpp).
    std::string link_target;
    /// Set by ingest::resolve_entries; null before that and for rows read back from the store.
    /// Behind a pointer because boards are held by the thousand rows and the facts are needed
    /// only to store models: an entry is 312 bytes with it, 528 with the facts inline
    /// (bench/parse_memory).
    std::shared_ptr<const model_facts> model;
    std::string variant; ///< precision or other variant of one model; empty for none
    std::string organization;
    std::optional<int> rank;
    std::optional<double> score;
    std::optional<double> ci_plus;  ///< upper half-width of the published CI ("+5" of "+5/-5")
    std::optional<double> ci_minus; ///< lower half-width, positive ("5" of "+5/-5")
    std::optional<std::int64_t> votes;
    std::string license;
    std::string knowledge_cutoff;
    std::vector<metric> metrics; ///< in the order of the source's mapping

    /// The model facts, or model_facts{} (provisional, no names) when none are set.
    const model_facts& facts() const {
        static const model_facts none;
        return model ? *model : none;
    }
};

/// What tells the rows of a snapshot apart, and matches a row across snapshots: model key and
/// variant, as views of an entry's strings (valid while the entry is alive and unchanged).
/// Lookups by it copy nothing, which mattered on 10,000-row boards.
using row_identity = std::pair<std::string_view, std::string_view>;

inline row_identity identity_of(const entry& e) {
    return {e.model_key, e.variant};
}

struct row_identity_hash {
    std::size_t operator()(const row_identity& id) const noexcept {
        const std::hash<std::string_view> h;
        return h(id.first) * 31 + h(id.second);
    }
};

} // namespace lbtrack
