#include "utf8_text.hpp"

namespace lbtrack::notify::detail {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

bool continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

/// Length of the valid sequence at text[at], or 0 when it is not one (RFC 3629 table 3).
std::size_t valid_sequence(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
        return 1;
    }
    std::size_t size = 0;
    unsigned char low = 0x80;  // bounds of the second byte, narrowed for the lead bytes that
    unsigned char high = 0xBF; // would otherwise allow overlongs, surrogates or > U+10FFFF
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (text.size() - at < size || byte(1) < low || byte(1) > high) {
        return 0;
    }
    for (std::size_t i = 2; i < size; ++i) {
        if (!continuation(byte(i))) {
            return 0;
        }
    }
    return size;
}

} // namespace

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t size = valid_sequence(text, at);
        if (size == 0) {
            out += replacement;
            ++at;
            continue;
        }
        out.append(text, at, size);
        at += size;
    }
    return out;
}

std::size_t code_point_size(std::string_view text, std::size_t at) {
    std::size_t size = 1;
    while (at + size < text.size() && continuation(static_cast<unsigned char>(text[at + size]))) {
        ++size;
    }
    return size;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += continuation(static_cast<unsigned char>(c)) ? 0 : 1;
    }
    return count;
}

std::string_view first_code_points(std::string_view text, std::size_t count) {
    std::size_t at = 0;
    for (std::size_t n = 0; n < count && at < text.size(); ++n) {
        at += code_point_size(text, at);
    }
    return text.substr(0, at);
}

} // namespace lbtrack::notify::detail
