#pragma once
// Which PostgreSQL lbtrack uses: DATABASE_URL, else libpq's PG* variables, else the embedded
// private cluster under the data directory (started on demand, left running for the next run;
// `lbtrack db stop` stops it).

#include <pqxx/pqxx>

#include "lbtrack/deploy/embedded_cluster.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>

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

/// The database of one process, chosen once: the composition makes one and hands it to every
/// command, so no command chooses. Chosen when first needed, so a command that needs no database
/// neither reads the variables nor touches the embedded cluster.
class database {
public:
    /// Chosen from the environment (choose_database) on first use.
    database() = default;
    /// This one, e.g. a test's database.
    explicit database(database_choice choice) : choice_(std::move(choice)) {}

    /// Which database: `db migrate|status|stop` manage it and name it.
    database_choice& choice();
    /// A connection with every migration applied (open_database).
    std::unique_ptr<pqxx::connection> open() { return open_database(choice()); }

private:
    std::optional<database_choice> choice_;
};

} // namespace lbtrack::deploy
