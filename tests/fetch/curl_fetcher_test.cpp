// curl_fetcher against the loopback server and local files: every failure the fetcher promises
// to report (status, timeout, cap, truncation, scheme, refused connection) plus the happy paths.

#include "support/http_test_server.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/fetcher.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono_literals;
using lbtrack::fetch_error;
using lbtrack::ingest::curl_fetcher;
using lbtrack::ingest::fetch_request;
using lbtrack::ingest::fetch_result;
using lbtrack::test::http_route_response;
using lbtrack::test::http_test_server;

constexpr const char* source_id = "test-board";

fetch_request request_for(std::string url) {
    fetch_request request;
    request.source_id = source_id;
    request.url = std::move(url);
    request.timeout = 10s; // generous: loopback answers are instant unless a test delays them
    return request;
}

testing::AssertionResult contains(std::string_view haystack, std::string_view needle) {
    if (haystack.find(needle) != std::string_view::npos) {
        return testing::AssertionSuccess();
    }
    return testing::AssertionFailure()
           << "'" << haystack << "' does not contain '" << needle << "'";
}

/// The what() of the fetch_error the request must raise; checks that it names source and URL.
std::string fetch_failure(curl_fetcher& fetcher, const fetch_request& request) {
    try {
        fetcher.fetch(request);
    } catch (const fetch_error& e) {
        EXPECT_EQ(e.source_id(), request.source_id);
        EXPECT_EQ(e.url(), request.url);
        EXPECT_TRUE(contains(e.what(), request.source_id));
        EXPECT_TRUE(contains(e.what(), request.url));
        return e.what();
    }
    ADD_FAILURE() << "expected a fetch_error for " << request.url;
    return {};
}

/// A port on 127.0.0.1 that nothing listens on: bound, read and released again.
unsigned short unused_loopback_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(
        io, boost::asio::ip::tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
    return acceptor.local_endpoint().port();
}

/// A file under the temp dir, removed when the test ends.
class temp_file {
public:
    explicit temp_file(std::string_view contents) {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("lbtrack-fetch-test-" + std::to_string(random()) + ".bin");
        std::ofstream out(path_, std::ios::binary);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    }
    ~temp_file() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string url() const { return "file://" + path_.string(); }

private:
    std::filesystem::path path_;
};

class curl_fetcher_test : public testing::Test {
protected:
    std::string url(std::string_view path) const { return server.base_url() + std::string(path); }

    http_test_server server;
    curl_fetcher fetcher;
};

