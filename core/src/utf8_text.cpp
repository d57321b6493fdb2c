#include "lbtrack/core/utf8_text.hpp"

#include <utf8proc.h>

#include <array>

namespace lbtrack {

namespace {

bool continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

std::optional<utf8_char> utf8_char_at(std::string_view text, std::size_t at) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t size =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + at,
                         static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
    if (size <= 0) {
        return std::nullopt;
    }
    return utf8_char{static_cast<char32_t>(cp), static_cast<std::size_t>(size)};
}

std::optional<utf8_char> utf8_char_before(std::string_view text, std::size_t end) {
    // A sequence is at most 4 bytes: its lead byte is the first non-continuation byte back.
    std::size_t begin = end;
    while (begin > 0 && end - begin < 4) {
        --begin;
        if (!continuation(text[begin])) {
            break;
        }
    }
    const auto c = begin < end ? utf8_char_at(text.substr(0, end), begin) : std::nullopt;
    return c && begin + c->size == end ? c : std::nullopt;
}

void append_utf8(std::string& out, char32_t code_point) {
    if (!utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(code_point))) {
        out += utf8_replacement;
        return;
    }
    std::array<utf8proc_uint8_t, 4> bytes{};
    const auto size = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), bytes.data());
    out.append(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(size));
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        if (const auto c = utf8_char_at(text, at)) {
            out.append(text, at, c->size);
            at += c->size;
        } else {
            out += utf8_replacement;
            ++at;
        }
    }
    return out;
}

std::size_t code_point_size(std::string_view text, std::size_t at) {
    std::size_t size = 1;
    while (at + size < text.size() && continuation(text[at + size])) {
        ++size;
    }
    return size;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += continuation(c) ? 0 : 1;
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

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return text;
    }
    std::size_t cut = max_bytes;
    while (cut > 0 && continuation(text[cut])) {
        --cut;
    }
    return text.substr(0, cut);
}

} // namespace lbtrack
