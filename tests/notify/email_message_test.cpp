// email_message without a server: the headers, the RFC 2047 subject, the MIME structure, and
// both parts decoding back to what was rendered (in canonical CRLF form). The parsing here is
// deliberately naive and strict; email_delivery_test checks the same message with Python's
// email package.

#include "notify_test_util.hpp"

#include "lbtrack/notify/sinks.hpp"

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono_literals;
using lbtrack::notify::email_message;
using lbtrack::notify::notification;
using lbtrack::notify::sink_error;
using lbtrack::notify::smtp_target;
using lbtrack::test::contains;
using lbtrack::test::count_of;

// Friday 2025-06-27 11:42:07.250 UTC.
const lbtrack::time_point friday{std::chrono::sys_days{std::chrono::year{2025} / 6 / 27} + 11h +
                                 42min + 7s + 250ms};

smtp_target target() {
    smtp_target t;
    t.url = "smtp://mail.example.org:587";
    t.from = "lbtrack <lbtrack@example.org>";
    t.to = {"alice@example.org", "Bob Example <bob@example.net>"};
    return t;
}

notification sample() {
    notification note;
    note.subject = "Leaderboards: 3 boards changed";
    note.text = "lmarena-text\n  1  Gemini 2.5 Pro   1470  \n  2  通义千问 Qwen3   1451\n" +
                std::string(200, '=') + "\n.\n";
    note.html = "<!doctype html><h1>lmarena-text &amp; more</h1>\n<p>通义千问</p>\n";
    return note;
}

std::string crlf(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n') {
            out += '\r';
        }
        out += c;
    }
    return out;
}

