#include "lbtrack/store/connection.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

namespace lbtrack::store {

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
    try {
        auto conn = std::make_unique<pqxx::connection>(conninfo);
        // Snapshots are stored and compared in UTC whatever the server's setting.
        conn->set_variable("TimeZone", "'UTC'");
        // lbtrack's reads are short and indexed, but a planner estimate can still pass
        // jit_above_cost (100 rows per jsonb function call, say), and compiling then took 10-30
        // ms of a 25 ms query on a 10,000-row board (docs/benchmarks.md).
        conn->set_variable("jit", "off");
        return conn;
    } catch (const pqxx::broken_connection& e) {
        throw database_unavailable(fmt::format("cannot connect to PostgreSQL: {}", e.what()));
    }
}

} // namespace lbtrack::store
