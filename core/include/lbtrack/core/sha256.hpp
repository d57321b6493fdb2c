#pragma once
// Content hashes: payloads are stored under theirs (store/), and a git LFS object is checked
// against the one its pointer names (ingest/) — one function, so both say the same.

#include <string>
#include <string_view>

namespace lbtrack {

/// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

} // namespace lbtrack
