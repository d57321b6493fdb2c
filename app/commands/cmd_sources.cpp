#include "commands.hpp"

#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/deploy/database.hpp"
#include "lbtrack/settings/config.hpp"

#include <fmt/format.h>

#include <ostream>

namespace lbtrack::app {

int sources_command(const std::filesystem::path& config_file, environment& env) {
    const auto cfg = settings::load_config(config_file);
    auto db = deploy::choose_database();
    auto conn = deploy::open_database(db);
    pqxx::read_transaction tx(*conn);
    env.out << fmt::format("{:<24} {:<6} {:<22} {:<10} {:>7} {:>9}  {}\n", "SOURCE", "FORMAT",
                           "LAST FETCH (UTC)", "STATUS", "ROWS", "SNAPSHOTS", "URL");
    for (const auto& src : cfg.sources) {
        const auto last = tx.exec_params(
            "SELECT to_char(f.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), f.status "
            "FROM fetch_log f WHERE f.source_id = $1 ORDER BY f.started_at DESC, f.id DESC LIMIT 1",
            src.id);
        const auto snaps =
            tx.exec_params1("SELECT count(*), (SELECT row_count FROM snapshot WHERE source_id = $1 "
                            "ORDER BY observed_at DESC LIMIT 1) FROM snapshot WHERE source_id = $1",
                            src.id);
        env.out << fmt::format(
            "{:<24} {:<6} {:<22} {:<10} {:>7} {:>9}  {}\n", printable_text(src.id), src.format,
            last.empty() ? "never" : last[0][0].c_str(), last.empty() ? "-" : last[0][1].c_str(),
            snaps[1].is_null() ? "-" : snaps[1].c_str(), snaps[0].c_str(), printable_text(src.url));
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
