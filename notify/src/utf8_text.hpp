#pragma once
// UTF-8 helpers for the sinks: chat services count characters (code points), and a body or a
// header must never be cut inside a multi-byte sequence. Private to lbtrack_diff.

#include <cstddef>
#include <string>
#include <string_view>

namespace lbtrack::notify::detail {

/// `text` with every invalid UTF-8 sequence (stray continuation byte, overlong form, surrogate,
/// beyond U+10FFFF, cut short) replaced by U+FFFD, so JSON and MIME bodies that declare UTF-8
/// are.
std::string valid_utf8(std::string_view text);

/// Number of code points in valid UTF-8 `text`.
std::size_t code_points(std::string_view text);

/// Byte length of the code point starting at text[at] in valid UTF-8 (1 past a stray byte).
std::size_t code_point_size(std::string_view text, std::size_t at);

/// The longest prefix of valid UTF-8 `text` with at most `count` code points.
std::string_view first_code_points(std::string_view text, std::size_t count);

} // namespace lbtrack::notify::detail
