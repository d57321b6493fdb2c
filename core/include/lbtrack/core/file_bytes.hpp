#pragma once
// A local file read whole, as bytes: payloads, the model registry, LFS objects.

#include <filesystem>
#include <optional>
#include <string>

namespace lbtrack {

/// The bytes of `path`, std::nullopt when it cannot be opened; each caller says what that means
/// in its own error.
std::optional<std::string> read_file_bytes(const std::filesystem::path& path);

} // namespace lbtrack
