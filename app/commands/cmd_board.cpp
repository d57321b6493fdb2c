// `lbtrack board --source ID [--as-of WHEN]` (a board as it stood) and `lbtrack movers [--since
// WHEN]` (the largest rank moves across all boards since then).

#include "commands.hpp"
#include "output/rank_moves.hpp"
#include "output/table_output.hpp"
#include "pipeline/ingest_pipeline.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/diff/standings.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <ostream>

namespace lbtrack::app {

namespace {

/// A cell of `v` as fmt spells a double ("" for none), formatted into the table's buffer.
void number_cell(output_table& t, const std::optional<double>& v) {
    if (v) {
        fmt::format_to(std::back_inserter(t.open_cell()), "{}", *v);
    }
    t.close_cell();
}

/// A row's change since the snapshot compared with: "▲2", "▼1", "=", "new" for a person; the
/// places gained ("2", "-1", "0"; "" when new) for csv and json.
std::string rank_change(const diff::row_standing& s, bool human) {
    if (!s.listed_before) {
        return human ? "new" : "";
    }
    if (!s.rank_before || !s.now->rank) {
        return "";
    }
    const int gained = *s.rank_before - *s.now->rank;
    if (!human) {
        return std::to_string(gained);
    }
    return gained == 0 ? "="
                       : (gained > 0 ? fmt::format("▲{}", gained) : fmt::format("▼{}", -gained));
}

/// The score's change, at the precision both snapshots published it at: "=" (0 for csv and
/// json) when the two are the same value.
std::string score_change(const diff::row_standing& s, bool human) {
    if (!s.score_before || !s.now->score) {
        return "";
    }
    if (!s.score_changed) {
        return human ? "=" : "0";
    }
    auto text = diff::score_change_text(s, s.now->score);
    if (!human && text.starts_with('+')) {
        text.erase(0, 1); // a JSON number has no plus sign
    }
    return text;
}

/// The board's metric names in the order its rows first give them.
std::vector<std::string> metric_names(const std::vector<diff::row_standing>& rows) {
    std::vector<std::string> names;
    for (const auto& s : rows) {
        for (const auto& m : s.now->metrics) {
            if (std::find(names.begin(), names.end(), m.name) == names.end()) {
                names.push_back(m.name);
            }
        }
    }
    return names;
}

} // namespace

int board_command(const board_options& options, environment& env) {
    const auto cfg = settings::load_config(options.files.config);
    const auto& src = cfg.find(options.source);
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    const auto now = env.now();
    std::optional<time_point> as_of;
    if (!options.as_of.empty()) {
        as_of = parse_when(options.as_of, now);
    }
    auto conn = env.database.open();
    pqxx::read_transaction tx(*conn);
    const auto snap = store::snapshot_at_or_before(tx, src.id, as_of);
    if (!snap) {
        throw error(fmt::format("source '{}' has no snapshot{}", src.id,
                                as_of ? " at or before " + options.as_of : std::string()));
    }
    // The Δ columns compare with the snapshot before this one, or the one in force at --since.
    const auto base =
        options.since.empty()
            ? store::snapshot_before(tx, src.id, snap->observed_at)
            : store::snapshot_at_or_before(tx, src.id, parse_when(options.since, now));
    // With --top, only the top rows and the same models' rows of the earlier snapshot are read
    // (a 10,000-row board is 30 ms a snapshot); the precision their scores are compared at is
    // then inferred from those rows.
    // Metrics are read only to be shown: the earlier snapshot gives ranks and scores alone.
    const auto metrics_read = options.metrics ? store::with_metrics::yes : store::with_metrics::no;
    // The rows are kept by one of these while `rows` points at them.
    store::entries_against matched;
    std::vector<diff::standing> standings;
    std::vector<diff::row_standing> rows;
    if (base && options.top <= 0 && snap->identity_version == resolver.version_tag() &&
        base->identity_version == resolver.version_tag()) {
        // Both stored under today's identity: the rows are matched by stored model, and of the
        // earlier snapshot only rank and score are read (issue 19).
        matched = store::load_entries_against(tx, snap->id, base->id, metrics_read);
        rows = diff::standings(
            matched.entries,
            diff::matched_before{std::move(matched.before), std::move(matched.earlier_scores)},
            options.top);
    } else {
        auto after = entries_by_rank(tx, *snap, resolver, options.top, metrics_read);
        std::vector<entry> before;
        if (base) {
            before = options.top > 0
                         ? entries_of_models(tx, *base, resolver, after)
                         : entries_for_diff(tx, *base, resolver, store::with_metrics::no);
        }
        standings = diff::standings(base ? &before : nullptr, std::move(after), options.top);
        rows.reserve(standings.size());
        for (const auto& s : standings) {
            rows.push_back({s, &s.now});
        }
    }
    const bool human = for_reader(options.format);
    const auto metrics = options.metrics ? metric_names(rows) : std::vector<std::string>{};

    output_table t;
    const auto column = [&](std::string name, bool numeric) {
        t.columns.push_back(std::move(name));
        t.numeric.push_back(numeric);
    };
    column("rank", true);
    // ASCII names where a program reads the columns.
    if (base) {
        column(human ? "Δrank" : "rank_change", !human);
    }
    column("model", false);
    column("variant", false);
    column("score", true);
    if (base) {
        column(human ? "Δscore" : "score_change", !human);
    }
    column("ci", false);
    column("votes", true);
    if (options.license) {
        column("license", false);
    }
    for (const auto& m : metrics) {
        column(m, false);
    }
    column("organization", false);
    column("key", false);
    for (const auto& s : rows) {
        const auto& e = *s.now;
        t.add(e.rank ? std::to_string(*e.rank) : "");
        if (base) {
            t.add(rank_change(s, human));
        }
        t.add_row({e.raw_name, e.variant});
        number_cell(t, e.score);
        if (base) {
            t.add(score_change(s, human));
        }
        if (e.ci_plus) {
            fmt::format_to(std::back_inserter(t.open_cell()), "+{}/-{}", *e.ci_plus,
                           e.ci_minus.value_or(0));
            t.close_cell();
        } else {
            t.add("");
        }
        t.add(e.votes ? std::to_string(*e.votes) : "");
        if (options.license) {
            t.add(e.license);
        }
        for (const auto& name : metrics) {
            const auto m = std::find_if(e.metrics.begin(), e.metrics.end(),
                                        [&](const metric& x) { return x.name == name; });
            if (m != e.metrics.end()) {
                fmt::format_to(std::back_inserter(t.open_cell()), "{}{}", m->value, m->unit);
            }
            t.close_cell();
        }
        t.add_row({e.organization, e.model_key});
    }
    if (human) {
        // "as of 2025-01-01: snapshot of 2024-12-31" when asked for a time: what was asked and
        // what was found, so a board that did not change that day is not mistaken for a wrong date.
        const auto when =
            as_of ? fmt::format("{}: snapshot of {}", options.as_of, format_utc(snap->observed_at))
                  : format_utc(snap->observed_at);
        env.out << fmt::format(
            "{}{} — as of {} ({} rows{}){}\n\n", options.format == output_format::md ? "## " : "",
            src.title, when, snap->row_count,
            options.top > 0 && rows.size() < snap->row_count ? fmt::format(", top {}", options.top)
                                                             : "",
            base ? fmt::format("; Δ against {}", format_utc(base->observed_at)) : "");
    }
    print_table(t, options.format, env.out);
    env.out.flush();
    return 0;
}

int movers_command(const movers_options& options, environment& env) {
    const auto cfg = settings::load_config(options.files.config);
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    const auto now = env.now();
    const auto since = parse_when(options.since, now);
    auto conn = env.database.open();
    pqxx::read_transaction tx(*conn);
    const auto moves = largest_rank_moves(tx, cfg.select(options.sources), since, resolver,
                                          options.max_rows > 0 ? options.max_rows
                                                               : std::numeric_limits<int>::max());
    output_table t{{"model", "variant", "source", "from", "to", "change", "since", "until"},
                   {false, false, false, true, true, true, false, false}};
    for (const auto& m : moves.largest) {
        t.add_row({m.name, m.variant, m.source, std::to_string(m.from), std::to_string(m.to),
                   std::to_string(m.from - m.to), m.from_date, m.to_date});
    }
    if (for_reader(options.format)) {
        env.out << fmt::format("{}Largest rank moves since {} ({} of {}{})\n\n",
                               options.format == output_format::md ? "## " : "", format_utc(since),
                               t.row_count(), moves.total,
                               moves.skipped.empty()
                                   ? ""
                                   : fmt::format("; no earlier snapshot to compare on {} board(s)",
                                                 moves.skipped.size()));
    }
    print_table(t, options.format, env.out);
    if (moves.total == 0 && for_reader(options.format)) {
        // Nothing moved: say what was compared, so an empty table is not a silent mystery.
        env.out << "\nNothing moved. Compared:\n";
        for (const auto& line : moves.compared) {
            env.out << fmt::format("{} {}\n", options.format == output_format::md ? "-" : " ",
                                   printable_text(line));
        }
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
