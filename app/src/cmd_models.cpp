// `lbtrack models [--unreviewed]` and `lbtrack history MODEL`: what the identity layer made of
// the stored boards.

#include "commands.hpp"
#include "database.hpp"
#include "model_registry_file.hpp"
#include "when.hpp"

#include "lbtrack/core/csv_text.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_text.hpp"
#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/ingest/model_suggestions.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>

namespace lbtrack::app {

namespace {

/// "source_id IN (...)" for the --source filters, quoted by the connection; "" for none.
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

struct model_row {
    std::int64_t id = 0;
    std::string key;
    std::string name;
    bool provisional = false;
    std::map<std::string, std::pair<long long, std::string>> boards; ///< source -> entries, last
};

std::vector<model_row> stored_models(pqxx::transaction_base& tx, const models_options& options) {
    std::vector<model_row> rows;
    std::map<std::int64_t, std::size_t> index;
    const auto result = tx.exec(fmt::format(
        "SELECT m.id, m.canonical_key, m.display_name, m.provisional, s.source_id, count(*), "
        "to_char(max(s.observed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
        "FROM model m JOIN entry e ON e.model_id = m.id JOIN snapshot s ON s.id = e.snapshot_id "
        "WHERE {}{} GROUP BY m.id, s.source_id ORDER BY m.canonical_key, s.source_id",
        options.unreviewed ? "m.provisional" : "true",
        source_filter(tx, options.sources, "s.source_id")));
    for (const auto& r : result) {
        const auto id = r[0].as<std::int64_t>();
        auto [it, inserted] = index.emplace(id, rows.size());
        if (inserted) {
            rows.push_back(
                {id, r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<bool>(), {}});
        }
        rows[it->second].boards[r[4].as<std::string>()] = {r[5].as<long long>(),
                                                           r[6].as<std::string>()};
    }
    return rows;
}

/// Keys a provisional model may really be: the registry's models and every stored model that is
/// not provisional itself.
std::vector<std::string> candidate_keys(pqxx::transaction_base& tx,
                                        const ingest::model_resolver& resolver) {
    auto keys = resolver.registry_keys();
    for (const auto& r : tx.exec("SELECT canonical_key FROM model WHERE NOT provisional")) {
        keys.push_back(r[0].as<std::string>());
    }
    std::ranges::sort(keys);
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : std::string(sep)) + i;
    }
    return out;
}

} // namespace

int models_command(const models_options& options, environment& env) {
    if (options.format != "text" && options.format != "json") {
        throw usage_error(fmt::format("models: unknown format '{}' (text, json)", options.format));
    }
    const ingest::model_resolver resolver(registry_for(options.config, options.models));
    auto db = choose_database();
    auto conn = open_database(db);
    pqxx::read_transaction tx(*conn);
    const auto rows = stored_models(tx, options);
    const auto candidates =
        options.unreviewed ? candidate_keys(tx, resolver) : std::vector<std::string>{};

    std::map<std::string, std::size_t> per_board;
    for (const auto& m : rows) {
        for (const auto& [board, stats] : m.boards) {
            ++per_board[board];
        }
    }
    if (options.format == "json") {
        env.out << fmt::format("{{\"unreviewed_only\":{},\"count\":{},\"per_board\":{{",
                               options.unreviewed ? "true" : "false", rows.size());
        bool first = true;
        for (const auto& [board, n] : per_board) {
            env.out << fmt::format("{}{}:{}", first ? "" : ",", json_quote(board), n);
            first = false;
        }
        env.out << "},\"models\":[";
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& m = rows[i];
            std::string boards;
            for (const auto& [board, stats] : m.boards) {
                boards += fmt::format("{}{{\"source\":{},\"entries\":{},\"last_seen\":{}}}",
                                      boards.empty() ? "" : ",", json_quote(board), stats.first,
                                      json_quote(stats.second));
            }
            std::string nearest;
            if (options.unreviewed) {
                for (const auto& n : ingest::nearest_models(m.key, candidates)) {
                    nearest += (nearest.empty() ? "" : ",") + json_quote(n);
                }
            }
            env.out << fmt::format("{}\n{{\"model\":{},\"name\":{},\"provisional\":{},"
                                   "\"boards\":[{}]{}}}",
                                   i ? "," : "", json_quote(m.key), json_quote(m.name),
                                   m.provisional ? "true" : "false", boards,
                                   options.unreviewed ? ",\"nearest\":[" + nearest + "]" : "");
        }
        env.out << "\n]}\n";
        env.out.flush();
        return 0;
    }

    std::vector<std::string> counts;
    for (const auto& [board, n] : per_board) {
        counts.push_back(fmt::format("{} {}", board, n));
    }
    env.out << fmt::format("{} {} model(s){}{}\n", rows.size(),
                           options.unreviewed ? "unreviewed (provisional)" : "stored",
                           counts.empty() ? "" : "; per board: ", joined(counts, ", "));
    for (const auto& m : rows) {
        std::vector<std::string> seen;
        for (const auto& [board, stats] : m.boards) {
            seen.push_back(
                fmt::format("{} ({} entries, last {})", board, stats.first, stats.second));
        }
        env.out << fmt::format("  {:<40} {}{}\n", m.key, m.name,
                               m.provisional && !options.unreviewed ? "  [provisional]" : "");
        env.out << fmt::format("      on: {}\n", joined(seen, "; "));
        if (options.unreviewed) {
            const auto nearest = ingest::nearest_models(m.key, candidates);
            env.out << fmt::format("      nearest: {}\n", nearest.empty() ? "(none: a new family?)"
                                                                          : joined(nearest, ", "));
        }
    }
    if (options.unreviewed && !rows.empty()) {
        env.out << "Add a model or an alias to config/models.toml, then run `lbtrack reprocess`.\n";
    }
    env.out.flush();
    return 0;
}

