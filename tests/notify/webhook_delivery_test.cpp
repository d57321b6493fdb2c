// post_webhook against a loopback receiver: what arrives (method, path, headers, body) for each
// style, and how failures are reported — with the host and status, never the URL's secret path.

#include "notify_test_util.hpp"
#include "support/http_test_server.hpp"
#include "support/webhook_receiver.hpp"

#include "lbtrack/notify/sinks.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <string>

namespace {

using namespace std::chrono_literals;
using lbtrack::notify::notification;
using lbtrack::notify::post_webhook;
using lbtrack::notify::sink_error;
using lbtrack::notify::webhook_body;
using lbtrack::notify::webhook_style;
using lbtrack::notify::webhook_target;
using lbtrack::test::contains;
using lbtrack::test::webhook_receiver;

// Shaped like a Slack webhook path: the last segments are the credential.
constexpr const char* secret_path = "/services/T0000/B0000/s3cr3tT0k3n";

notification sample() {
    notification note;
    note.subject = "lmarena-text: 通义千问 Qwen3 is new at 3";
    note.text = "  1  Gemini 2.5 Pro  1470\n  3  通义千问 Qwen3  1440  new\n";
    note.markdown = "| 1 | Gemini 2.5 Pro |\n";
    note.json = "{\"schema_version\":2}";
    return note;
}

webhook_target target_for(const std::string& url, webhook_style style = webhook_style::generic) {
    webhook_target target;
    target.style = style;
    target.url = url;
    target.timeout = 10s; // generous: loopback answers are instant unless a test delays them
    return target;
}

/// The sink_error that `target` must raise; checks it never shows the secret part of the URL.
std::string delivery_failure(const webhook_target& target) {
    try {
        post_webhook(target, sample());
    } catch (const sink_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.sink(), "webhook");
        EXPECT_EQ(what.find("s3cr3tT0k3n"), std::string::npos) << what;
        EXPECT_EQ(what.find("/services"), std::string::npos) << what;
        EXPECT_EQ(what.find(target.url), std::string::npos) << what;
        return what;
    }
    ADD_FAILURE() << "post_webhook did not throw sink_error";
    return {};
}

/// The verdict of the sink_error that `target` must raise.
lbtrack::retry_verdict delivery_verdict(const webhook_target& target) {
    try {
        post_webhook(target, sample());
    } catch (const sink_error& e) {
        return e.verdict();
    }
    ADD_FAILURE() << "post_webhook did not throw sink_error";
    return lbtrack::retry_verdict::transient;
}

std::uint16_t unused_loopback_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(
        io, {boost::asio::ip::address_v4::loopback(), 0}); // bound, then closed on return
    return acceptor.local_endpoint().port();
}

class webhook_delivery_test : public testing::TestWithParam<webhook_style> {};

TEST_P(webhook_delivery_test, posts_the_style_body_as_json_to_the_path) {
    webhook_receiver receiver;
    const auto target = target_for(receiver.base_url() + secret_path + "?thread=1", GetParam());

    post_webhook(target, sample());

    const auto requests = receiver.requests();
    ASSERT_EQ(requests.size(), 1U);
    const auto& request = requests.front();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.target, std::string(secret_path) + "?thread=1");
    EXPECT_EQ(request.header("Content-Type"), "application/json");
    EXPECT_EQ(request.header("User-Agent"), "lbtrack");
    EXPECT_EQ(request.header("Expect"), std::nullopt);
    EXPECT_EQ(request.body, webhook_body(GetParam(), sample()));
    simdjson::dom::parser parser;
    lbtrack::test::parse_json(parser, request.body); // arrives as valid JSON
}

INSTANTIATE_TEST_SUITE_P(styles, webhook_delivery_test,
                         testing::Values(webhook_style::generic, webhook_style::slack,
                                         webhook_style::discord),
                         [](const testing::TestParamInfo<webhook_style>& info) {
                             switch (info.param) {
                             case webhook_style::slack:
                                 return "slack";
                             case webhook_style::discord:
                                 return "discord";
                             case webhook_style::generic:
                                 break;
                             }
                             return "generic";
                         });

TEST(webhook_delivery, a_500_is_a_sink_error_with_status_and_host_but_not_the_path) {
    webhook_receiver receiver;
    receiver.answer_next(1, {.status = 500, .body = "upstream\nbroke", .headers = {}});
    const auto target = target_for(receiver.base_url() + secret_path, webhook_style::slack);

    const std::string what = delivery_failure(target);

    EXPECT_TRUE(contains(what, "HTTP 500")) << what;
    EXPECT_TRUE(contains(what, receiver.base_url().substr(7))) << what; // 127.0.0.1:PORT
    EXPECT_TRUE(contains(what, "upstream broke")) << what;              // the answer, on one line
    EXPECT_EQ(receiver.request_count(), 1U);
}

