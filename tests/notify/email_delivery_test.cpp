// send_email against a real SMTP server on loopback (aiosmtpd, through
// tests/support/smtp_test_server.py), whose Python email package parses what arrived: an
// implementation independent of ours decides whether the subject and both parts decode back.

#include "notify_test_util.hpp"
#include "support/smtp_test_server.hpp"

#include "lbtrack/notify/sinks.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <set>
#include <string>

namespace {

using namespace std::chrono_literals;
using lbtrack::notify::notification;
using lbtrack::notify::send_email;
using lbtrack::notify::sink_error;
using lbtrack::notify::smtp_target;
using lbtrack::test::contains;
using lbtrack::test::parse_json;
using lbtrack::test::smtp_server_options;
using lbtrack::test::smtp_test_server;
using lbtrack::test::string_at;

constexpr const char* password = "pa55-w0rd-never-shown";

notification sample() {
    notification note;
    note.subject = "排行榜更新：通义千问 Qwen3-235B-A22B 升至第 1 名，DeepSeek-R1 下降";
    note.text = "lmarena-text (2025-06-27)\n"
                "  1  通义千问 Qwen3-235B-A22B   1470  ▲2   \n"
                "  2  Gemini 2.5 Pro              1465  ▼1\n"
                ".\n" // a lone dot: SMTP's end of data if it were not escaped
                "From the top: " +
                std::string(150, '-') + "\n";
    note.html = "<!doctype html><meta charset=\"utf-8\"><h1>排行榜 &amp; changes</h1>\n"
                "<table><tr><td>通义千问</td><td>1470</td></tr></table>\n";
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

smtp_target target_for(const std::string& url) {
    smtp_target target;
    target.url = url;
    target.from = "lbtrack <lbtrack@example.org>";
    target.to = {"alice@example.org", "Bob <bob@example.net>"};
    target.timeout = 20s;
    return target;
}

/// The sink_error `target` must raise; checks it never shows the password.
std::string delivery_failure(const smtp_target& target) {
    try {
        send_email(target, sample(), lbtrack::system_now());
    } catch (const sink_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.sink(), "email");
        EXPECT_EQ(what.find(password), std::string::npos) << what;
        return what;
    }
    ADD_FAILURE() << "send_email did not throw sink_error";
    return {};
}

class email_delivery_test : public testing::Test {
protected:
    void SetUp() override {
        if (const auto reason = smtp_test_server::unavailable()) {
            GTEST_SKIP() << *reason;
        }
    }
};

TEST_F(email_delivery_test, one_message_reaches_both_recipients_and_decodes_back) {
    smtp_test_server server;
    const notification note = sample();

    send_email(target_for(server.url()), note, lbtrack::system_now());

    const auto received = server.received();
    ASSERT_EQ(received.size(), 1U);
    simdjson::dom::parser parser;
    const auto message = parse_json(parser, received.front());
    EXPECT_EQ(string_at(message["mail_from"]), "lbtrack@example.org");
    std::set<std::string> rcpt;
    for (const auto to : simdjson::dom::array(message["rcpt_tos"])) {
        rcpt.insert(string_at(to));
    }
    EXPECT_EQ(rcpt, (std::set<std::string>{"alice@example.org", "bob@example.net"}));
    std::set<std::string> to_header;
    for (const auto to : simdjson::dom::array(message["to"])) {
        to_header.insert(string_at(to));
    }
    EXPECT_EQ(to_header, rcpt);
    EXPECT_EQ(string_at(message["subject"]), note.subject);
    EXPECT_EQ(string_at(message["content_type"]), "multipart/alternative");
    EXPECT_EQ(simdjson::dom::array(message["defects"]).size(), 0U) << received.front();

    const simdjson::dom::array parts = message["parts"];
    ASSERT_EQ(parts.size(), 2U);
    EXPECT_EQ(string_at(parts.at(0)["content_type"]), "text/plain");
    EXPECT_EQ(string_at(parts.at(0)["charset"]), "utf-8");
    EXPECT_EQ(string_at(parts.at(0)["content"]), crlf(note.text));
    EXPECT_EQ(string_at(parts.at(1)["content_type"]), "text/html");
    EXPECT_EQ(string_at(parts.at(1)["charset"]), "utf-8");
    EXPECT_EQ(string_at(parts.at(1)["content"]), crlf(note.html));

    // A fresh Message-ID in our format, and a Date header the parser accepted.
    bool has_id = false;
    bool has_date = false;
    for (const auto header : simdjson::dom::array(message["headers"])) {
        const std::string name = string_at(header.at(0));
        const std::string value = string_at(header.at(1));
        if (name == "Message-ID") {
            has_id = true;
            EXPECT_TRUE(value.starts_with('<') && value.ends_with("@example.org>")) << value;
        }
        has_date = has_date || name == "Date";
    }
    EXPECT_TRUE(has_id);
    EXPECT_TRUE(has_date);
}

TEST_F(email_delivery_test, logs_in_when_the_server_requires_it) {
    smtp_test_server server(smtp_server_options{.username = "reports", .password = password});
    smtp_target target = target_for(server.url());
    target.username = "reports";
    target.password = password;

    send_email(target, sample(), lbtrack::system_now());

    EXPECT_EQ(server.received().size(), 1U);
}

TEST_F(email_delivery_test, a_wrong_password_is_a_sink_error_that_does_not_show_it) {
    smtp_test_server server(smtp_server_options{.username = "reports", .password = "right-one"});
    smtp_target target = target_for(server.url());
    target.username = "reports";
    target.password = password;

    const std::string what = delivery_failure(target);

    EXPECT_TRUE(contains(what, "127.0.0.1:" + std::to_string(server.port()))) << what;
    EXPECT_TRUE(contains(what, "Login denied")) << what;
    EXPECT_TRUE(server.received().empty());
}

TEST_F(email_delivery_test, without_login_a_server_that_requires_one_refuses) {
    smtp_test_server server(smtp_server_options{.username = "reports", .password = "right-one"});

    const std::string what = delivery_failure(target_for(server.url()));

    EXPECT_TRUE(contains(what, "530")) << what; // "Authentication required"
    EXPECT_TRUE(server.received().empty());
}

TEST(email_delivery, a_closed_port_is_a_sink_error_naming_the_host) {
    std::uint16_t port = 0;
    {
        boost::asio::io_context io;
        boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::address_v4::loopback(), 0});
        port = acceptor.local_endpoint().port();
    } // closed: nothing listens there now

    const std::string what =
        delivery_failure(target_for("smtp://127.0.0.1:" + std::to_string(port)));

    EXPECT_TRUE(contains(what, "127.0.0.1:" + std::to_string(port))) << what;
    EXPECT_TRUE(contains(what, "connect")) << what;
}

TEST(email_delivery, only_smtp_and_smtps_urls_are_accepted) {
    const std::string what = delivery_failure(target_for("http://127.0.0.1:25/"));

    EXPECT_TRUE(contains(what, "unsupported URL scheme 'http'")) << what;
}

} // namespace
