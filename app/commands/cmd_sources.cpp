#include "commands.hpp"
#include "output/source_health.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/store/overview.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ostream>
#include <string>
#include <vector>

namespace lbtrack::app {

namespace {

/// One line of `lbtrack sources`, as it is printed.
struct source_line {
    std::string id;
    std::string format;
    std::optional<store::last_fetch> last;
    std::optional<long long> rows;
    long long snapshots = 0;
    long long max_age_hours = 0;
    health verdict = health::ok;
    std::string url;
};

void print_json(const std::vector<source_line>& lines, bool healthy, std::ostream& out) {
    auto sources = ordered_json::array();
    for (const auto& l : lines) {
        ordered_json last = nullptr;
        if (l.last) {
            last = {{"started_at",
                     format_rfc3339(time_point(std::chrono::seconds(l.last->started_epoch)))},
                    {"status", store::to_string(l.last->status)}};
        }
        sources.push_back({{"id", l.id},
                           {"format", l.format},
                           {"url", l.url},
                           {"last_fetch", last},
                           {"rows", json_or_null(l.rows)},
                           {"snapshots", l.snapshots},
                           {"max_age_hours", l.max_age_hours > 0 ? ordered_json(l.max_age_hours)
                                                                 : ordered_json(nullptr)},
                           {"health", std::string(health_name(l.verdict))}});
    }
    const ordered_json doc{{"schema_version", 1}, {"healthy", healthy}, {"sources", sources}};
    out << json_dump(doc) << "\n";
}

/// Columns as wide as their widest cell, so a long id or `markdown` never shifts a row.
void print_text(const std::vector<source_line>& lines, std::ostream& out) {
    std::vector<std::array<std::string, 7>> cells;
    cells.push_back(
        {"SOURCE", "FORMAT", "LAST FETCH (UTC)", "STATUS", "ROWS", "SNAPSHOTS", "HEALTH"});
    for (const auto& l : lines) {
        cells.push_back({printable_text(l.id), l.format, l.last ? l.last->started_at : "never",
                         l.last ? store::to_string(l.last->status) : "-",
                         l.rows ? std::to_string(*l.rows) : "-", std::to_string(l.snapshots),
                         std::string(health_name(l.verdict))});
    }
    std::array<std::size_t, 7> width{};
    for (const auto& row : cells) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            width[c] = std::max(width[c], row[c].size());
        }
    }
    for (std::size_t r = 0; r < cells.size(); ++r) {
        const auto& row = cells[r];
        out << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {:>{}}  {:>{}}  {:<{}}  {}\n", row[0],
                           width[0], row[1], width[1], row[2], width[2], row[3], width[3], row[4],
                           width[4], row[5], width[5], row[6], width[6],
                           r == 0 ? "URL" : printable_text(lines[r - 1].url));
    }
}

} // namespace

int sources_command(const sources_options& options, environment& env) {
    const auto cfg = settings::load_config(options.files.config);
    auto conn = env.database.open();
    pqxx::read_transaction tx(*conn);
    const auto now = env.now();
    std::vector<source_line> lines;
    bool healthy = true;
    std::vector<std::string> ids;
    for (const auto& src : cfg.sources) {
        ids.push_back(src.id);
    }
    const auto states = store::states_of(tx, ids);
    for (std::size_t i = 0; i < cfg.sources.size(); ++i) {
        const auto& src = cfg.sources[i];
        // Built in one expression: GCC 12 warns (maybe-uninitialized, a false positive) when the
        // optional is assigned into a default-constructed line.
        const auto& last = states[i].last;
        const auto& snapshots = states[i].snapshots;
        const auto verdict = health_of(src, last, now);
        healthy = healthy && !unhealthy(verdict);
        lines.push_back(source_line{src.id, src.format, last, snapshots.latest_row_count,
                                    snapshots.count, src.max_age.count(), verdict, src.url});
    }
    if (options.format == output_format::json) {
        print_json(lines, healthy, env.out);
    } else {
        print_text(lines, env.out);
    }
    env.out.flush();
    // Exit 1 (README, "Exit codes") so a monitoring check can call `lbtrack sources` as is.
    return healthy ? 0 : static_cast<int>(exit_code::source_failed);
}

} // namespace lbtrack::app
