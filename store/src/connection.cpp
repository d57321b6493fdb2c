#include "lbtrack/store/connection.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

namespace lbtrack::store {

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
    try {
        auto conn = std::make_unique<pqxx::connection>(conninfo);
        // Snapshots are stored and compared in UTC whatever the server's setting.
        conn->set_variable("TimeZone", "'UTC'");
        return conn;
    } catch (const pqxx::broken_connection& e) {
        throw database_unavailable(fmt::format("cannot connect to PostgreSQL: {}", e.what()));
    }
}

} // namespace lbtrack::store
