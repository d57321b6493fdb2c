#pragma once
// Raw payloads, content-addressed by SHA-256 and kept zstd-compressed.

#include <pqxx/pqxx>

#include <string>
#include <string_view>

namespace lbtrack::store {

/// A payload ready to store: its hash and its zstd form, made without the database so a replay
/// can compress the next day while this one is written.
struct compressed_payload {
    std::string sha256;   ///< lowercase hex SHA-256 of the original bytes
    std::size_t size = 0; ///< of the original bytes
    std::string zstd;
};

compressed_payload compress_payload(std::string_view bytes);

/// Stores the payload unless a payload with that hash is already there. Returns true when
/// it wrote a new row.
bool put_payload(pqxx::transaction_base& tx, const compressed_payload& payload);
bool put_payload(pqxx::transaction_base& tx, const std::string& sha256, std::string_view bytes);

/// The stored payload's original bytes; throws lbtrack::error when missing or corrupt.
std::string get_payload(pqxx::transaction_base& tx, const std::string& sha256);

} // namespace lbtrack::store
