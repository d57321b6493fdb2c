#include "commands.hpp"

#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/store/overview.hpp"

#include <fmt/format.h>

#include <ostream>
#include <string>

namespace lbtrack::app {

int sources_command(const std::filesystem::path& config_file, environment& env) {
    const auto cfg = settings::load_config(config_file);
    auto conn = env.database.open();
    pqxx::read_transaction tx(*conn);
    env.out << fmt::format("{:<24} {:<6} {:<22} {:<10} {:>7} {:>9}  {}\n", "SOURCE", "FORMAT",
                           "LAST FETCH (UTC)", "STATUS", "ROWS", "SNAPSHOTS", "URL");
    for (const auto& src : cfg.sources) {
        const auto last = store::latest_fetch(tx, src.id);
        const auto snapshots = store::snapshots_of(tx, src.id);
        env.out << fmt::format(
            "{:<24} {:<6} {:<22} {:<10} {:>7} {:>9}  {}\n", printable_text(src.id), src.format,
            last ? last->started_at : "never", last ? last->status : "-",
            snapshots.latest_row_count ? std::to_string(*snapshots.latest_row_count) : "-",
            snapshots.count, printable_text(src.url));
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
