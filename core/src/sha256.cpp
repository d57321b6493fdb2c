#include "lbtrack/core/sha256.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

namespace lbtrack {

std::string sha256_hex(std::string_view bytes) {
    sha256_hasher hasher;
    hasher.update(bytes);
    return hasher.hex_digest();
}

void sha256_hasher::context_deleter::operator()(EVP_MD_CTX* ctx) const noexcept {
    EVP_MD_CTX_free(ctx);
}

sha256_hasher::sha256_hasher() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
        throw error("SHA-256 digest failed");
    }
}

void sha256_hasher::update(std::string_view bytes) {
    if (EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1) {
        throw error("SHA-256 digest failed");
    }
}

std::string sha256_hasher::hex_digest() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), digest.data(), &len) != 1) {
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