std::string base64_decode(std::string_view encoded) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char c : encoded) {
        if (c == '=' || c == '\r' || c == '\n') {
            continue;
        }
        const auto value = alphabet.find(c);
        EXPECT_NE(value, std::string_view::npos) << "not base64: " << c;
        bits = (bits << 6) | static_cast<unsigned>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

/// Decodes a header value made of "=?UTF-8?B?...?=" words separated by folding whitespace.
std::string decode_words(std::string_view value) {
    std::string out;
    while (!value.empty()) {
        const auto start = value.find("=?UTF-8?B?");
        if (start == std::string_view::npos) {
            ADD_FAILURE() << "not an encoded word: " << value;
            return out;
        }
        EXPECT_EQ(value.substr(0, start).find_first_not_of(" \t\r\n"), std::string_view::npos)
            << "text between encoded words: " << value;
        const auto end = value.find("?=", start + 10);
        EXPECT_LE(end + 2 - start, 75U) << "encoded word over 75 characters";
        out += base64_decode(value.substr(start + 10, end - start - 10));
        value.remove_prefix(end + 2);
    }
    return out;
}

/// Header block split into unfolded name -> value (RFC 5322 §2.2.3), plus the body.
struct parsed_message {
    std::map<std::string, std::string> headers;
    std::vector<std::string> header_lines; ///< as written, folded
    std::string body;
};

parsed_message parse(std::string_view message) {
    parsed_message out;
    const auto blank = message.find("\r\n\r\n");
    EXPECT_NE(blank, std::string_view::npos);
    std::string_view head = message.substr(0, blank + 2);
    out.body = std::string(message.substr(blank + 4));
    std::string name;
    while (!head.empty()) {
        const auto end = head.find("\r\n");
        const std::string line(head.substr(0, end));
        head.remove_prefix(end + 2);
        out.header_lines.push_back(line);
        if (line.starts_with(' ') || line.starts_with('\t')) {
            out.headers[name] += line; // unfolding drops only the CRLF
            continue;
        }
        const auto colon = line.find(": ");
        name = line.substr(0, colon);
        EXPECT_EQ(out.headers.count(name), 0U) << "header twice: " << name;
        out.headers[name] = line.substr(colon + 2);
    }
    return out;
}

struct mime_part {
    std::map<std::string, std::string> headers;
    std::string encoded;
};

/// The parts between "--boundary" delimiter lines.
std::vector<mime_part> parts_of(std::string_view body, const std::string& boundary) {
    std::vector<mime_part> parts;
    const std::string delimiter = "--" + boundary + "\r\n";
    const std::string close = "\r\n--" + boundary + "--\r\n";
    EXPECT_TRUE(body.ends_with(close)) << body;
    auto at = body.find(delimiter);
    while (at != std::string_view::npos) {
        const auto start = at + delimiter.size();
        auto next = body.find("\r\n" + delimiter, start);
        const auto end = next == std::string_view::npos ? body.size() - close.size() : next;
        const auto part = body.substr(start, end - start);
        const auto blank = part.find("\r\n\r\n");
        mime_part p;
        std::string_view head = part.substr(0, blank + 2);
        while (!head.empty()) {
            const auto line_end = head.find("\r\n");
            const auto line = head.substr(0, line_end);
            const auto colon = line.find(": ");
            p.headers[std::string(line.substr(0, colon))] = std::string(line.substr(colon + 2));
            head.remove_prefix(line_end + 2);
        }
        p.encoded = std::string(part.substr(blank + 4));
        parts.push_back(std::move(p));
        at = next == std::string_view::npos ? next : next + 2;
    }
    return parts;
}

TEST(email_message, every_line_ends_in_crlf_and_stays_short) {
    const std::string message = email_message(target(), sample(), friday, "id-1@example.org");

    for (std::size_t at = message.find('\n'); at != std::string::npos;
         at = message.find('\n', at + 1)) {
        ASSERT_GT(at, 0U);
        EXPECT_EQ(message[at - 1], '\r') << "bare LF at " << at;
    }
    for (const auto& line : parse(message).header_lines) {
        EXPECT_LE(line.size(), 78U) << line;
    }
    std::size_t start = message.find("\r\n\r\n") + 4;
    while (start < message.size()) {
        const auto end = message.find("\r\n", start);
        EXPECT_LE(end - start, 76U) << message.substr(start, end - start);
        start = end + 2;
    }
    for (const char c : message) {
        EXPECT_LT(static_cast<unsigned char>(c), 0x80U) << "8-bit byte in the message";
    }
}

TEST(email_message, headers_name_sender_recipients_date_and_id) {
    const auto message = parse(email_message(target(), sample(), friday, "id-1@example.org"));

    EXPECT_EQ(message.headers.at("From"), "lbtrack <lbtrack@example.org>");
    EXPECT_EQ(message.headers.at("To"), "alice@example.org, Bob Example <bob@example.net>");
    EXPECT_EQ(message.headers.at("Subject"), "Leaderboards: 3 boards changed");
    EXPECT_EQ(message.headers.at("Date"), "Fri, 27 Jun 2025 11:42:07 +0000");
    EXPECT_EQ(message.headers.at("Message-ID"), "<id-1@example.org>");
    EXPECT_EQ(message.headers.at("MIME-Version"), "1.0");
    EXPECT_EQ(message.headers.at("Auto-Submitted"), "auto-generated");
}

TEST(email_message, message_id_may_come_with_its_angle_brackets) {
    const auto message = parse(email_message(target(), sample(), friday, "<x.y@example.org>"));

    EXPECT_EQ(message.headers.at("Message-ID"), "<x.y@example.org>");
}

TEST(email_message, non_ascii_subject_is_rfc2047_encoded_and_decodes_back) {
    notification note = sample();
    note.subject = "排行榜更新：通义千问 Qwen3-235B-A22B 升至第 1，DeepSeek-R1-0528 下降 2 位";
    const auto message = parse(email_message(target(), note, friday, "id-1@example.org"));

    const std::string& subject = message.headers.at("Subject");
    EXPECT_TRUE(subject.starts_with("=?UTF-8?B?")) << subject;
    EXPECT_GT(count_of(subject, "=?UTF-8?B?"), 1U) << "a long subject is several words";
    EXPECT_EQ(decode_words(subject), note.subject);
}

TEST(email_message, a_line_break_in_the_subject_cannot_add_a_header) {
    notification note = sample();
    note.subject = "hello\r\nBcc: victim@example.com";
    const auto message = parse(email_message(target(), note, friday, "id-1@example.org"));

    EXPECT_EQ(message.headers.count("Bcc"), 0U);
    EXPECT_EQ(message.headers.at("Subject"), "hello  Bcc: victim@example.com");
}

TEST(email_message, multipart_alternative_text_then_html_both_decoding_to_the_inputs) {
    const notification note = sample();
    const auto message = parse(email_message(target(), note, friday, "id-1@example.org"));

    const std::string& type = message.headers.at("Content-Type");
    ASSERT_TRUE(type.starts_with("multipart/alternative; boundary=\"")) << type;
    const auto quote = type.find('"');
    const std::string boundary = type.substr(quote + 1, type.rfind('"') - quote - 1);
    ASSERT_FALSE(boundary.empty());
    // Two delimiters and the close: the boundary occurs nowhere else.
    EXPECT_EQ(count_of(message.body, boundary), 3U);

    const auto parts = parts_of(message.body, boundary);
    ASSERT_EQ(parts.size(), 2U);
    EXPECT_EQ(parts[0].headers.at("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(parts[0].headers.at("Content-Transfer-Encoding"), "base64");
    EXPECT_EQ(base64_decode(parts[0].encoded), crlf(note.text));
    EXPECT_EQ(parts[1].headers.at("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(parts[1].headers.at("Content-Transfer-Encoding"), "base64");
    EXPECT_EQ(base64_decode(parts[1].encoded), crlf(note.html));
}

TEST(email_message, the_boundary_differs_between_messages) {
    const auto a = parse(email_message(target(), sample(), friday, "a@example.org"));
    const auto b = parse(email_message(target(), sample(), friday, "b@example.org"));

    EXPECT_NE(a.headers.at("Content-Type"), b.headers.at("Content-Type"));
}

TEST(email_message, without_html_it_is_a_single_text_part) {
    notification note = sample();
    note.html.clear();
    const auto message = parse(email_message(target(), note, friday, "id-1@example.org"));

    EXPECT_EQ(message.headers.at("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(message.headers.at("Content-Transfer-Encoding"), "base64");
    EXPECT_EQ(base64_decode(message.body), crlf(note.text));
}

TEST(email_message, a_non_ascii_display_name_is_encoded_but_not_the_address) {
    smtp_target t = target();
    t.from = "排行榜 <lbtrack@example.org>";
    const auto message = parse(email_message(t, sample(), friday, "id-1@example.org"));

    const std::string& from = message.headers.at("From");
    EXPECT_TRUE(from.ends_with(" <lbtrack@example.org>")) << from;
    EXPECT_EQ(decode_words(from.substr(0, from.find(" <"))), "排行榜");
}

TEST(email_message, refuses_header_injection_and_missing_addresses) {
    const auto refused = [](const smtp_target& t, const std::string& id) {
        try {
            email_message(t, sample(), friday, id);
        } catch (const sink_error& e) {
            EXPECT_EQ(e.sink(), "email");
            EXPECT_TRUE(contains(e.what(), "mail.example.org"));
            return true;
        }
        return false;
    };
    smtp_target injected_from = target();
    injected_from.from = "a@example.org\r\nBcc: victim@example.com";
    smtp_target injected_to = target();
    injected_to.to.push_back("c@example.org\nBcc: victim@example.com");
    smtp_target nobody = target();
    nobody.to.clear();
    smtp_target empty_from = target();
    empty_from.from = "Name <>";

    EXPECT_TRUE(refused(injected_from, "id@example.org"));
    EXPECT_TRUE(refused(injected_to, "id@example.org"));
    EXPECT_TRUE(refused(nobody, "id@example.org"));
    EXPECT_TRUE(refused(empty_from, "id@example.org"));
    EXPECT_TRUE(refused(target(), "id@example.org\r\nBcc: victim@example.com"));
    EXPECT_TRUE(refused(target(), ""));
}

} // namespace
