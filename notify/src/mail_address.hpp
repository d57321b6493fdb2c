#pragma once
// Reading the addresses of an smtp_target, shared by the message builder (headers) and the
// sender (envelope). Private to lbtrack_diff.

#include <string_view>

namespace lbtrack::notify::detail {

inline std::string_view trim_blanks(std::string_view s) {
    constexpr std::string_view blanks = " \t";
    const auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

/// "Name <a@b.example>" -> "a@b.example"; a bare "a@b.example" is returned trimmed. This is what
/// MAIL FROM and RCPT TO take.
inline std::string_view addr_spec(std::string_view mailbox) {
    const auto open = mailbox.rfind('<');
    const auto close = mailbox.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
        return trim_blanks(mailbox.substr(open + 1, close - open - 1));
    }
    return trim_blanks(mailbox);
}

/// A value that would end its header line early and start another (header injection).
inline bool has_line_break(std::string_view value) {
    return value.find_first_of("\r\n") != std::string_view::npos;
}

} // namespace lbtrack::notify::detail
