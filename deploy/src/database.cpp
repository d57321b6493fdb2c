#include "lbtrack/deploy/database.hpp"

#include "lbtrack/core/environment.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/deploy/conninfo.hpp"
#include "lbtrack/store/connection.hpp"
#include "lbtrack/store/migrations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

namespace lbtrack::deploy {

namespace {

/// store::connect with the password kept out of its error: libpq quotes the parts of a
/// connection string it cannot read, a malformed password among them.
std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
    try {
        return store::connect(conninfo);
    } catch (const database_unavailable& e) {
        throw database_unavailable(deploy::mask_password(e.what(), conninfo));
    }
}

} // namespace

database_choice choose_database() {
    if (const char* url = getenv_nonempty("DATABASE_URL")) {
        return {url, fmt::format("DATABASE_URL ({})", deploy::mask_password(url, url)),
                std::nullopt};
    }
    for (const char* name :
         {"PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"}) {
        if (getenv_nonempty(name) != nullptr) {
            return {"", fmt::format("libpq PG* variables ({}={} ...)", name, getenv_nonempty(name)),
                    std::nullopt};
        }
    }
    deploy::cluster_options options;
    options.data_dir = deploy::embedded_cluster::default_data_dir();
    deploy::embedded_cluster cluster(options);
    database_choice choice{
        cluster.connection_string(),
        fmt::format("embedded PostgreSQL cluster in {}", options.data_dir.string()),
        std::move(cluster)};
    return choice;
}

std::unique_ptr<pqxx::connection> open_database(database_choice& choice) {
    std::unique_ptr<pqxx::connection> conn;
    if (choice.embedded) {
        // Connecting first answers "running, with its database" in one round trip; checking
        // with pg_ctl status and the maintenance database took a fork and a second connection
        // (~7 ms) on every command. Only when that fails is the cluster started or created.
        try {
            conn = connect(choice.conninfo);
        } catch (const database_unavailable& e) {
            spdlog::debug("embedded cluster not reachable yet ({}): starting it", e.what());
            choice.embedded->ensure_started();
        }
    }
    if (!conn) {
        conn = connect(choice.conninfo);
    }
    spdlog::debug("using {}", choice.description);
    try {
        store::migrate(*conn);
    } catch (const pqxx::broken_connection& e) {
        throw database_unavailable(fmt::format("lost the database while migrating: {}", e.what()));
    }
    return conn;
}

database_choice& database::choice() {
    if (!choice_) {
        choice_ = choose_database();
    }
    return *choice_;
}

} // namespace lbtrack::deploy
