#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <string>

namespace lbtrack::store {

/// Opens a connection; an empty string means libpq's defaults (PG* variables). Throws
/// lbtrack::database_unavailable, with libpq's reason, when the server cannot be reached.
std::unique_ptr<pqxx::connection> connect(const std::string& conninfo);

/// Returns once every transaction this session committed is durable, whatever its
/// synchronous_commit: one commit that writes WAL and waits for its flush, which flushes the WAL
/// of every earlier commit with it (the WAL is written in order).
void wait_for_durable_commits(pqxx::connection_base& conn);

} // namespace lbtrack::store
