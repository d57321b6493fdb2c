#include "lbtrack/core/sha256.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

namespace lbtrack {

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &len, EVP_sha256(), nullptr) != 1) {
        throw error("SHA-256 digest failed");
    }
    std::string hex;
    hex.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        hex += fmt::format("{:02x}", digest[i]);
    }
    return hex;
}

} // namespace lbtrack
