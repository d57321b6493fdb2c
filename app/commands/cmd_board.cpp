// `lbtrack board --source ID [--as-of WHEN]` (a board as it stood) and `lbtrack movers [--since
// WHEN]` (the largest rank moves across all boards since then).

#include "commands.hpp"
#include "output/rank_moves.hpp"
#include "output/table_output.hpp"
#include "pipeline/ingest_pipeline.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/deploy/database.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>

#include <ostream>

namespace lbtrack::app {

namespace {

std::string number(const std::optional<double>& v) {
    return v ? fmt::format("{}", *v) : "";
}

} // namespace

int board_command(const board_options& options, environment& env) {
    const auto cfg = settings::load_config(options.config);
    const auto& src = cfg.find(options.source);
    const ingest::model_resolver resolver(settings::registry_for(options.config, options.models));
    std::optional<time_point> as_of;
    if (!options.as_of.empty()) {
        as_of = parse_when(options.as_of, env.now());
    }
    auto db = deploy::choose_database();
    auto conn = deploy::open_database(db);
    pqxx::read_transaction tx(*conn);
    const auto snap = snapshot_as_of(tx, src.id, as_of, options.as_of);
    const auto entries = entries_by_rank(tx, snap, resolver, options.top);
    output_table t{{"rank", "model", "variant", "score", "ci", "votes", "organization", "key"},
                   {true, false, false, true, false, true, false, false},
                   {}};
    for (const auto& e : entries) {
        t.rows.push_back(
            {e.rank ? std::to_string(*e.rank) : "", e.raw_name, e.variant, number(e.score),
             e.ci_plus ? fmt::format("+{}/-{}", *e.ci_plus, e.ci_minus.value_or(0)) : "",
             e.votes ? std::to_string(*e.votes) : "", e.organization, e.model_key});
    }
    if (options.format == "text" || options.format == "md") {
        env.out << fmt::format(
            "{}{} {} as of {} ({} rows{})\n\n", options.format == "md" ? "## " : "", src.title, "—",
            format_utc(snap.observed_at), snap.row_count,
            options.top && options.top < snap.row_count ? fmt::format(", top {}", options.top)
                                                        : "");
    }
    print_table(t, options.format, env.out);
    env.out.flush();
    return 0;
}

int movers_command(const movers_options& options, environment& env) {
    const auto cfg = settings::load_config(options.config);
    const ingest::model_resolver resolver(settings::registry_for(options.config, options.models));
    const auto now = env.now();
    const auto since = parse_when(options.since, now);
    auto db = deploy::choose_database();
    auto conn = deploy::open_database(db);
    pqxx::read_transaction tx(*conn);
    const auto moves =
        largest_rank_moves(tx, cfg.select(options.sources), since, resolver, options.top);
    output_table t{{"model", "variant", "source", "from", "to", "change", "since", "until"},
                   {false, false, false, true, true, true, false, false},
                   {}};
    for (const auto& m : moves.largest) {
        t.rows.push_back({m.name, m.variant, m.source, std::to_string(m.from), std::to_string(m.to),
                          std::to_string(m.from - m.to), m.from_date, m.to_date});
    }
    if (options.format == "text" || options.format == "md") {
        env.out << fmt::format(
            "{}Largest rank moves since {} ({} of {}{})\n\n", options.format == "md" ? "## " : "",
            format_utc(since), t.rows.size(), moves.total,
            moves.skipped.empty() ? ""
                                  : fmt::format("; no earlier snapshot to compare on {} board(s)",
                                                moves.skipped.size()));
    }
    print_table(t, options.format, env.out);
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
