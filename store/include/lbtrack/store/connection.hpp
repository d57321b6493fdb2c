#pragma once

#include <pqxx/pqxx>

#include <memory>
#include <string>

namespace lbtrack::store {

/// Opens a connection; an empty string means libpq's defaults (PG* variables). Throws
/// lbtrack::database_unavailable, with libpq's reason, when the server cannot be reached.
std::unique_ptr<pqxx::connection> connect(const std::string& conninfo);

} // namespace lbtrack::store
