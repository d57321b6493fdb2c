#include "lbtrack/store/model_queries.hpp"

#include "sql_time.hpp"

#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>

namespace lbtrack::store {

namespace {

/// " AND column IN (...)" for the --source filters, quoted by the connection; "" for none.
std::string source_filter(pqxx::transaction_base& tx, const std::vector<std::string>& sources,
                          std::string_view column) {
    if (sources.empty()) {
        return "";
    }
    std::string list;
    for (const auto& s : sources) {
        list += (list.empty() ? "" : ", ") + tx.quote(s);
    }
    return fmt::format(" AND {} IN ({})", column, list);
}

} // namespace

std::vector<stored_model> stored_models(pqxx::transaction_base& tx, bool provisional_only,
                                        const std::vector<std::string>& sources) {
    std::vector<stored_model> models;
    std::map<std::int64_t, std::size_t> index;
    const auto result = tx.exec(fmt::format(
        "SELECT m.id, m.canonical_key, m.display_name, m.provisional, s.source_id, count(*), "
        "to_char(max(s.observed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
        "FROM model m JOIN entry e ON e.model_id = m.id JOIN snapshot s ON s.id = e.snapshot_id "
        "WHERE {}{} GROUP BY m.id, s.source_id ORDER BY m.canonical_key, s.source_id",
        provisional_only ? "m.provisional" : "true", source_filter(tx, sources, "s.source_id")));
    for (const auto& r : result) {
        const auto id = r[0].as<std::int64_t>();
        const auto [it, inserted] = index.emplace(id, models.size());
        if (inserted) {
            models.push_back(
                {id, r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<bool>(), {}});
        }
        models[it->second].boards[r[4].as<std::string>()] = {r[5].as<long long>(),
                                                             r[6].as<std::string>()};
    }
    return models;
}

std::vector<std::string> confirmed_model_keys(pqxx::transaction_base& tx) {
    std::vector<std::string> keys;
    for (const auto& r : tx.exec("SELECT canonical_key FROM model WHERE NOT provisional")) {
        keys.push_back(r[0].as<std::string>());
    }
    return keys;
}

std::vector<model_ref> find_models(pqxx::transaction_base& tx, const std::string& resolved_key,
                                   const std::string& typed) {
    auto found = tx.exec_params(
        "SELECT id, canonical_key, display_name FROM model WHERE canonical_key = $1", resolved_key);
    if (found.empty()) {
        found = tx.exec_params("SELECT id, canonical_key, display_name FROM model "
                               "WHERE canonical_key = $1 OR lower(display_name) = lower($1) "
                               "UNION SELECT m.id, m.canonical_key, m.display_name FROM model m "
                               "WHERE m.id IN (SELECT model_id FROM entry WHERE raw_name = $1) "
                               "ORDER BY 2",
                               typed);
    }
    std::vector<model_ref> refs;
    for (const auto& r : found) {
        refs.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>()});
    }
    return refs;
}

std::vector<history_point> model_history(pqxx::transaction_base& tx, std::int64_t model_id,
                                         const std::vector<std::string>& sources,
                                         std::optional<time_point> since) {
    const std::string since_filter = since ? fmt::format(" AND s.observed_at >= {}::timestamptz",
                                                         tx.quote(to_timestamp_literal(*since)))
                                           : "";
    std::vector<history_point> points;
    for (const auto& r : tx.exec_params(
             fmt::format("SELECT s.source_id, to_char(s.observed_at AT TIME ZONE 'UTC', "
                         "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), e.variant, e.rank, e.score, "
                         "e.raw_name FROM entry e JOIN snapshot s ON s.id = e.snapshot_id "
                         "WHERE e.model_id = $1{}{} ORDER BY s.source_id, s.observed_at, e.variant",
                         source_filter(tx, sources, "s.source_id"), since_filter),
             model_id)) {
        history_point p{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                        std::nullopt,           std::nullopt,           r[5].as<std::string>()};
        if (!r[3].is_null()) {
            p.rank = r[3].as<int>();
        }
        if (!r[4].is_null()) {
            p.score = r[4].as<double>();
        }
        points.push_back(std::move(p));
    }
    return points;
}

