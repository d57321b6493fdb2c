// The HTTP side of `lbtrack serve` on loopback: methods, status codes, content types, security
// headers, parameter validation, timeouts on slow clients, concurrent clients.

#include "serve/serve_test_support.hpp"

#include "lbtrack/core/errors.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <set>
#include <thread>

namespace {

using namespace lbtrack::test;
using namespace std::chrono_literals;

class ServerHttp : public serve_test {
protected:
    void SetUp() override {
        serve_test::SetUp();
        put_board("alpha", day(2025, 7, 1),
                  {{"Model A", 1, 1300.5, {}, {}, 5, 1000}, {"Model B", 2, 1290, {}, {}, 6, 900}});
        put_board("alpha", day(2025, 7, 2),
                  {{"Model B", 1, 1310, {}, {}, 5, 950}, {"Model A", 2, 1301, {}, {}, 5, 1100}});
    }
};

TEST_F(ServerHttp, HeadAnswersWithGetsHeadersAndNoBody) {
    start();
    for (const std::string target :
         {"/", "/boards/alpha", "/boards/alpha.json", "/style.css", "/no/such/page"}) {
        const auto g = get(target);
        const auto h = http_request(port(), target, "HEAD");
        EXPECT_EQ(h.status, g.status) << target;
        EXPECT_TRUE(h.body.empty()) << target;
        EXPECT_EQ(h.header("content-length"), std::to_string(g.body.size())) << target;
        EXPECT_EQ(h.header("content-type"), g.header("content-type")) << target;
    }
}

TEST_F(ServerHttp, MethodsThatWouldWriteAre405WithAllow) {
    start();
    for (const std::string method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
        const auto r = http_request(port(), "/boards/alpha", method);
        EXPECT_EQ(r.status, 405u) << method;
        EXPECT_EQ(r.header("allow"), "GET, HEAD") << method;
    }
}

TEST_F(ServerHttp, UnknownPathsAndBoardsAre404InTheFormatAsked) {
    start();
    for (const std::string target :
         {"/nope", "/boards/alpha/nope", "/boards/unknown-board", "/boards/unknown-board.json",
          "/models/no-such-model", "/boards/alpha.atom", "/movers.atom", "/style.css/x"}) {
        const auto r = get(target);
        EXPECT_EQ(r.status, 404u) << target;
    }
    const auto json = get("/boards/unknown-board.json");
    EXPECT_EQ(json.header("content-type"), "application/json");
    EXPECT_NE(json.body.find("\"status\":404"), std::string::npos) << json.body;
    EXPECT_NE(json.body.find("unknown-board"), std::string::npos) << json.body;
    const auto html = get("/boards/unknown-board");
    EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
}

TEST_F(ServerHttp, EveryAnswerCarriesTheSecurityHeaders) {
    start();
    for (const std::string target : {"/", "/boards.json", "/boards.csv", "/boards/alpha",
                                     "/style.css", "/nope", "/boards/alpha?as_of=bad"}) {
        const auto r = get(target);
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << target;
        EXPECT_EQ(r.header("x-frame-options"), "DENY") << target;
        EXPECT_EQ(r.header("referrer-policy"), "no-referrer") << target;
        const auto csp = r.header("content-security-policy");
        EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << target;
        EXPECT_EQ(csp.find("unsafe"), std::string::npos) << target << ": " << csp;
        EXPECT_EQ(csp.find("script-src"), std::string::npos) << target << ": " << csp;
    }
}

TEST_F(ServerHttp, TheFormatFollowsTheSuffixElseTheAcceptHeader) {
    start();
    EXPECT_EQ(get("/").header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(get("/boards.json").header("content-type"), "application/json");
    EXPECT_EQ(get("/boards.csv").header("content-type"), "text/csv; charset=utf-8; header=present");
    EXPECT_EQ(get("/style.css").header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(get("/", "application/json").header("content-type"), "application/json");
    EXPECT_EQ(get("/boards/alpha", "text/csv").header("content-type"),
              "text/csv; charset=utf-8; header=present");
    // A browser's Accept prefers HTML; curl's */* gets HTML too.
    EXPECT_EQ(get("/", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                  .header("content-type"),
              "text/html; charset=utf-8");
    EXPECT_EQ(get("/", "*/*").header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(get("/", "application/json;q=0.5, text/html;q=0.9").header("content-type"),
              "text/html; charset=utf-8");
    // The answer depends on Accept: caches must know.
    EXPECT_EQ(get("/").header("vary"), "Accept");
}

TEST_F(ServerHttp, BadParametersAre400WithAMessageNamingTheParameter) {
    start();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/boards/alpha?as_of=2025-02-30", "as_of"},
        {"/boards/alpha?as_of=yesterday", "as_of"},
        {"/boards/alpha?as_of=2025-07-01T25:00:00Z", "as_of"},
        {"/boards/alpha?rows=0", "rows"},
        {"/boards/alpha?rows=-3", "rows"},
        {"/boards/alpha?rows=12abc", "rows"},
        {"/boards/alpha?asof=2025-07-01", "asof"},
        {"/boards/alpha?as_of=2025-07-01&as_of=2025-07-02", "as_of"},
        {"/boards?x=1", "x"},
        {"/boards/alpha%ZZ", "percent"},
        {"/boards/alpha%00", "UTF-8"},
        {"/boards/%FF%FE", "UTF-8"},
    };
    for (const auto& [target, named] : cases) {
        const auto r = get(target);
        EXPECT_EQ(r.status, 400u) << target;
        EXPECT_NE(r.body.find(named), std::string::npos) << target << ": " << r.body;
        const auto j = get(target, "application/json");
        EXPECT_EQ(j.status, 400u) << target;
        EXPECT_EQ(j.header("content-type"), "application/json") << target;
    }
}

TEST_F(ServerHttp, KeepAliveServesSeveralRequestsOnOneConnection) {
    start();
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    namespace http = beast::http;
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(10s);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
    for (const std::string target : {"/", "/boards/alpha.json", "/nope", "/style.css"}) {
        http::request<http::empty_body> req(http::verb::get, target, 11);
        req.set(http::field::host, "x");
        http::write(stream, req);
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(stream, buffer, res);
        EXPECT_TRUE(res.keep_alive()) << target;
        EXPECT_FALSE(res.body().empty()) << target;
    }
}

TEST_F(ServerHttp, ASlowClientIsCutOffAfterTheReadTimeoutAndHoldsNoWorker) {
    auto options = test_options();
    options.read_timeout = 1s;
    options.workers = 1;
    start(options);
    namespace asio = boost::asio;
    asio::io_context io;
    asio::ip::tcp::socket slow(io);
    slow.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
    // Half a request head, never finished (slow loris).
    asio::write(slow, asio::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1")));
    // The one worker is free for others meanwhile.
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(get("/boards/alpha").status, 200u);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 900ms);
    // The server closes the slow connection once the timeout passed: a read sees the end.
    std::array<char, 256> buf{};
    boost::system::error_code ec;
    const auto before_read = std::chrono::steady_clock::now();
    slow.read_some(asio::buffer(buf), ec);
    const auto waited = std::chrono::steady_clock::now() - before_read;
    EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
    EXPECT_LT(waited, 5s);
}

TEST_F(ServerHttp, AnOversizedRequestHeadIs431) {
    start();
    const auto r = http_request(port(), "/boards/alpha?as_of=" + std::string(20000, '1'));
    EXPECT_EQ(r.status, 431u);
}

TEST_F(ServerHttp, ConcurrentClientsEachGetTheWholePage) {
    auto options = test_options();
    options.workers = 2; // fewer workers and connections than clients
    start(options);
    const std::vector<std::string> targets = {"/", "/boards/alpha", "/boards/alpha.json",
                                              "/boards/alpha.csv?as_of=2025-07-01"};
    std::map<std::string, std::string> expected;
    for (const auto& t : targets) {
        expected[t] = get(t).body;
    }
    std::atomic<int> wrong{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 20; ++c) {
        clients.emplace_back([&, c] {
            for (int i = 0; i < 10; ++i) {
                const auto& t = targets[static_cast<std::size_t>(c + i) % targets.size()];
                const auto r = http_request(port(), t);
                if (r.status != 200 || r.body != expected[t]) {
                    ++wrong;
                }
            }
        });
    }
    for (auto& t : clients) {
        t.join();
    }
    EXPECT_EQ(wrong.load(), 0);
}

TEST_F(ServerHttp, WithoutTheDatabasePagesAre503AndTheServerStaysUp) {
    auto options = test_options();
    options.listen = {"127.0.0.1", 0};
    options.conninfo = with_database(url_, "no_such_database_here");
    server_ = std::make_unique<lbtrack::serve::server>(options);
    server_->start();
    EXPECT_EQ(get("/").status, 503u);
    EXPECT_EQ(get("/boards/alpha.json").status, 503u);
    EXPECT_EQ(get("/style.css").status, 200u);
}

TEST_F(ServerHttp, ThePortIsTheOneBoundAndStopReleasesIt) {
    start();
    const auto p = port();
    EXPECT_NE(p, 0);
    EXPECT_EQ(get("/").status, 200u);
    stop();
    namespace asio = boost::asio;
    asio::io_context io;
    asio::ip::tcp::socket s(io);
    boost::system::error_code ec;
    s.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), p), ec);
    EXPECT_TRUE(ec) << "still accepting after stop()";
}

TEST(ServeListen, ParsesHostAndPortAndRefusesTheRest) {
    using lbtrack::serve::parse_listen;
    EXPECT_EQ(parse_listen("127.0.0.1:8080").host, "127.0.0.1");
    EXPECT_EQ(parse_listen("127.0.0.1:8080").port, 8080);
    EXPECT_EQ(parse_listen("[::1]:9000").host, "::1");
    EXPECT_EQ(parse_listen("[::1]:9000").port, 9000);
    EXPECT_EQ(parse_listen("localhost:0").port, 0);
    for (const char* bad : {"8080", "127.0.0.1", "127.0.0.1:", ":8080", "127.0.0.1:65536",
                            "127.0.0.1:80x", "::1:8080", "[::1]8080"}) {
        EXPECT_THROW(parse_listen(bad), lbtrack::usage_error) << bad;
    }
}

} // namespace
