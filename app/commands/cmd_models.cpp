// `lbtrack models [--unreviewed]` and `lbtrack history MODEL`: what the identity layer made of
// the stored boards.

#include "commands.hpp"
#include "when.hpp"

#include "lbtrack/core/csv_text.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/ingest/model_identity.hpp"
#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/ingest/model_suggestions.hpp"
#include "lbtrack/ingest/rename_suggestions.hpp"
#include "lbtrack/settings/model_registry_file.hpp"
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

/// The stored changes grouped by board and pair of snapshots.
std::vector<ingest::board_transition> transitions_of(std::vector<store::board_change> changes) {
    std::vector<ingest::board_transition> out;
    for (auto& c : changes) {
        if (out.empty() || out.back().source_id != c.source_id ||
            out.back().after_date != c.after_date) {
            out.push_back({c.source_id, c.before_date, c.after_date, {}, {}});
        }
        (c.added ? out.back().added : out.back().dropped).push_back(std::move(c.row));
    }
    return out;
}

/// A stored snapshot's day, as resolution reads it (a dated alias applies on that day).
std::chrono::sys_days day_of(const std::string& yyyy_mm_dd) {
    // `now` only matters for relative WHENs ("3 days ago"); these are absolute dates.
    return std::chrono::floor<std::chrono::days>(parse_when(yyyy_mm_dd, time_point{}));
}

/// The registry model named `name`, if any: an alias is added to it rather than a second
/// [[model]] of the same name (which the registry refuses).
const ingest::registry_model* registry_model_named(const ingest::model_resolver& resolver,
                                                   const std::string& name) {
    for (const auto& m : resolver.registry().models) {
        if (m.name == name) {
            return &m;
        }
    }
    return nullptr;
}

/// Likely renames on the stored boards that the identity layer, as configured now, still keeps
/// apart. A pair the current registry already unifies only waits for `lbtrack reprocess`.
std::vector<ingest::rename_suggestion> likely_renames(pqxx::transaction_base& tx,
                                                      const ingest::model_resolver& resolver,
                                                      const std::vector<std::string>& sources) {
    std::vector<ingest::rename_suggestion> out;
    for (const auto& t : transitions_of(store::board_changes(tx, sources))) {
        for (auto& s : ingest::find_renames(t)) {
            const auto old_now = resolver.resolve(s.before.printed_name, day_of(s.before_date));
            const auto new_now = resolver.resolve(s.after.printed_name, day_of(s.after_date));
            if (old_now.key == new_now.key && old_now.variant == new_now.variant &&
                old_now.setting == new_now.setting) {
                continue;
            }
            // The alias goes to the registry's model when there is one (its name, not the
            // board's spelling), else to a new [[model]] named as the board prints it now.
            const auto named = [&](const ingest::model_resolution& now, const std::string& p) {
                return registry_model_named(resolver, now.display_name) ? now.display_name : p;
            };
            s.before.model_name = named(old_now, s.before.printed_name);
            s.after.model_name = named(new_now, s.after.printed_name);
            out.push_back(std::move(s));
        }
    }
    return out;
}