TEST_F(curl_fetcher_test, returns_body_and_validators_of_a_200) {
    server.route("/board.json", {.body = R"({"rows":[]})",
                                 .headers = {{"ETag", "\"v1\""},
                                             {"Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT"},
                                             {"Content-Type", "application/json; charset=utf-8"}}});

    const fetch_result result = fetcher.fetch(request_for(url("/board.json")));

    EXPECT_EQ(result.url, url("/board.json"));
    EXPECT_EQ(result.http_status, 200);
    EXPECT_EQ(result.body, R"({"rows":[]})");
    EXPECT_EQ(result.etag, "\"v1\"");
    EXPECT_EQ(result.last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
    EXPECT_EQ(result.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(server.hits("/board.json"), 1u);
}

TEST_F(curl_fetcher_test, header_names_are_case_insensitive_and_values_trimmed) {
    server.route("/lower", {.body = "x",
                            .headers = {{"etag", " \t\"v2\"\t "},
                                        {"last-modified", "Thu, 01 Jan 2026 00:00:00 GMT"},
                                        {"CONTENT-TYPE", "text/csv"}}});

    const fetch_result result = fetcher.fetch(request_for(url("/lower")));

    EXPECT_EQ(result.etag, "\"v2\"");
    EXPECT_EQ(result.last_modified, "Thu, 01 Jan 2026 00:00:00 GMT");
    EXPECT_EQ(result.content_type, "text/csv");
}

TEST_F(curl_fetcher_test, missing_validators_are_empty) {
    server.route("/bare", {.body = "x"});

    const fetch_result result = fetcher.fetch(request_for(url("/bare")));

    EXPECT_EQ(result.body, "x");
    EXPECT_EQ(result.etag, "");
    EXPECT_EQ(result.last_modified, "");
    EXPECT_EQ(result.content_type, "");
}

TEST_F(curl_fetcher_test, server_error_names_source_url_and_status) {
    server.route("/broken", {.status = 500, .body = "oops"});

    const std::string what = fetch_failure(fetcher, request_for(url("/broken")));

    EXPECT_TRUE(contains(what, "HTTP 500 Internal Server Error"));
}

TEST_F(curl_fetcher_test, unknown_path_is_a_404_error) {
    const std::string what = fetch_failure(fetcher, request_for(url("/nowhere")));

    EXPECT_TRUE(contains(what, "HTTP 404 Not Found"));
    EXPECT_EQ(server.hits("/nowhere"), 1u);
}

TEST_F(curl_fetcher_test, each_request_of_a_sequence_gets_its_answer) {
    server.route_sequence("/flaky", {{.status = 503}, {.body = "second"}});

    EXPECT_TRUE(contains(fetch_failure(fetcher, request_for(url("/flaky"))),
                         "HTTP 503 Service Unavailable"));
    EXPECT_EQ(fetcher.fetch(request_for(url("/flaky"))).body, "second");
    EXPECT_EQ(fetcher.fetch(request_for(url("/flaky"))).body, "second"); // the last one repeats
    EXPECT_EQ(server.hits("/flaky"), 3u);
}

TEST_F(curl_fetcher_test, follows_redirects_and_reports_the_final_url) {
    server.route("/old", {.status = 302, .headers = {{"Location", "/new"}, {"ETag", "\"old\""}}});
    server.route("/new", {.body = "moved here"});

    const fetch_result result = fetcher.fetch(request_for(url("/old")));

    EXPECT_EQ(result.url, url("/new"));
    EXPECT_EQ(result.http_status, 200);
    EXPECT_EQ(result.body, "moved here");
    EXPECT_EQ(result.etag, "") << "headers of the redirect response must not leak through";
    EXPECT_EQ(server.hits("/old"), 1u);
    EXPECT_EQ(server.hits("/new"), 1u);
}

TEST_F(curl_fetcher_test, error_after_a_redirect_names_where_it_ended) {
    server.route("/old", {.status = 301, .headers = {{"Location", "/gone"}}});
    server.route("/gone", {.status = 410});

    const std::string what = fetch_failure(fetcher, request_for(url("/old")));

    EXPECT_TRUE(contains(what, "HTTP 410 Gone"));
    EXPECT_TRUE(contains(what, url("/gone")));
}

TEST_F(curl_fetcher_test, redirect_loop_stops_after_five_redirects) {
    server.route("/loop", {.status = 302, .headers = {{"Location", "/loop"}}});

    const std::string what = fetch_failure(fetcher, request_for(url("/loop")));

    EXPECT_TRUE(contains(what, "redirect")) << what;
    EXPECT_EQ(server.hits("/loop"), 6u); // the request and five redirects
}

TEST_F(curl_fetcher_test, redirect_to_another_scheme_is_refused) {
    server.route("/to-file", {.status = 302, .headers = {{"Location", "file:///etc/passwd"}}});
    server.route("/to-ftp", {.status = 302, .headers = {{"Location", "ftp://127.0.0.1:1/x"}}});

    EXPECT_TRUE(
        contains(fetch_failure(fetcher, request_for(url("/to-file"))), "unsupported URL scheme"));
    EXPECT_TRUE(
        contains(fetch_failure(fetcher, request_for(url("/to-ftp"))), "unsupported URL scheme"));
}

TEST_F(curl_fetcher_test, slow_answer_times_out_promptly) {
    server.route("/slow", {.body = "late", .delay = 2s});
    fetch_request request = request_for(url("/slow"));
    request.timeout = 300ms;

    const auto started = std::chrono::steady_clock::now();
    const std::string what = fetch_failure(fetcher, request);
    const auto elapsed = std::chrono::steady_clock::now() - started;

    EXPECT_TRUE(contains(what, "timed out after 300 ms"));
    EXPECT_LT(elapsed, 1500ms);
}

TEST_F(curl_fetcher_test, delayed_answers_are_served_concurrently) {
    // Also shows fetch() may run on several threads at once.
    server.route("/slow", {.body = "late", .delay = 500ms});
    constexpr int parallel = 4;

    const auto started = std::chrono::steady_clock::now();
    std::vector<std::future<fetch_result>> results;
    for (int i = 0; i < parallel; ++i) {
        results.push_back(std::async(std::launch::async,
                                     [&] { return fetcher.fetch(request_for(url("/slow"))); }));
    }
    for (auto& result : results) {
        EXPECT_EQ(result.get().body, "late");
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;

    EXPECT_LT(elapsed, 1500ms) << "the delays ran one after the other";
    EXPECT_EQ(server.hits("/slow"), static_cast<std::size_t>(parallel));
}

TEST_F(curl_fetcher_test, truncated_body_is_an_error) {
    server.route("/cut", {.body = "partial", .truncate = true});

    const std::string what = fetch_failure(fetcher, request_for(url("/cut")));

    EXPECT_TRUE(contains(what, "partial")) << what;
}

TEST_F(curl_fetcher_test, body_over_the_cap_is_refused_by_its_content_length) {
    server.route("/big", {.body = std::string(64 * 1024, 'x')});
    fetch_request request = request_for(url("/big"));
    request.max_bytes = 1024;

    const std::string what = fetch_failure(fetcher, request);

    EXPECT_TRUE(contains(what, "response larger than the 1024-byte cap"));
}

TEST_F(curl_fetcher_test, chunked_body_over_the_cap_is_refused_while_streaming) {
    server.route("/big", {.body = std::string(64 * 1024, 'x'),
                          .headers = {{"Transfer-Encoding", "chunked"}}});
    fetch_request request = request_for(url("/big"));
    request.max_bytes = 1024;

    const std::string what = fetch_failure(fetcher, request);

    EXPECT_TRUE(contains(what, "response larger than the 1024-byte cap"));
}

TEST_F(curl_fetcher_test, body_exactly_at_the_cap_is_accepted) {
    server.route("/exact", {.body = std::string(1024, 'x')});
    server.route("/exact-chunked",
                 {.body = std::string(1024, 'y'), .headers = {{"Transfer-Encoding", "chunked"}}});
    fetch_request request = request_for(url("/exact"));
    request.max_bytes = 1024;
    fetch_request chunked = request_for(url("/exact-chunked"));
    chunked.max_bytes = 1024;

    EXPECT_EQ(fetcher.fetch(request).body, std::string(1024, 'x'));
    EXPECT_EQ(fetcher.fetch(chunked).body, std::string(1024, 'y'));
}

TEST_F(curl_fetcher_test, refused_connection_is_an_error) {
    const auto port = unused_loopback_port();

    const std::string what =
        fetch_failure(fetcher, request_for("http://127.0.0.1:" + std::to_string(port) + "/x"));

    EXPECT_TRUE(contains(what, "connect")) << what;
}

/// The verdict of the fetch_error the request must raise.
lbtrack::retry_verdict fetch_verdict(curl_fetcher& fetcher, const fetch_request& request) {
    try {
        fetcher.fetch(request);
    } catch (const fetch_error& e) {
        return e.verdict();
    }
    ADD_FAILURE() << "expected a fetch_error for " << request.url;
    return lbtrack::retry_verdict::permanent;
}

// Issue 22: which failures another attempt may cure is the fetcher's to say.
TEST_F(curl_fetcher_test, server_trouble_is_transient_and_a_wrong_request_permanent) {
    using lbtrack::retry_verdict;
    // Overload, restarts, rate limits and an impatient server may be gone by the next attempt.
    for (const unsigned status : {408u, 429u, 500u, 502u, 503u, 504u}) {
        const std::string path = "/status/" + std::to_string(status);
        server.route(path, {.status = status});
        EXPECT_EQ(fetch_verdict(fetcher, request_for(url(path))), retry_verdict::transient)
            << status;
    }
    // A client error stays one until someone changes the URL or its credentials.
    for (const unsigned status : {400u, 401u, 403u, 404u, 410u}) {
        const std::string path = "/status/" + std::to_string(status);
        server.route(path, {.status = status});
        EXPECT_EQ(fetch_verdict(fetcher, request_for(url(path))), retry_verdict::permanent)
            << status;
    }
    const auto port = unused_loopback_port();
    EXPECT_EQ(
        fetch_verdict(fetcher, request_for("http://127.0.0.1:" + std::to_string(port) + "/x")),
        retry_verdict::transient);
    EXPECT_EQ(fetch_verdict(fetcher, request_for("ftp://127.0.0.1/x")), retry_verdict::permanent);
    server.route("/big", {.body = std::string(2048, 'x')});
    auto capped = request_for(url("/big"));
    capped.max_bytes = 1024;
    EXPECT_EQ(fetch_verdict(fetcher, capped), retry_verdict::permanent);
}

TEST(curl_fetcher, reads_a_local_file_byte_for_byte) {
    using namespace std::string_literals;
    const std::string contents = "model,score\r\nA,1\n\0\xff\xfe tail"s; // a NUL, not UTF-8
    const temp_file file(contents);
    curl_fetcher fetcher;

    const fetch_result result = fetcher.fetch(request_for(file.url()));

    EXPECT_EQ(result.body, contents);
    EXPECT_EQ(result.http_status, 0);
    EXPECT_EQ(result.url, file.url());
}

TEST(curl_fetcher, local_file_over_the_cap_is_refused) {
    const temp_file file(std::string(4096, 'z'));
    curl_fetcher fetcher;
    fetch_request request = request_for(file.url());
    request.max_bytes = 100;

    EXPECT_TRUE(contains(fetch_failure(fetcher, request), "response larger than the 100-byte cap"));
}

TEST(curl_fetcher, missing_local_file_is_an_error) {
    const auto missing = std::filesystem::temp_directory_path() / "lbtrack-no-such-file.csv";
    std::filesystem::remove(missing);
    curl_fetcher fetcher;

    fetch_failure(fetcher, request_for("file://" + missing.string()));
}

TEST(curl_fetcher, unsupported_schemes_are_refused_before_any_network) {
    curl_fetcher fetcher;

    EXPECT_TRUE(contains(fetch_failure(fetcher, request_for("ftp://example.com/x")),
                         "unsupported URL scheme 'ftp'"));
    EXPECT_TRUE(contains(fetch_failure(fetcher, request_for("gopher://example.com/x")),
                         "unsupported URL scheme 'gopher'"));
    EXPECT_TRUE(contains(fetch_failure(fetcher, request_for("example.com/board.csv")),
                         "unsupported URL scheme"));
}

TEST(curl_fetcher, non_positive_timeout_is_refused) {
    curl_fetcher fetcher;
    fetch_request request = request_for("http://127.0.0.1:9/x");
    request.timeout = 0ms;

    EXPECT_TRUE(contains(fetch_failure(fetcher, request), "timeout must be positive"));
}

} // namespace