int history_command(const history_options& options, environment& env) {
    if (options.format != "text" && options.format != "json" && options.format != "csv") {
        throw usage_error(
            fmt::format("history: unknown format '{}' (text, json, csv)", options.format));
    }
    const ingest::model_resolver resolver(registry_for(options.config, options.models));
    const auto resolution = resolver.resolve(options.model);
    auto db = choose_database();
    auto conn = open_database(db);
    pqxx::read_transaction tx(*conn);

    // The name as resolved now; else a stored key or display name as typed; else any entry
    // printed with exactly this name (a model kept apart from its resolution).
    auto found =
        tx.exec_params("SELECT id, canonical_key, display_name FROM model WHERE canonical_key = $1",
                       resolution.key);
    if (found.empty()) {
        found = tx.exec_params("SELECT id, canonical_key, display_name FROM model "
                               "WHERE canonical_key = $1 OR lower(display_name) = lower($1) "
                               "UNION SELECT m.id, m.canonical_key, m.display_name FROM model m "
                               "WHERE m.id IN (SELECT model_id FROM entry WHERE raw_name = $1) "
                               "ORDER BY 2",
                               options.model);
    }
    if (found.empty()) {
        throw error(fmt::format("history: no stored model is '{}' (it resolves to '{}'; see "
                                "`lbtrack models`)",
                                options.model, resolution.key));
    }
    std::string since;
    if (!options.since.empty()) {
        since = fmt::format(
            " AND s.observed_at >= {}::timestamptz",
            tx.quote(store::to_timestamp_literal(parse_when(options.since, env.now()))));
    }
    const bool json = options.format == "json";
    if (json) {
        env.out << "[";
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
        const auto id = found[i][0].as<std::int64_t>();
        const auto key = found[i][1].as<std::string>();
        const auto name = found[i][2].as<std::string>();
        const auto rows = tx.exec_params(
            fmt::format("SELECT s.source_id, to_char(s.observed_at AT TIME ZONE 'UTC', "
                        "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), e.variant, e.rank, e.score, e.raw_name "
                        "FROM entry e JOIN snapshot s ON s.id = e.snapshot_id "
                        "WHERE e.model_id = $1{}{} ORDER BY s.source_id, s.observed_at, e.variant",
                        source_filter(tx, options.sources, "s.source_id"), since),
            id);
        if (json) {
            env.out << fmt::format("{}\n{{\"model\":{},\"name\":{},\"history\":[", i ? "," : "",
                                   json_quote(key), json_quote(name));
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const auto& row = rows[r];
                env.out << fmt::format(
                    "{}\n{{\"source\":{},\"observed_at\":{},\"variant\":{},\"rank\":{},"
                    "\"score\":{},\"printed_name\":{}}}",
                    r ? "," : "", json_quote(row[0].c_str()), json_quote(row[1].c_str()),
                    json_quote(row[2].c_str()), row[3].is_null() ? "null" : row[3].c_str(),
                    row[4].is_null() ? "null" : row[4].c_str(), json_quote(row[5].c_str()));
            }
            env.out << "\n]}";
            continue;
        }
        if (options.format == "csv") {
            if (i == 0) {
                env.out << "model,source,observed_at,variant,rank,score,printed_name\n";
            }
            for (const auto& row : rows) {
                env.out << fmt::format(
                    "{},{},{},{},{},{},{}\n", csv_field(key), csv_field(row[0].c_str()),
                    row[1].c_str(), csv_field(row[2].c_str()),
                    row[3].is_null() ? "" : row[3].c_str(), row[4].is_null() ? "" : row[4].c_str(),
                    csv_field(row[5].c_str()));
            }
            continue;
        }
        env.out << fmt::format("{} ({}): {} entr{}\n", name, key, rows.size(),
                               rows.size() == 1 ? "y" : "ies");
        env.out << fmt::format("  {:<24} {:<20} {:>5} {:>9}  {:<8} {}\n", "SOURCE",
                               "OBSERVED (UTC)", "RANK", "SCORE", "VARIANT", "AS PRINTED");
        for (const auto& row : rows) {
            env.out << fmt::format("  {:<24} {:<20} {:>5} {:>9}  {:<8} {}\n", row[0].c_str(),
                                   row[1].c_str(), row[3].is_null() ? "" : row[3].c_str(),
                                   row[4].is_null() ? "" : row[4].c_str(), row[2].c_str(),
                                   row[5].c_str());
        }
    }
    if (json) {
        env.out << "\n]\n";
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
