#pragma once
// Statements a replay sends for every day, prepared once per connection: PostgreSQL parsed and
// planned each of them again for every day (parse and bind were ~1.6 of lmarena-text's ~6 ms a
// day in the server's log, docs/benchmarks.md section 6). Private to lbtrack_store.

#include <pqxx/pqxx>

#include <string>
#include <utility>

namespace lbtrack::store::detail {

/// Runs `sql` as the statement prepared under `name` on the transaction's connection, defining
/// it there first if it is not yet (libpqxx sends the definition with its first use; defining
/// the same name again with the same text does nothing). Each name must always go with the
/// same text.
template <typename... Args>
pqxx::result exec_prepared(pqxx::transaction_base& tx, const std::string& name,
                           const std::string& sql, Args&&... args) {
    tx.conn().prepare(name, sql);
    return tx.exec_prepared(name, std::forward<Args>(args)...);
}

} // namespace lbtrack::store::detail
