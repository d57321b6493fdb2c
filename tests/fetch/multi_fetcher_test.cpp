// fetch_all against the loopback server: what is retried and what is not, Retry-After, conditional
// GET, and that requests neither wait for nor fail because of one another. Backoffs are tens of
// milliseconds and the jitter is injected, so the waits are short and predictable.

#include "support/http_test_server.hpp"

#include "lbtrack/ingest/multi_fetcher.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono_literals;
using lbtrack::ingest::conditional_headers;
using lbtrack::ingest::fetch_all;
using lbtrack::ingest::multi_outcome;
using lbtrack::ingest::multi_request;
using lbtrack::ingest::retry_policy;
using lbtrack::test::http_route_response;
using lbtrack::test::http_test_server;
using steady_clock = std::chrono::steady_clock;

/// Short waits so the suite stays fast; jitter() is injected separately.
retry_policy fast_policy(int max_attempts = 4) {
    retry_policy policy;
    policy.max_attempts = max_attempts;
    policy.initial_backoff = 50ms;
    policy.max_backoff = 200ms;
    policy.max_retry_after = 5s;
    return policy;
}

/// The top of every backoff range: waits are then their ceilings, known in advance.
double full_jitter() {
    return 0.999;
}

multi_request request_for(std::string source_id, std::string url) {
    multi_request request;
    request.request.source_id = std::move(source_id);
    request.request.url = std::move(url);
    request.request.timeout = 10s; // generous: loopback answers are instant unless delayed
    return request;
}

testing::AssertionResult contains(std::string_view haystack, std::string_view needle) {
    if (haystack.find(needle) != std::string_view::npos) {
        return testing::AssertionSuccess();
    }
    return testing::AssertionFailure()
           << "'" << haystack << "' does not contain '" << needle << "'";
}

/// The what() of the outcome's error, "" when it has none: for messages of failed assertions.
std::string failure_text(const multi_outcome& outcome) {
    return outcome.error ? outcome.error->what() : "";
}

/// The error of a failed outcome; fails the test when the outcome did not fail.
std::string error_of(const multi_outcome& outcome) {
    EXPECT_FALSE(outcome.result.has_value()) << outcome.source_id;
    EXPECT_FALSE(outcome.not_modified) << outcome.source_id;
    if (!outcome.error) {
        ADD_FAILURE() << "expected " << outcome.source_id << " to fail";
        return {};
    }
    return outcome.error->what();
}

/// A port on 127.0.0.1 that nothing listens on: bound, read and released again.
unsigned short unused_loopback_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(
        io, boost::asio::ip::tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
    return acceptor.local_endpoint().port();
}

/// `when` as an IMF-fixdate, the preferred HTTP-date format.
std::string http_date(std::chrono::system_clock::time_point when) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 64> text{};
    const auto length = std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return std::string(text.data(), length);
}

class multi_fetcher_test : public testing::Test {
protected:
    std::string url(std::string_view path) const { return server.base_url() + std::string(path); }

    /// fetch_all of one request for `path`.
    multi_outcome fetch_one(std::string_view path, const retry_policy& policy,
                            conditional_headers conditional = {}) {
        multi_request request = request_for("board", url(path));
        request.conditional = std::move(conditional);
        auto outcomes = fetch_all({request}, policy, full_jitter);
        EXPECT_EQ(outcomes.size(), 1u);
        return outcomes.at(0);
    }

    http_test_server server;
};

TEST_F(multi_fetcher_test, server_error_is_retried_until_it_succeeds) {
    server.route_sequence("/flaky", {{.status = 500}, {.body = "rows"}});

    // The default jitter: random, but below the 50 ms ceiling either way.
    const auto outcomes = fetch_all({request_for("board", url("/flaky"))}, fast_policy());

    ASSERT_EQ(outcomes.size(), 1u);
    const multi_outcome& outcome = outcomes[0];
    EXPECT_EQ(outcome.source_id, "board");
    ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
    EXPECT_EQ(outcome.result->body, "rows");
    EXPECT_EQ(outcome.result->http_status, 200);
    EXPECT_FALSE(outcome.error.has_value());
    EXPECT_FALSE(outcome.not_modified);
    EXPECT_EQ(outcome.attempts, 2);
    EXPECT_EQ(server.hits("/flaky"), 2u);
}

