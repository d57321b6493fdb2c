#include "lbtrack/store/migrations.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace lbtrack::store {

namespace {
// Arbitrary constant shared by every lbtrack binary: "lbtk" + 1, distinct from the run lock.
constexpr long long migration_lock_key = 0x6c62746b0001;

void ensure_migration_table(pqxx::transaction_base& tx) {
    tx.exec0("CREATE TABLE IF NOT EXISTS schema_migration ("
             " version integer PRIMARY KEY,"
             " name text NOT NULL,"
             " applied_at timestamptz NOT NULL DEFAULT now())");
}

/// The versions recorded in schema_migration; empty when the table does not exist yet. One
/// statement outside a transaction: every command asks this before it works, and a read
/// transaction with to_regclass first took four round trips (BEGIN, two queries, ROLLBACK).
std::vector<int> recorded_versions(pqxx::connection_base& conn) {
    std::vector<int> out;
    try {
        pqxx::nontransaction tx(conn);
        for (const auto& row : tx.exec("SELECT version FROM schema_migration ORDER BY version")) {
            out.push_back(row[0].as<int>());
        }
    } catch (const pqxx::undefined_table&) {
        return {};
    }
    return out;
}

} // namespace

const std::vector<migration>& known_migrations() {
    return detail::embedded_migrations();
}

int schema_version(pqxx::connection_base& conn) {
    const auto versions = recorded_versions(conn);
    return versions.empty() ? 0 : versions.back();
}

int migrate(pqxx::connection_base& conn) {
    // Every command migrates before it works; once the schema is current, one read transaction
    // says so (the loop below takes a lock and three statements per known migration).
    const auto recorded = recorded_versions(conn);
    const bool all_recorded =
        std::all_of(known_migrations().begin(), known_migrations().end(), [&](const auto& m) {
            return std::binary_search(recorded.begin(), recorded.end(), m.version);
        });
    const int newest_known = known_migrations().empty() ? 0 : known_migrations().back().version;
    if (all_recorded && !recorded.empty() && recorded.back() <= newest_known) {
        return 0;
    }
    int applied = 0;
    for (const auto& m : known_migrations()) {
        pqxx::work tx(conn);
        tx.exec_params("SELECT pg_advisory_xact_lock($1)", migration_lock_key);
        ensure_migration_table(tx);
        if (!tx.exec_params("SELECT 1 FROM schema_migration WHERE version = $1", m.version)
                 .empty()) {
            continue; // rolled back by the destructor: nothing was written
        }
        spdlog::info("applying migration {:04} {}", m.version, m.name);
        tx.exec0(std::string(m.sql));
        tx.exec_params0("INSERT INTO schema_migration (version, name) VALUES ($1, $2)", m.version,
                        std::string(m.name));
        tx.commit();
        ++applied;
    }
    const int in_db = schema_version(conn);
    if (in_db > newest_known) {
        throw error(fmt::format("the database has schema version {}, newer than this lbtrack "
                                "knows ({}): upgrade lbtrack",
                                in_db, newest_known));
    }
    return applied;
}

} // namespace lbtrack::store
