#include "atom_feed.hpp"

#include "page_html.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace lbtrack::serve {

namespace {

// lbtrack's UUID namespace for feed ids: a random version-4 UUID drawn once; never change it, or
// every reader sees every entry again.
constexpr std::array<unsigned char, 16> id_namespace = {
    0x6f, 0x1c, 0x2e, 0x8a, 0x4b, 0x53, 0x4d, 0x0e, 0x9a, 0x71, 0x3c, 0x25, 0xd8, 0x0b, 0x5e, 0x47};

} // namespace

std::string stable_id(std::string_view name) {
    std::string input(reinterpret_cast<const char*>(id_namespace.data()), id_namespace.size());
    input.append(name);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha1(), nullptr) != 1) {
        throw std::runtime_error("SHA-1 failed");
    }
    digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50); // version 5
    digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80); // RFC 4122 variant
    std::string hex;
    for (std::size_t i = 0; i < 16; ++i) {
        hex += fmt::format("{}{:02x}", i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "", digest[i]);
    }
    return "urn:uuid:" + hex;
}

std::string atom_xml(const atom_document& feed) {
    const auto updated = feed.entries.empty() ? feed.empty_updated : feed.entries.front().updated;
    std::string out =
        fmt::format("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                    "<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n"
                    "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n"
                    "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n"
                    "<author><name>lbtrack</name></author>\n<generator>lbtrack</generator>\n",
                    esc(feed.id), esc(feed.title), format_rfc3339(updated), esc(feed.self),
                    esc(feed.alternate));
    for (const auto& e : feed.entries) {
        out += fmt::format("<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n"
                           "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n"
                           "<content type=\"html\">{}</content>\n</entry>\n",
                           esc(e.id), esc(e.title), format_rfc3339(e.updated), esc(e.link),
                           esc(e.content_html));
    }
    return out + "</feed>\n";
}

} // namespace lbtrack::serve
