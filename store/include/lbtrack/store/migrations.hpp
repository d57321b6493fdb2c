#pragma once
// Numbered SQL migrations (store/migrations/NNNN_name.sql, compiled in). Each is applied once,
// in its own transaction, and recorded in schema_migration.

#include <pqxx/pqxx>

#include <string_view>
#include <vector>

namespace lbtrack::store {

struct migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

/// All migrations known to this binary, by version.
const std::vector<migration>& known_migrations();

/// Applies the migrations not yet recorded; returns how many were applied. Concurrent callers
/// are serialized by an advisory transaction lock. Throws lbtrack::error when the database has
/// a migration newer than this binary knows (an older lbtrack must not write to it).
int migrate(pqxx::connection_base& conn);

/// Highest applied version, 0 for an empty database.
int schema_version(pqxx::connection_base& conn);

namespace detail {
const std::vector<migration>& embedded_migrations();
}

} // namespace lbtrack::store