TEST_F(multi_fetcher_test, too_many_requests_waits_for_retry_after_seconds) {
    server.route_sequence("/limited",
                          {{.status = 429, .headers = {{"Retry-After", "1"}}}, {.body = "rows"}});

    const auto started = steady_clock::now();
    const multi_outcome outcome = fetch_one("/limited", fast_policy());
    const auto elapsed = steady_clock::now() - started;

    ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
    EXPECT_EQ(outcome.attempts, 2);
    EXPECT_GE(elapsed, 900ms) << "the 50 ms backoff was used instead of Retry-After";
    EXPECT_LT(elapsed, 3s);
}

TEST_F(multi_fetcher_test, unavailable_waits_for_retry_after_http_date) {
    // The date has whole seconds: two seconds after the current one is 1 to 2 s away.
    const auto now = std::chrono::system_clock::now();
    const auto date = std::chrono::floor<std::chrono::seconds>(now) + 2s;
    server.route_sequence(
        "/maintenance",
        {{.status = 503, .headers = {{"Retry-After", http_date(date)}}}, {.body = "rows"}});

    const auto started = steady_clock::now();
    const multi_outcome outcome = fetch_one("/maintenance", fast_policy());
    const auto elapsed = steady_clock::now() - started;

    ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
    EXPECT_EQ(outcome.attempts, 2);
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 4s);
}

TEST_F(multi_fetcher_test, retry_after_is_capped_by_the_policy) {
    server.route_sequence(
        "/greedy", {{.status = 429, .headers = {{"Retry-After", "3600"}}}, {.body = "rows"}});
    retry_policy policy = fast_policy();
    policy.max_retry_after = 100ms;

    const auto started = steady_clock::now();
    const multi_outcome outcome = fetch_one("/greedy", policy);
    const auto elapsed = steady_clock::now() - started;

    ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
    EXPECT_EQ(outcome.attempts, 2);
    EXPECT_LT(elapsed, 2s);
}

TEST_F(multi_fetcher_test, timeout_is_retried_then_reported) {
    server.route("/slow", {.body = "late", .delay = 2s});
    multi_request request = request_for("board", url("/slow"));
    request.request.timeout = 300ms;

    const auto started = steady_clock::now();
    const auto outcomes = fetch_all({request}, fast_policy(2), full_jitter);
    const auto elapsed = steady_clock::now() - started;

    ASSERT_EQ(outcomes.size(), 1u);
    const std::string what = error_of(outcomes[0]);
    EXPECT_TRUE(contains(what, "timed out after 300 ms"));
    EXPECT_TRUE(contains(what, "after 2 attempts"));
    EXPECT_TRUE(contains(what, "board"));
    EXPECT_TRUE(contains(what, url("/slow")));
    EXPECT_EQ(outcomes[0].attempts, 2);
    EXPECT_EQ(server.hits("/slow"), 2u);
    EXPECT_LT(elapsed, 1500ms) << "each attempt must stop at its own timeout";
}

TEST_F(multi_fetcher_test, truncated_body_is_retried) {
    server.route_sequence("/cut", {{.body = "partial", .truncate = true}, {.body = "whole"}});

    const multi_outcome outcome = fetch_one("/cut", fast_policy());

    ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
    EXPECT_EQ(outcome.result->body, "whole");
    EXPECT_EQ(outcome.attempts, 2);
}

TEST_F(multi_fetcher_test, always_truncated_body_fails_after_the_last_attempt) {
    server.route("/cut", {.body = "partial", .truncate = true});

    const multi_outcome outcome = fetch_one("/cut", fast_policy(3));

    EXPECT_TRUE(contains(error_of(outcome), "partial"));
    EXPECT_EQ(outcome.attempts, 3);
    EXPECT_EQ(server.hits("/cut"), 3u);
}

TEST_F(multi_fetcher_test, refused_connection_is_retried_then_reported) {
    const auto port = unused_loopback_port();
    const auto outcomes =
        fetch_all({request_for("board", "http://127.0.0.1:" + std::to_string(port) + "/x")},
                  fast_policy(2), full_jitter);

    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_TRUE(contains(error_of(outcomes[0]), "connect"));
    EXPECT_EQ(outcomes[0].attempts, 2);
}

TEST_F(multi_fetcher_test, body_over_the_cap_is_not_retried) {
    server.route("/big", {.body = std::string(64 * 1024, 'x')});
    multi_request request = request_for("board", url("/big"));
    request.request.max_bytes = 1024;

    const auto outcomes = fetch_all({request}, fast_policy(), full_jitter);

    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_TRUE(contains(error_of(outcomes[0]), "response larger than the 1024-byte cap"));
    EXPECT_EQ(outcomes[0].attempts, 1);
    EXPECT_EQ(server.hits("/big"), 1u);
}

