#pragma once
// Which PostgreSQL lbtrack uses: DATABASE_URL, else libpq's PG* variables, else the embedded
// private cluster under the data directory (started on demand, left running for the next run;
// `lbtrack db stop` stops it).

#include <pqxx/pqxx>

#include "lbtrack/deploy/embedded_cluster.hpp"

#include <memory>
#include <optional>
#include <string>

namespace lbtrack::deploy {

struct database_choice {
    std::string conninfo;    ///< empty: libpq reads the PG* variables itself
    std::string description; ///< for `db status` and logs; never contains a password
    std::optional<deploy::embedded_cluster> embedded;
};

/// Reads the environment; starts nothing.
database_choice choose_database();

/// Starts the embedded cluster when that is the choice, connects, and applies pending
/// migrations. Throws lbtrack::database_unavailable when nothing can be reached.
std::unique_ptr<pqxx::connection> open_database(database_choice& choice);

} // namespace lbtrack::deploy