/// "rank 10, score 1268 (+3/-2), 79710 votes" of a row: the evidence, as the board printed it.
std::string evidence(const ingest::board_row& r) {
    std::vector<std::string> parts;
    if (r.rank) {
        parts.push_back(fmt::format("rank {}", *r.rank));
    }
    if (r.score) {
        parts.push_back(fmt::format(
            "score {}{}", *r.score,
            r.ci_plus && r.ci_minus ? fmt::format(" (+{}/-{})", *r.ci_plus, *r.ci_minus) : ""));
    }
    if (r.votes) {
        parts.push_back(fmt::format("{} votes", *r.votes));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

ordered_json json_row(const ingest::board_row& r, const std::string& date) {
    return {{"date", date},
            {"name", r.printed_name},
            {"model", r.model_key},
            {"variant", r.variant},
            {"rank", json_or_null(r.rank)},
            {"score", json_number(r.score)},
            {"ci_plus", json_number(r.ci_plus)},
            {"ci_minus", json_number(r.ci_minus)},
            {"votes", json_or_null(r.votes)}};
}

/// The one-line suggestion: `alias "OLD" -> "NEW" until DAY`.
std::string alias_line(const ingest::rename_suggestion& s) {
    if (s.same_name) {
        return fmt::format("alias \"{}\" -> \"{}\" until {} at least ({} still printed the name "
                           "for that model on {})",
                           s.before.printed_name, s.before.model_name, s.after_date, s.source_id,
                           s.after_date);
    }
    return fmt::format("alias \"{}\" -> \"{}\" until {} (renamed on {} on {})",
                       s.before.printed_name, s.after.model_name, ingest::day_before(s.after_date),
                       s.source_id, s.after_date);
}

/// The registry alias named `printed` of `model`: a suggestion for it changes that alias's period
/// rather than adding a second alias of one name.
const ingest::registry_alias* registry_alias_of(const ingest::registry_model& model,
                                                const std::string& printed) {
    const auto cleaned = ingest::clean_model_name(printed);
    for (const auto& a : model.aliases) {
        if (ingest::clean_model_name(a.name) == cleaned) {
            return &a;
        }
    }
    return nullptr;
}

void print_renames(const std::vector<ingest::rename_suggestion>& renames,
                   const ingest::model_resolver& resolver, std::ostream& out) {
    out << fmt::format("{} likely rename(s): a row dropped and a row new on the next snapshot of "
                       "a board, with values that continue each other\n",
                       renames.size());
    for (const auto& r : renames) {
        if (r.same_name) {
            out << fmt::format("  {} {}: \"{}\" kept its values but no longer resolves to {} (a "
                               "dated alias ends too early?)\n",
                               r.source_id, r.after_date, printable_text(r.before.printed_name),
                               printable_text(r.before.model_key));
        } else {
            out << fmt::format("  {} {}: \"{}\" -> \"{}\"\n", r.source_id, r.after_date,
                               printable_text(r.before.printed_name),
                               printable_text(r.after.printed_name));
        }
        out << fmt::format("      {}: {}  [{}]\n", r.before_date, evidence(r.before),
                           printable_text(r.before.model_key));
        out << fmt::format("      {}: {}  [{}]\n", r.after_date, evidence(r.after),
                           printable_text(r.after.model_key));
        out << fmt::format("      suggest: {}\n", printable_text(alias_line(r)));
        const auto* m =
            registry_model_named(resolver, r.same_name ? r.before.model_name : r.after.model_name);
        const auto* a = m ? registry_alias_of(*m, r.before.printed_name) : nullptr;
        if (a) {
            out << fmt::format("        make the alias at {}:{} {}\n", resolver.registry().file,
                               a->line, printable_text(ingest::alias_item(r)));
        } else if (m) {
            out << fmt::format("        add {} to the aliases of \"{}\" ({}:{})\n",
                               printable_text(ingest::alias_item(r)), m->name,
                               resolver.registry().file, m->line);
        } else {
            std::string toml = printable_message(ingest::alias_toml(r)); // its own lines kept
            for (std::size_t at = 0; (at = toml.find('\n', at)) != std::string::npos; at += 9) {
                toml.replace(at, 1, "\n        ");
            }
            out << fmt::format("        {}\n", toml);
        }
    }
}

/// `models --json`: one object, its arrays one element per line (json_lines).
std::string models_json(bool unreviewed, const std::map<std::string, std::size_t>& per_board,
                        const std::vector<store::stored_model>& rows,
                        const std::vector<std::string>& candidates,
                        const std::vector<ingest::rename_suggestion>& renames) {
    std::vector<ordered_json> models;
    models.reserve(rows.size());
    for (const auto& m : rows) {
        ordered_json boards = ordered_json::array();
        for (const auto& [board, stats] : m.boards) {
            boards.push_back(
                {{"source", board}, {"entries", stats.entries}, {"last_seen", stats.last_seen}});
        }
        ordered_json model = {{"model", m.key},
                              {"name", m.name},
                              {"provisional", m.provisional},
                              {"boards", std::move(boards)}};
        if (unreviewed) {
            model["nearest"] = ingest::nearest_models(m.key, candidates);
        }
        models.push_back(std::move(model));
    }
    ordered_json head = {{"unreviewed_only", unreviewed},
                         {"count", rows.size()},
                         {"per_board", ordered_json(per_board)}};
    std::string out = json_dump(head);
    out.pop_back(); // the arrays follow in the line layout, inside the same object
    out += ",\"models\":" + json_lines(models);
    if (unreviewed) {
        std::vector<ordered_json> items;
        for (const auto& r : renames) {
            items.push_back({{"source", r.source_id},
                             {"date", r.after_date},
                             {"kind", r.same_name ? "alias_period" : "rename"},
                             {"before", json_row(r.before, r.before_date)},
                             {"after", json_row(r.after, r.after_date)},
                             {"suggestion", alias_line(r)},
                             {"alias", ingest::alias_item(r)},
                             {"toml", ingest::alias_toml(r)}});
        }
        out += ",\"renames\":" + json_lines(items);
    }
    return out + "}\n";
}

} // namespace

int models_command(const models_options& options, environment& env) {
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    auto conn = env.database.open();
    pqxx::read_transaction tx(*conn);
    const auto rows = store::stored_models(tx, options.unreviewed, options.sources);
    const auto candidates =
        options.unreviewed ? candidate_keys(tx, resolver) : std::vector<std::string>{};
    const auto renames = options.unreviewed ? likely_renames(tx, resolver, options.sources)
                                            : std::vector<ingest::rename_suggestion>{};

    std::map<std::string, std::size_t> per_board;
    for (const auto& m : rows) {
        for (const auto& [board, stats] : m.boards) {
            ++per_board[board];
        }
    }
    if (options.format == output_format::json) {
        env.out << models_json(options.unreviewed, per_board, rows, candidates, renames);
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
        env.out << fmt::format("  {:<40} {}{}\n", printable_text(m.key), printable_text(m.name),
                               m.provisional && !options.unreviewed ? "  [provisional]" : "");
        env.out << fmt::format("      on: {}\n", fmt::join(seen, "; "));
        if (options.unreviewed) {
            const auto nearest = ingest::nearest_models(m.key, candidates);
            env.out << fmt::format(
                "      nearest: {}\n",
                nearest.empty() ? "(none: a new family?)"
                                : printable_text(fmt::format("{}", fmt::join(nearest, ", "))));
        }
    }
    if (options.unreviewed) {
        print_renames(renames, resolver, env.out);
    }
    if (options.unreviewed && (!rows.empty() || !renames.empty())) {
        env.out << "Add a model or an alias to config/models.toml, then run `lbtrack reprocess`.\n";
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