TEST_F(multi_fetcher_test, not_found_is_not_retried) {
    const multi_outcome outcome = fetch_one("/nowhere", fast_policy());

    EXPECT_TRUE(contains(error_of(outcome), "HTTP 404 Not Found"));
    EXPECT_EQ(outcome.attempts, 1);
    EXPECT_EQ(server.hits("/nowhere"), 1u);
}

// Issue 22: the verdict used to end as a string; the outcome now keeps the typed error.
TEST_F(multi_fetcher_test, a_permanent_failure_is_tried_once_and_says_so) {
    server.route("/private", {.status = 401});

    const multi_outcome outcome = fetch_one("/private", fast_policy());

    EXPECT_TRUE(contains(error_of(outcome), "HTTP 401"));
    ASSERT_TRUE(outcome.error.has_value());
    EXPECT_EQ(outcome.error->verdict(), lbtrack::retry_verdict::permanent);
    EXPECT_EQ(outcome.attempts, 1);
    EXPECT_EQ(server.hits("/private"), 1u);
    EXPECT_EQ(fetch_one("/nowhere", fast_policy()).error->verdict(),
              lbtrack::retry_verdict::permanent);
}

TEST_F(multi_fetcher_test, unavailable_is_retried_until_the_attempts_run_out_and_stays_transient) {
    server.route("/down", {.status = 503});

    const multi_outcome outcome = fetch_one("/down", fast_policy(3));

    EXPECT_TRUE(contains(error_of(outcome), "HTTP 503"));
    EXPECT_TRUE(contains(error_of(outcome), "after 3 attempts"));
    ASSERT_TRUE(outcome.error.has_value());
    EXPECT_TRUE(outcome.error->transient()); // a later run may still succeed
    EXPECT_EQ(outcome.attempts, 3);
    EXPECT_EQ(server.hits("/down"), 3u);
}

TEST_F(multi_fetcher_test, request_timeout_is_retried) {
    server.route_sequence("/impatient", {{.status = 408}, {.body = "rows"}});

    const multi_outcome outcome = fetch_one("/impatient", fast_policy());

    ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
    EXPECT_EQ(outcome.result->body, "rows");
    EXPECT_EQ(outcome.attempts, 2);
}

TEST_F(multi_fetcher_test, unsupported_scheme_fails_without_a_transfer) {
    const auto outcomes = fetch_all({request_for("board", "ftp://127.0.0.1/x")}, fast_policy());

    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_TRUE(contains(error_of(outcomes[0]), "unsupported URL scheme 'ftp'"));
    EXPECT_EQ(outcomes[0].attempts, 1);
}

TEST_F(multi_fetcher_test, validators_are_sent_and_304_means_not_modified) {
    server.route("/board", {.status = 304, .headers = {{"ETag", "\"v1\""}}});

    const multi_outcome outcome =
        fetch_one("/board", fast_policy(),
                  {.etag = "\"v1\"", .last_modified = "Wed, 21 Oct 2015 07:28:00 GMT"});

    EXPECT_TRUE(outcome.not_modified);
    EXPECT_FALSE(outcome.result.has_value());
    EXPECT_FALSE(outcome.error.has_value()) << failure_text(outcome);
    EXPECT_EQ(outcome.attempts, 1);
    EXPECT_EQ(server.last_request_header("/board", "If-None-Match"), "\"v1\"");
    EXPECT_EQ(server.last_request_header("/board", "If-Modified-Since"),
              "Wed, 21 Oct 2015 07:28:00 GMT");
}

TEST_F(multi_fetcher_test, no_validators_are_sent_without_a_previous_fetch) {
    server.route("/board", {.body = "rows", .headers = {{"ETag", "\"v2\""}}});

    const multi_outcome outcome = fetch_one("/board", fast_policy());

    ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
    EXPECT_EQ(outcome.result->etag, "\"v2\"");
    EXPECT_EQ(server.last_request_header("/board", "If-None-Match"), std::nullopt);
    EXPECT_EQ(server.last_request_header("/board", "If-Modified-Since"), std::nullopt);
}

TEST_F(multi_fetcher_test, validator_with_a_line_break_is_not_sent) {
    server.route("/board", {.body = "rows"});

    const multi_outcome outcome = fetch_one(
        "/board", fast_policy(), {.etag = "\"v1\"\r\nX-Injected: yes", .last_modified = ""});

    ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
    EXPECT_EQ(server.last_request_header("/board", "If-None-Match"), std::nullopt);
    EXPECT_EQ(server.last_request_header("/board", "X-Injected"), std::nullopt);
}

