#pragma once
// UTF-8, read and written in one place (utf8proc does the decoding): the text of every board,
// report and notification passes through these, and three hand-written decoders that disagreed
// on overlong forms and surrogates were two too many.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lbtrack {

/// U+FFFD REPLACEMENT CHARACTER, in UTF-8: what an invalid sequence or code point becomes.
inline constexpr std::string_view utf8_replacement = "\xEF\xBF\xBD";

/// One UTF-8 character of a text: its code point and how many bytes it takes.
struct utf8_char {
    char32_t code_point = 0;
    std::size_t size = 0;
};

/// The character starting at byte `at` of `text` (at < text.size()), or std::nullopt when the
/// bytes there are not valid UTF-8 (a stray continuation byte, a sequence cut short, an overlong
/// form, a surrogate, beyond U+10FFFF).
std::optional<utf8_char> utf8_char_at(std::string_view text, std::size_t at);

/// The character ending at byte `end` of `text` (0 < end <= text.size()), or std::nullopt when
/// the bytes before `end` do not end with a valid sequence.
std::optional<utf8_char> utf8_char_before(std::string_view text, std::size_t end);

/// Appends `code_point` in UTF-8; a surrogate or a value beyond U+10FFFF, which have no UTF-8
/// form, appends U+FFFD instead, so the output is always valid.
void append_utf8(std::string& out, char32_t code_point);

/// `text` with every byte that does not start a valid sequence replaced by U+FFFD (one each), so
/// a JSON or MIME body that declares UTF-8 is.
std::string valid_utf8(std::string_view text);

/// Number of code points in valid UTF-8 `text`.
std::size_t code_points(std::string_view text);

/// Byte length of the code point starting at text[at] in valid UTF-8 (1 past a stray byte).
std::size_t code_point_size(std::string_view text, std::size_t at);

/// The longest prefix of valid UTF-8 `text` with at most `count` code points.
std::string_view first_code_points(std::string_view text, std::size_t count);

/// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a
/// character: for quoting a long value in a message.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

} // namespace lbtrack
