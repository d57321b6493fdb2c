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
#include "lbtrack/store/model_queries.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <ostream>

namespace lbtrack::app {

namespace {

/// Keys a provisional model may really be: the registry's models and every stored model that is
/// not provisional itself.
std::vector<std::string> candidate_keys(pqxx::transaction_base& tx,
                                        const ingest::model_resolver& resolver) {
    auto keys = resolver.registry_keys();
    for (auto& key : store::confirmed_model_keys(tx)) {
        keys.push_back(std::move(key));
    }
    std::ranges::sort(keys);
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
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
    const auto rows = store::stored_models(tx, options.unreviewed, options.sources);
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
                                      boards.empty() ? "" : ",", json_quote(board), stats.entries,
                                      json_quote(stats.last_seen));
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
                           counts.empty() ? "" : "; per board: ", fmt::join(counts, ", "));
    for (const auto& m : rows) {
        std::vector<std::string> seen;
        for (const auto& [board, stats] : m.boards) {
            seen.push_back(
                fmt::format("{} ({} entries, last {})", board, stats.entries, stats.last_seen));
        }
        env.out << fmt::format("  {:<40} {}{}\n", m.key, m.name,
                               m.provisional && !options.unreviewed ? "  [provisional]" : "");
        env.out << fmt::format("      on: {}\n", fmt::join(seen, "; "));
        if (options.unreviewed) {
            const auto nearest = ingest::nearest_models(m.key, candidates);
            env.out << fmt::format("      nearest: {}\n",
                                   nearest.empty() ? "(none: a new family?)"
                                                   : fmt::format("{}", fmt::join(nearest, ", ")));
        }
    }
    if (options.unreviewed && !rows.empty()) {
        env.out << "Add a model or an alias to config/models.toml, then run `lbtrack reprocess`.\n";
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
