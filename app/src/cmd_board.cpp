// `lbtrack board --source ID [--as-of WHEN]` (a board as it stood) and `lbtrack movers [--since
// WHEN]` (the largest rank moves across all boards since then).

#include "commands.hpp"
#include "config.hpp"
#include "database.hpp"
#include "ingest_pipeline.hpp"
#include "model_registry_file.hpp"
#include "table_output.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>

namespace lbtrack::app {

namespace {

std::string number(const std::optional<double>& v) {
    return v ? fmt::format("{}", *v) : "";
}

std::string date_of(time_point t) {
    return format_utc(t).substr(0, 10);
}

} // namespace

int board_command(const board_options& options, environment& env) {
    const auto cfg = load_config(options.config);
    const auto& src = cfg.find(options.source);
    const ingest::model_resolver resolver(registry_for(options.config, options.models));
    std::optional<time_point> as_of;
    if (!options.as_of.empty()) {
        as_of = parse_when(options.as_of, env.now());
    }
    auto db = choose_database();
    auto conn = open_database(db);
    pqxx::read_transaction tx(*conn);
    const auto snap = store::snapshot_at_or_before(tx, src.id, as_of);
    if (!snap) {
        throw error(fmt::format("source '{}' has no snapshot{}", src.id,
                                as_of ? " at or before " + options.as_of : std::string()));
    }
    const auto entries = entries_by_rank(tx, *snap, resolver, options.top);
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
            format_utc(snap->observed_at), snap->row_count,
            options.top && options.top < snap->row_count ? fmt::format(", top {}", options.top)
                                                         : "");
    }
    print_table(t, options.format, env.out);
    env.out.flush();
    return 0;
}

int movers_command(const movers_options& options, environment& env) {
    const auto cfg = load_config(options.config);
    const ingest::model_resolver resolver(registry_for(options.config, options.models));
    const auto now = env.now();
    const auto since = parse_when(options.since, now);
    auto db = choose_database();
    auto conn = open_database(db);
    pqxx::read_transaction tx(*conn);

    struct move {
        std::string source;
        std::string name;
        std::string variant;
        int from = 0;
        int to = 0;
        std::string from_date;
        std::string to_date;
    };
    std::vector<move> moves;
    std::vector<std::string> skipped;
    for (const auto* src : cfg.select(options.sources)) {
        const auto latest = store::snapshot_at_or_before(tx, src->id);
        // The board as it stood at `since`; a board younger than that is compared from its first
        // snapshot, so a new board's models are not all "new" but moves since it began.
        auto base = store::snapshot_at_or_before(tx, src->id, since);
        if (!base) {
            base = store::first_snapshot_after(tx, src->id, since);
        }
        if (!latest || !base || base->id == latest->id) {
            skipped.push_back(src->id);
            continue;
        }
        const auto before = entries_for_diff(tx, *base, resolver);
        const auto after = entries_for_diff(tx, *latest, resolver);
        std::map<std::pair<std::string, std::string>, int> old_rank;
        for (const auto& e : before) {
            if (e.rank) {
                old_rank.emplace(std::pair(e.model_key, e.variant), *e.rank);
            }
        }
        for (const auto& e : after) {
            const auto it = old_rank.find({e.model_key, e.variant});
            if (e.rank && it != old_rank.end() && it->second != *e.rank) {
                moves.push_back({src->id, e.raw_name, e.variant, it->second, *e.rank,
                                 date_of(base->observed_at), date_of(latest->observed_at)});
            }
        }
    }
    // Largest moves first, either way; then the better new rank, then the name, for a stable
    // order.
    std::ranges::sort(moves, [](const move& a, const move& b) {
        const int da = std::abs(a.from - a.to);
        const int db = std::abs(b.from - b.to);
        if (da != db) {
            return da > db;
        }
        if (a.to != b.to) {
            return a.to < b.to;
        }
        return std::tie(a.name, a.source) < std::tie(b.name, b.source);
    });
    output_table t{{"model", "variant", "source", "from", "to", "change", "since", "until"},
                   {false, false, false, true, true, true, false, false},
                   {}};
    for (const auto& m : moves) {
        if (t.rows.size() >= options.top) {
            break;
        }
        t.rows.push_back({m.name, m.variant, m.source, std::to_string(m.from), std::to_string(m.to),
                          std::to_string(m.from - m.to), m.from_date, m.to_date});
    }
    if (options.format == "text" || options.format == "md") {
        env.out << fmt::format("{}Largest rank moves since {} ({} of {}{})\n\n",
                               options.format == "md" ? "## " : "", format_utc(since),
                               t.rows.size(), moves.size(),
                               skipped.empty() ? ""
                                               : fmt::format("; no earlier snapshot to compare on "
                                                             "{} board(s)",
                                                             skipped.size()));
    }
    print_table(t, options.format, env.out);
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
