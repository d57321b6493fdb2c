#include "unicode_fold.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace lbtrack::ingest {

namespace {

/// utf8proc_map allocates its result with malloc; the caller must free() it.
struct free_deleter {
    void operator()(utf8proc_uint8_t* p) const noexcept { std::free(p); }
};
using utf8proc_buffer = std::unique_ptr<utf8proc_uint8_t, free_deleter>;

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ascii_lowered(std::string_view s) {
    std::string lowered(s);
    for (char& c : lowered) {
        c = ascii_lower(c);
    }
    return lowered;
}

} // namespace

std::string fold_nfkc_casefold(std::string_view raw) {
    // Most names are ASCII, whose NFKC form is itself and whose case fold is plain lowercasing:
    // skipping utf8proc for them makes keys several times cheaper on large boards.
    if (std::ranges::all_of(raw, [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        return ascii_lowered(raw);
    }
    utf8proc_uint8_t* mapped = nullptr;
    // The length is passed rather than UTF8PROC_NULLTERM: a string_view need not be
    // NUL-terminated, and an embedded NUL must not silently cut the name short.
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(raw.data()),
                     static_cast<utf8proc_ssize_t>(raw.size()), &mapped,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD));
    const utf8proc_buffer owned(mapped);
    if (length >= 0 && owned) {
        return std::string(reinterpret_cast<const char*>(owned.get()),
                           static_cast<std::size_t>(length));
    }
    return ascii_lowered(raw);
}

} // namespace lbtrack::ingest
