#include "lbtrack/core/file_bytes.hpp"

#include <fstream>
#include <sstream>

namespace lbtrack {

std::optional<std::string> read_file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

} // namespace lbtrack