std::map<std::string, std::vector<series_point>>
board_series(pqxx::transaction_base& tx, const std::string& source_id,
             const std::vector<std::string>& model_keys, std::optional<time_point> since) {
    std::map<std::string, std::vector<series_point>> series;
    if (model_keys.empty()) {
        return series;
    }
    std::string keys;
    for (const auto& k : model_keys) {
        keys += (keys.empty() ? "" : ", ") + tx.quote(k);
    }
    const std::string since_filter = since ? fmt::format(" AND s.observed_at >= {}::timestamptz",
                                                         tx.quote(to_timestamp_literal(*since)))
                                           : "";
    // DISTINCT ON keeps one row per model and snapshot: the best rank among its variants.
    for (const auto& r : tx.exec_params(
             fmt::format("SELECT DISTINCT ON (m.canonical_key, s.observed_at) m.canonical_key, "
                         "(extract(epoch FROM s.observed_at) * 1000000)::bigint, e.rank, e.score, "
                         "e.ci_plus, e.ci_minus "
                         "FROM entry e JOIN snapshot s ON s.id = e.snapshot_id "
                         "JOIN model m ON m.id = e.model_id "
                         "WHERE s.source_id = $1 AND m.canonical_key IN ({}){} "
                         "ORDER BY m.canonical_key, s.observed_at, e.rank NULLS LAST, e.score DESC "
                         "NULLS LAST",
                         keys, since_filter),
             source_id)) {
        series_point p;
        p.at = time_point(std::chrono::microseconds(r[1].as<long long>()));
        if (!r[2].is_null()) {
            p.rank = r[2].as<int>();
        }
        if (!r[3].is_null()) {
            p.score = r[3].as<double>();
        }
        if (!r[4].is_null()) {
            p.ci_plus = r[4].as<double>();
        }
        if (!r[5].is_null()) {
            p.ci_minus = r[5].as<double>();
        }
        series[r[0].as<std::string>()].push_back(p);
    }
    return series;
}

std::vector<board_change> board_changes(pqxx::transaction_base& tx,
                                        const std::vector<std::string>& sources) {
    // Each snapshot with the one before it on its board; a row is a change when its model and
    // variant are absent from the other snapshot (answered from entry_model_history's index).
    const auto result = tx.exec(fmt::format(
        "WITH s AS (SELECT id, source_id, observed_at, lag(id) OVER w AS prev_id, "
        "  lag(observed_at) OVER w AS prev_at FROM snapshot WHERE true{} "
        "  WINDOW w AS (PARTITION BY source_id ORDER BY observed_at)), "
        "c AS ("
        "  SELECT s.source_id, s.prev_at, s.observed_at, false AS added, e.* "
        "  FROM s JOIN entry e ON e.snapshot_id = s.prev_id "
        "  WHERE NOT EXISTS (SELECT 1 FROM entry x WHERE x.model_id = e.model_id "
        "    AND x.snapshot_id = s.id AND x.variant = e.variant) "
        "  UNION ALL "
        "  SELECT s.source_id, s.prev_at, s.observed_at, true, e.* "
        "  FROM s JOIN entry e ON e.snapshot_id = s.id WHERE s.prev_id IS NOT NULL "
        "  AND NOT EXISTS (SELECT 1 FROM entry x WHERE x.model_id = e.model_id "
        "    AND x.snapshot_id = s.prev_id AND x.variant = e.variant)) "
        "SELECT c.source_id, to_char(c.prev_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
        "  to_char(c.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), c.added, c.model_id, "
        "  m.canonical_key, m.display_name, c.variant, c.raw_name, c.rank, c.score, c.ci_plus, "
        "  c.ci_minus, c.votes "
        "FROM c JOIN model m ON m.id = c.model_id "
        "ORDER BY c.source_id, c.observed_at, c.added, c.row_number",
        source_filter(tx, sources, "source_id")));
    std::vector<board_change> changes;
    changes.reserve(result.size());
    for (const auto& r : result) {
        board_change c{r[0].as<std::string>(),
                       r[1].as<std::string>(),
                       r[2].as<std::string>(),
                       r[3].as<bool>(),
                       {}};
        c.row.model_id = r[4].as<std::int64_t>();
        c.row.model_key = r[5].as<std::string>();
        c.row.model_name = r[6].as<std::string>();
        detail::read_printed_row(r, 7, c.row);
        changes.push_back(std::move(c));
    }
    return changes;
}

long long model_count(pqxx::transaction_base& tx) {
    return tx.exec1("SELECT count(*) FROM model")[0].as<long long>();
}

long long drop_unreferenced_models(pqxx::transaction_base& tx) {
    return static_cast<long long>(tx.exec("DELETE FROM model m WHERE NOT EXISTS "
                                          "(SELECT 1 FROM entry e WHERE e.model_id = m.id)")
                                      .affected_rows());
}

} // namespace lbtrack::store
