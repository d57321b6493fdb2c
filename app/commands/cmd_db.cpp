#include "commands.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/store/connection.hpp"
#include "lbtrack/store/migrations.hpp"
#include "lbtrack/store/overview.hpp"

#include <fmt/format.h>

#include <ostream>

namespace lbtrack::app {

namespace {

int migrate(environment& env) {
    auto& db = env.database.choice();
    if (db.embedded) {
        db.embedded->ensure_started();
    }
    auto conn = store::connect(db.conninfo);
    const int applied = store::migrate(*conn);
    env.out << fmt::format("{}: applied {} migration(s); schema version {}\n", db.description,
                           applied, store::schema_version(*conn));
    return 0;
}

int status(environment& env) {
    auto& db = env.database.choice();
    env.out << fmt::format("database: {}\n", db.description);
    if (db.embedded) {
        const bool running = db.embedded->is_running();
        env.out << fmt::format("embedded cluster: {}\n", running ? "running" : "stopped");
        if (!running) {
            env.out << "  (started on demand by any command that needs it; `lbtrack db migrate` "
                       "starts it now)\n";
            return 0;
        }
    }
    auto conn = store::connect(db.conninfo);
    pqxx::read_transaction tx(*conn);
    env.out << fmt::format("server: {}\n", store::server_version(tx));
    tx.commit();
    const int version = store::schema_version(*conn);
    const int known = store::known_migrations().back().version;
    env.out << fmt::format("schema version: {} (this lbtrack knows {}{})\n", version, known,
                           version < known ? "; `lbtrack db migrate` applies the rest" : "");
    if (version > 0) {
        pqxx::read_transaction counts(*conn);
        const auto n = store::count_rows(counts);
        env.out << fmt::format("sources {}, snapshots {}, entries {}, models {}, payloads {}\n",
                               n.sources, n.snapshots, n.entries, n.models, n.payloads);
    }
    return 0;
}

int stop(environment& env) {
    auto& db = env.database.choice();
    if (!db.embedded) {
        throw usage_error(fmt::format("`db stop` stops the embedded cluster only; this "
                                      "environment uses {}",
                                      db.description));
    }
    const bool was_running = db.embedded->is_running();
    db.embedded->stop();
    env.out << fmt::format("{}: {}\n", db.description, was_running ? "stopped" : "was not running");
    return 0;
}

} // namespace

int db_command(const std::string& action, environment& env) {
    if (action == "migrate") {
        return migrate(env);
    }
    if (action == "status") {
        return status(env);
    }
    if (action == "stop") {
        return stop(env);
    }
    throw usage_error(fmt::format("unknown db action '{}' (known: migrate, status, stop)", action));
}

} // namespace lbtrack::app
