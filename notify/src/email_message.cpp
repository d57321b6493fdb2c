// The RFC 5322 message for the email sink. Both parts are base64 rather than quoted-printable:
// the text report has lines wider than 76 columns and trailing spaces (aligned tables), and
// model names are often not ASCII, so quoted-printable would need soft breaks, "=20" for every
// line's trailing space and "=XX" for every CJK byte — longer than base64 for CJK and easy to get
// subtly wrong. Base64 also makes the boundary safe by construction: its alphabet has no "_"
// and no "=" followed by anything but "=" or a line end, so "=_lbtrack_..." cannot occur in a
// part, whatever the report says.

#include "curl_easy.hpp"
#include "mail_address.hpp"

#include "lbtrack/core/utf8_text.hpp"
#include "lbtrack/notify/sinks.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace lbtrack::notify {

namespace {

using detail::has_line_break;

constexpr std::string_view crlf = "\r\n";
// RFC 2045 §6.8: encoded lines are at most 76 characters.
constexpr std::size_t base64_line = 76;
// RFC 2047 §2: an encoded word is at most 75 characters. 39 bytes (a multiple of 3, so no
// padding inside) make 52 base64 characters, a 64-character word, and "Subject: " plus one word
// stays within the 78 columns RFC 5322 §2.1.1 asks for.
constexpr std::size_t encoded_word_bytes = 39;
// RFC 5322 §2.1.1 again: a header line SHOULD stay within 78 characters.
constexpr std::size_t header_line = 78;

std::string base64(std::string_view bytes) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t at = 0;
    for (; at + 3 <= bytes.size(); at += 3) {
        const std::uint32_t group =
            static_cast<std::uint32_t>((static_cast<unsigned char>(bytes[at]) << 16) |
                                       (static_cast<unsigned char>(bytes[at + 1]) << 8) |
                                       static_cast<unsigned char>(bytes[at + 2]));
        out += alphabet[(group >> 18) & 63];
        out += alphabet[(group >> 12) & 63];
        out += alphabet[(group >> 6) & 63];
        out += alphabet[group & 63];
    }
    if (const std::size_t left = bytes.size() - at; left > 0) {
        std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at]))
                              << 16;
        if (left == 2) {
            group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8;
        }
        out += alphabet[(group >> 18) & 63];
        out += alphabet[(group >> 12) & 63];
        out += left == 2 ? alphabet[(group >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

/// Base64 of `bytes` in lines of at most 76 characters, each ending in CRLF.
std::string base64_body(std::string_view bytes) {
    const std::string encoded = base64(bytes);
    std::string out;
    for (std::size_t at = 0; at < encoded.size(); at += base64_line) {
        out.append(encoded, at, base64_line);
        out += crlf;
    }
    return out;
}

/// Text in canonical form (RFC 2046 §4.1.1): valid UTF-8 with every line break a CRLF.
std::string canonical_text(std::string_view text) {
    const std::string valid = valid_utf8(text);
    std::string out;
    out.reserve(valid.size() + valid.size() / 32);
    for (std::size_t i = 0; i < valid.size(); ++i) {
        if (valid[i] == '\r') {
            out += crlf;
            if (i + 1 < valid.size() && valid[i + 1] == '\n') {
                ++i;
            }
        } else if (valid[i] == '\n') {
            out += crlf;
        } else {
            out += valid[i];
        }
    }
    return out;
}

/// RFC 2047 "B" encoded words for `text`, split between code points (a decoder joins adjacent
/// words without the folding whitespace between them, §6.2) and folded one per line.
std::string encoded_words(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = at;
        while (end < text.size()) {
            const std::size_t size = code_point_size(text, end);
            if (end + size - at > encoded_word_bytes && end > at) {
                break;
            }
            end += size;
        }
        if (!out.empty()) {
            out += "\r\n ";
        }
        out += "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
        at = end;
    }
    return out;
}

bool plain_ascii(std::string_view text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7e) {
            return false;
        }
    }
    return true;
}

/// A header's value as ASCII: as is when it is printable ASCII that fits the line and cannot
/// be mistaken for an encoded word, else encoded words.
std::string header_text(std::string_view name, std::string_view value) {
    if (plain_ascii(value) && value.find("=?") == std::string_view::npos &&
        name.size() + 2 + value.size() <= header_line) {
        return std::string(value);
    }
    return encoded_words(value);
}

