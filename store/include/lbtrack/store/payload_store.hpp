#pragma once
// Raw payloads, content-addressed by SHA-256 and kept zstd-compressed.

#include <pqxx/pqxx>

#include <string>
#include <string_view>

namespace lbtrack::store {

/// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

/// Stores the payload unless a payload with that hash is already there. Returns true when
/// it wrote a new row.
bool put_payload(pqxx::transaction_base& tx, const std::string& sha256, std::string_view bytes);

/// The stored payload's original bytes; throws lbtrack::error when missing or corrupt.
std::string get_payload(pqxx::transaction_base& tx, const std::string& sha256);

} // namespace lbtrack::store
