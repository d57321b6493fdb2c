#include "commands.hpp"
#include "output/report_output.hpp"
#include "output/report_series.hpp"
#include "pipeline/ingest_pipeline.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/diff/render.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>

#include <ostream>

namespace lbtrack::app {

int diff_command(const diff_options& options, environment& env) {
    const auto cfg = settings::load_config(options.files.config);
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    const auto& src = cfg.find(options.source);
    const auto now = env.now();
    std::optional<time_point> to_when;
    if (!options.to.empty()) {
        to_when = parse_when(options.to, now);
    }
    std::optional<time_point> from_when;
    if (!options.from.empty()) {
        from_when = parse_when(options.from, now);
    }
    // A reversed pair would print every change backwards under a heading that reads forwards.
    if (from_when && to_when && *from_when > *to_when) {
        throw usage_error(
            fmt::format("diff: --from {} is later than --to {}", options.from, options.to));
    }

    auto conn = env.database.open();
    pqxx::read_transaction tx(*conn);
    const auto to = snapshot_as_of(tx, src.id, to_when, options.to);
    const auto from = from_when ? store::snapshot_at_or_before(tx, src.id, from_when)
                                : store::snapshot_before(tx, src.id, to.observed_at);
    if (from_when && !from) {
        throw error(
            fmt::format("source '{}' has no snapshot at or before {}", src.id, options.from));
    }
    diff::board_snapshots board;
    board.context.source_id = src.id;
    board.context.source_title = src.title;
    board.context.to = to.observed_at;
    board.context.to_rows = to.row_count;
    if (from) {
        board.context.from = from->observed_at;
        board.context.from_rows = from->row_count;
        board.before = entries_for_diff(tx, *from, resolver);
    }
    board.after = entries_for_diff(tx, to, resolver);
    // Dated by its newer snapshot, not by the clock: the same two snapshots give the same report.
    auto report =
        diff::build_report({board}, diff::section_options(options.digest), board.context.to);
    add_chart_series(tx, report);
    env.out << diff::render(diff::digest(report, options.digest), options.format,
                            {use_color(env.out_is_terminal)});
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