/// A mailbox for From/To: a display name that is not ASCII is encoded; the address is not
/// (that would need SMTPUTF8, which we do not assume).
std::string mailbox(std::string_view value) {
    if (plain_ascii(value)) {
        return std::string(value);
    }
    const auto open = value.rfind('<');
    if (open == std::string_view::npos) {
        return std::string(value);
    }
    std::string_view name = detail::trim_blanks(value.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        name = name.substr(1, name.size() - 2);
    }
    return encoded_words(valid_utf8(name)) + " " + std::string(value.substr(open));
}

/// "Fri, 27 Jun 2025 11:42:07 +0000" (RFC 5322 §3.3), independent of the locale.
std::string rfc5322_date(time_point date) {
    static constexpr std::array<std::string_view, 7> weekdays = {"Sun", "Mon", "Tue", "Wed",
                                                                 "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto seconds = std::chrono::floor<std::chrono::seconds>(date);
    const auto day = std::chrono::floor<std::chrono::days>(seconds);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss time{seconds - day};
    return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
                       weekdays[std::chrono::weekday{day}.c_encoding()],
                       static_cast<unsigned>(ymd.day()),
                       months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                       time.hours().count(), time.minutes().count(), time.seconds().count());
}

/// Unique per message (derived from its id) so a part can never be mistaken for another
/// message's boundary when messages are quoted or forwarded.
std::string boundary_for(std::string_view message_id) {
    std::uint64_t hash = 14695981039346656037ULL; // FNV-1a
    for (const char c : message_id) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return fmt::format("=_lbtrack_{:016x}", hash);
}

void add_part(std::string& out, std::string_view type, std::string_view content) {
    out += fmt::format("Content-Type: {}; charset=utf-8\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\n",
                       type);
    const std::string body = base64_body(canonical_text(content));
    // An empty part still gets its (empty) line, so the next delimiter's CRLF is its own.
    out += body.empty() ? std::string(crlf) : body;
}

} // namespace

std::string email_message(const smtp_target& target, const notification& note, time_point date,
                          const std::string& message_id) {
    const auto refuse = [&](const std::string& what) {
        // Named like a failed send to that server, which is what it becomes; the same addresses
        // are refused on every attempt.
        return sink_error("email", detail::split_url(target.url).host, what,
                          retry_verdict::permanent);
    };
    if (detail::addr_spec(target.from).empty() || has_line_break(target.from)) {
        throw refuse("the sender address is empty or holds a line break");
    }
    if (target.to.empty()) {
        throw refuse("no recipient");
    }
    for (const auto& recipient : target.to) {
        if (detail::addr_spec(recipient).empty() || has_line_break(recipient)) {
            throw refuse("a recipient address is empty or holds a line break");
        }
    }
    std::string_view id = detail::trim_blanks(message_id);
    if (id.starts_with('<') && id.ends_with('>') && id.size() >= 2) {
        id = id.substr(1, id.size() - 2);
    }
    if (id.empty() || id.find_first_of(" \t\r\n<>") != std::string_view::npos) {
        throw refuse("the Message-ID is empty or holds a blank, a line break or <>");
    }

    std::string subject = valid_utf8(note.subject);
    for (char& c : subject) {
        if (c == '\r' || c == '\n' || c == '\t') {
            c = ' ';
        }
    }
    std::string to;
    for (const auto& recipient : target.to) {
        to += to.empty() ? "" : ",\r\n "; // one per line: a long list stays within line limits
        to += mailbox(recipient);
    }

    std::string out;
    out += "From: " + mailbox(target.from) + "\r\n";
    out += "To: " + to + "\r\n";
    out += "Subject: " + header_text("Subject", subject) + "\r\n";
    out += "Date: " + rfc5322_date(date) + "\r\n";
    out += fmt::format("Message-ID: <{}>\r\n", id);
    out += "MIME-Version: 1.0\r\n";
    // RFC 3834: vacation responders and ticket systems must not answer a report.
    out += "Auto-Submitted: auto-generated\r\n";
    if (note.html.empty()) {
        add_part(out, "text/plain", note.text);
        return out;
    }
    const std::string boundary = boundary_for(id);
    out +=
        fmt::format("Content-Type: multipart/alternative;\r\n boundary=\"{}\"\r\n\r\n", boundary);
    out += "This is a multi-part message in MIME format.\r\n";
    // RFC 2046 §5.1.1: the CRLF before "--boundary" belongs to the delimiter; the preamble and
    // every part end with one. Plain text first: a client shows the last alternative it can.
    out += fmt::format("--{}\r\n", boundary);
    add_part(out, "text/plain", note.text);
    out += fmt::format("--{}\r\n", boundary);
    add_part(out, "text/html", note.html);
    out += fmt::format("--{}--\r\n", boundary);
    return out;
}

} // namespace lbtrack::notify