TEST_F(multi_fetcher_test, one_failing_source_does_not_affect_the_others) {
    server.route("/a", {.body = "a rows"});
    server.route("/down", {.status = 500});
    server.route("/c", {.body = "c rows"});

    const auto outcomes = fetch_all({request_for("a", url("/a")), request_for("down", url("/down")),
                                     request_for("c", url("/c"))},
                                    fast_policy(3), full_jitter);

    ASSERT_EQ(outcomes.size(), 3u);
    EXPECT_EQ(outcomes[0].source_id, "a");
    EXPECT_EQ(outcomes[1].source_id, "down");
    EXPECT_EQ(outcomes[2].source_id, "c");
    ASSERT_TRUE(outcomes[0].result.has_value());
    EXPECT_EQ(outcomes[0].result->body, "a rows");
    EXPECT_EQ(outcomes[0].attempts, 1);
    const std::string what = error_of(outcomes[1]);
    EXPECT_TRUE(contains(what, "source 'down'"));
    EXPECT_TRUE(contains(what, "HTTP 500 Internal Server Error"));
    EXPECT_TRUE(contains(what, "after 3 attempts"));
    EXPECT_EQ(outcomes[1].attempts, 3);
    ASSERT_TRUE(outcomes[2].result.has_value());
    EXPECT_EQ(outcomes[2].result->body, "c rows");
    EXPECT_EQ(outcomes[2].attempts, 1);
    EXPECT_EQ(server.hits("/down"), 3u);
}

TEST_F(multi_fetcher_test, transfers_run_concurrently) {
    server.route("/slow", {.body = "late", .delay = 500ms});
    constexpr int parallel = 4;
    std::vector<multi_request> requests;
    for (int i = 0; i < parallel; ++i) {
        requests.push_back(request_for("board-" + std::to_string(i), url("/slow")));
    }

    const auto started = steady_clock::now();
    const auto outcomes = fetch_all(requests, fast_policy(), full_jitter);
    const auto elapsed = steady_clock::now() - started;

    ASSERT_EQ(outcomes.size(), static_cast<std::size_t>(parallel));
    for (const auto& outcome : outcomes) {
        ASSERT_TRUE(outcome.result.has_value()) << failure_text(outcome);
        EXPECT_EQ(outcome.result->body, "late");
    }
    EXPECT_LT(elapsed, 1500ms) << "the delays ran one after the other";
}

TEST_F(multi_fetcher_test, a_retry_wait_does_not_hold_up_other_retries) {
    // "/patient" waits 1 s (Retry-After) before its second attempt; meanwhile "/bouncy" needs
    // three retries after 100 + 200 + 400 ms. Waiting one after the other would take 1.7 s.
    server.route_sequence("/patient",
                          {{.status = 503, .headers = {{"Retry-After", "1"}}}, {.body = "p"}});
    server.route_sequence("/bouncy",
                          {{.status = 500}, {.status = 502}, {.status = 504}, {.body = "b"}});
    retry_policy policy = fast_policy(4);
    policy.initial_backoff = 100ms;
    policy.max_backoff = 1s;

    const auto started = steady_clock::now();
    const auto outcomes =
        fetch_all({request_for("patient", url("/patient")), request_for("bouncy", url("/bouncy"))},
                  policy, full_jitter);
    const auto elapsed = steady_clock::now() - started;

    ASSERT_EQ(outcomes.size(), 2u);
    ASSERT_TRUE(outcomes[0].result.has_value()) << failure_text(outcomes[0]);
    ASSERT_TRUE(outcomes[1].result.has_value()) << failure_text(outcomes[1]);
    EXPECT_EQ(outcomes[0].attempts, 2);
    EXPECT_EQ(outcomes[1].attempts, 4);
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 1500ms) << "the waits ran one after the other";
}

TEST_F(multi_fetcher_test, reads_a_local_file) {
    std::random_device random;
    const auto path = std::filesystem::temp_directory_path() /
                      ("lbtrack-multi-fetch-test-" + std::to_string(random()) + ".csv");
    {
        std::ofstream out(path, std::ios::binary);
        out << "model,score\nA,1\n";
    }

    const auto outcomes =
        fetch_all({request_for("local", "file://" + path.string())}, fast_policy(), full_jitter);
    std::filesystem::remove(path);

    ASSERT_EQ(outcomes.size(), 1u);
    ASSERT_TRUE(outcomes[0].result.has_value()) << failure_text(outcomes[0]);
    EXPECT_EQ(outcomes[0].result->body, "model,score\nA,1\n");
    EXPECT_EQ(outcomes[0].result->http_status, 0);
}

TEST(multi_fetcher, no_requests_no_outcomes) {
    EXPECT_TRUE(fetch_all({}).empty());
}

} // namespace
