#pragma once
// Content hashes: payloads are stored under theirs (store/), and a git LFS object is checked
// against the one its pointer names (ingest/) — one function, so both say the same.

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX

namespace lbtrack {

/// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

/// SHA-256 of bytes given piece by piece: the digest of their concatenation, without holding it
/// (a board's digest text is as large as its payload).
class sha256_hasher {
public:
    sha256_hasher();
    void update(std::string_view bytes);
    /// Lowercase hex digest of everything given; the hasher is spent.
    std::string hex_digest();

private:
    struct context_deleter {
        void operator()(evp_md_ctx_st* ctx) const noexcept;
    };
    std::unique_ptr<evp_md_ctx_st, context_deleter> ctx_;
};

} // namespace lbtrack