TEST(webhook_delivery, only_the_next_n_requests_fail) {
    webhook_receiver receiver;
    receiver.fail_next(2, 503);
    const auto target = target_for(receiver.base_url() + secret_path);

    EXPECT_TRUE(contains(delivery_failure(target), "HTTP 503"));
    EXPECT_TRUE(contains(delivery_failure(target), "HTTP 503"));
    EXPECT_NO_THROW(post_webhook(target, sample()));
    EXPECT_EQ(receiver.request_count(), 3U);
}

TEST(webhook_delivery, a_4xx_is_an_error_too) {
    webhook_receiver receiver;
    receiver.answer_next(1, {.status = 400, .body = "invalid_blocks", .headers = {}});

    const std::string what = delivery_failure(target_for(receiver.base_url() + secret_path));

    EXPECT_TRUE(contains(what, "HTTP 400: invalid_blocks")) << what;
}

TEST(webhook_delivery, a_redirect_is_not_followed) {
    webhook_receiver receiver;
    receiver.answer_next(
        1, {.status = 302, .body = {}, .headers = {{"Location", receiver.base_url() + "/other"}}});

    const std::string what = delivery_failure(target_for(receiver.base_url() + secret_path));

    EXPECT_TRUE(contains(what, "HTTP 302")) << what;
    EXPECT_EQ(receiver.request_count(), 1U);
}

TEST(webhook_delivery, a_refused_connection_names_the_host_only) {
    const auto port = unused_loopback_port();
    const auto target = target_for("http://127.0.0.1:" + std::to_string(port) + secret_path,
                                   webhook_style::discord);

    const std::string what = delivery_failure(target);

    EXPECT_TRUE(contains(what, "127.0.0.1:" + std::to_string(port))) << what;
    EXPECT_TRUE(contains(what, "connect")) << what;
}

TEST(webhook_delivery, a_slow_server_times_out) {
    lbtrack::test::http_test_server server;
    server.route(secret_path, {.status = 200, .body = "ok", .headers = {}, .delay = 5s});
    auto target = target_for(server.base_url() + secret_path);
    target.timeout = 1s;

    const auto started = std::chrono::steady_clock::now();
    const std::string what = delivery_failure(target);

    EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
    EXPECT_TRUE(contains(what, "Timeout")) << what;
}

TEST(webhook_delivery, only_http_and_https_urls_are_accepted) {
    const std::string what = delivery_failure(target_for("file:///etc/passwd"));

    EXPECT_TRUE(contains(what, "unsupported URL scheme 'file'")) << what;
}

TEST(webhook_delivery, a_non_positive_timeout_is_refused) {
    webhook_receiver receiver;
    auto target = target_for(receiver.base_url() + secret_path);
    target.timeout = 0s;

    EXPECT_TRUE(contains(delivery_failure(target), "timeout must be positive"));
    EXPECT_EQ(receiver.request_count(), 0U);
}

// Issue 22: a 401 used to be retried by the outbox like a 503, ten runs long.
TEST(webhook_delivery, server_trouble_is_transient_and_a_refusal_permanent) {
    using lbtrack::retry_verdict;
    webhook_receiver receiver;
    const auto target = target_for(receiver.base_url() + secret_path);
    // Overload, restarts, rate limits and an impatient server may be gone by the next run.
    for (const unsigned status : {408u, 429u, 500u, 502u, 503u, 504u}) {
        receiver.fail_next(1, status);
        EXPECT_EQ(delivery_verdict(target), retry_verdict::transient) << status;
    }
    // A refused token, a deleted webhook, a rejected body or a redirect stay so until someone
    // changes the configuration.
    for (const unsigned status : {302u, 400u, 401u, 403u, 404u, 410u}) {
        receiver.fail_next(1, status);
        EXPECT_EQ(delivery_verdict(target), retry_verdict::permanent) << status;
    }
    EXPECT_NO_THROW(post_webhook(target, sample()));

    const auto port = unused_loopback_port();
    EXPECT_EQ(
        delivery_verdict(target_for("http://127.0.0.1:" + std::to_string(port) + secret_path)),
        retry_verdict::transient);
    EXPECT_EQ(delivery_verdict(target_for("file:///etc/passwd")), retry_verdict::permanent);
}

} // namespace
