#include "model_upsert.hpp"

#include "copy_values.hpp"
#include "prepared.hpp"

#include <array>
#include <optional>
#include <string>

namespace lbtrack::store::detail {

namespace {

const std::string& display_name_of(const entry& e) {
    return e.facts().display_name.empty() ? e.raw_name : e.facts().display_name;
}

/// Inserts the models of `rows` seen for the first time and returns their ids. A new model
/// takes the row's display name and parts; a known one has its provisional flag and parts
/// refreshed (the registry may have vouched for it since), and its display name too when the
/// registry names it. The rows go as one array per column through `unnest` in one statement
/// whose RETURNING gives the ids: one round trip whatever the count. (A COPY into a temporary
/// table created and dropped for each snapshot took five, and wrote the catalog each time.)
model_ids write_models(pqxx::transaction_base& tx, const std::vector<const entry*>& rows) {
    std::array<array_literal, 10> columns;
    for (const auto* e : rows) {
        const auto& m = e->facts();
        columns[0].add(e->model_key);
        columns[1].add(display_name_of(*e));
        columns[2].add_or_null(e->organization);
        columns[3].add(m.provisional ? "t" : "f");
        columns[4].add_or_null(m.family);
        columns[5].add_or_null(m.version);
        columns[6].add_or_null(m.size);
        columns[7].add_or_null(m.tuning);
        columns[8].add_or_null(m.mode);
        columns[9].add_or_null(m.date_tag);
    }
    const auto written = exec_prepared(
        tx, "lbtrack_write_models",
        "INSERT INTO model (canonical_key, display_name, organization, provisional, family, "
        "version, size, tuning, mode, date_tag) "
        "SELECT DISTINCT ON (canonical_key) canonical_key, display_name, organization, "
        "provisional, family, version, size, tuning, mode, date_tag "
        "FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], "
        "$7::text[], $8::text[], $9::text[], $10::text[]) AS incoming (canonical_key, "
        "display_name, organization, provisional, family, version, size, tuning, mode, date_tag) "
        "ORDER BY canonical_key, provisional "
        "ON CONFLICT (canonical_key) DO UPDATE SET "
        "provisional = excluded.provisional, family = excluded.family, "
        "version = excluded.version, size = excluded.size, tuning = excluded.tuning, "
        "mode = excluded.mode, date_tag = excluded.date_tag, "
        "display_name = CASE WHEN excluded.provisional THEN model.display_name "
        "ELSE excluded.display_name END "
        "RETURNING canonical_key, id",
        std::move(columns[0]).take(), std::move(columns[1]).take(), std::move(columns[2]).take(),
        std::move(columns[3]).take(), std::move(columns[4]).take(), std::move(columns[5]).take(),
        std::move(columns[6]).take(), std::move(columns[7]).take(), std::move(columns[8]).take(),
        std::move(columns[9]).take());
    std::unordered_map<std::string, std::int64_t> by_key;
    for (const auto& row : written) {
        by_key.emplace(row[0].as<std::string>(), row[1].as<std::int64_t>());
    }
    model_ids ids;
    for (const auto* e : rows) {
        ids.emplace(e->model_key, by_key.at(e->model_key));
    }
    return ids;
}

/// Whether the stored model row `r` (as read by upsert_models) already says what write_models
/// would set from `e`.
bool model_row_current(const pqxx::row& r, const entry& e) {
    const auto& m = e.facts();
    const auto text = [&r](int i) {
        const auto f = r[i];
        return f.is_null() ? std::string_view() : std::string_view(f.c_str(), f.size());
    };
    return r[2].as<bool>() == m.provisional && (m.provisional || text(3) == display_name_of(e)) &&
           text(4) == m.family && text(5) == m.version && text(6) == m.size &&
           text(7) == m.tuning && text(8) == m.mode && text(9) == m.date_tag;
}

} // namespace

/// The snapshot's models, key -> id, each locked until the transaction ends (FOR KEY SHARE here,
/// or the upsert's row lock): entry has no foreign key to model (migration 0008), so this lock
/// is what keeps a model from being deleted under the entries about to refer to it. Most snapshots
/// bring no new model and nothing new about known ones, so the stored rows are read first (one
/// query) and only the models that are new or changed go through write_models' upsert, which writes
/// a new version of every row it touches: upserting them all cost ~25 ms of a 2,700-row snapshot's
/// ~135 ms (bench/ replay_vs_copy.sh, docs/benchmarks.md).
model_ids upsert_models(pqxx::transaction_base& tx, const std::vector<entry>& entries) {
    struct key_state {
        std::optional<pqxx::row::size_type> stored; ///< row of the model in `stored`
        bool confirmed = false;                     ///< some row of the key is not provisional
        bool current = false; ///< the stored row already says what the upsert would write
    };
    std::unordered_map<std::string_view, key_state> keys;
    std::vector<std::string> key_list;
    for (const auto& e : entries) {
        const auto [it, inserted] = keys.try_emplace(e.model_key);
        if (inserted) {
            key_list.push_back(e.model_key);
        }
        it->second.confirmed |= !e.facts().provisional;
    }
    const auto stored = exec_prepared(
        tx, "lbtrack_read_models",
        "SELECT canonical_key, id, provisional, display_name, family, version, size, tuning, "
        "mode, date_tag FROM model WHERE canonical_key = ANY($1::text[]) FOR KEY SHARE",
        text_array(key_list));
    for (pqxx::row::size_type i = 0; i < stored.size(); ++i) {
        if (const auto it = keys.find(stored[i][0].c_str()); it != keys.end()) {
            it->second.stored = i;
        }
    }
    // Of several rows with one key (variants), the upsert takes any confirmed one, else any: a
    // key is current when one of those rows matches what is stored.
    for (const auto& e : entries) {
        auto& k = keys.at(e.model_key);
        if (!k.current && k.stored && e.facts().provisional != k.confirmed &&
            model_row_current(stored[*k.stored], e)) {
            k.current = true;
        }
    }
    std::vector<const entry*> stale;
    for (const auto& e : entries) {
        if (!keys.at(e.model_key).current) {
            stale.push_back(&e);
        }
    }
    model_ids ids = stale.empty() ? model_ids() : write_models(tx, stale);
    for (const auto& [key, k] : keys) {
        if (k.current) {
            ids.emplace(key, stored[*k.stored][1].as<std::int64_t>());
        }
    }
    return ids;
}

} // namespace lbtrack::store::detail
