// Wall time of fetching 20 slow sources with fetch_all (concurrent, one thread) versus one
// curl_fetcher after the other, against the tests' loopback server where every answer takes 1 s.
// Expect about 1 s for fetch_all and 20 s sequentially. A plain program: the interesting figure
// is one wall time per strategy, not a statistic over many iterations.
// Run with build/bench/concurrent_fetch_bench.

#include "support/http_test_server.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/fetcher.hpp"
#include "lbtrack/ingest/multi_fetcher.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using lbtrack::ingest::fetch_request;
using lbtrack::ingest::multi_request;

constexpr int source_count = 20;
constexpr auto answer_delay = 1s;

std::vector<multi_request> requests_for(const lbtrack::test::http_test_server& server) {
    std::vector<multi_request> requests;
    for (int i = 0; i < source_count; ++i) {
        multi_request request;
        request.request.source_id = fmt::format("board-{:02}", i);
        request.request.url = fmt::format("{}/board-{:02}.json", server.base_url(), i);
        request.request.timeout = 10s;
        requests.push_back(std::move(request));
    }
    return requests;
}

double seconds_since(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

} // namespace

int main() {
    lbtrack::test::http_test_server server;
    for (int i = 0; i < source_count; ++i) {
        server.route(fmt::format("/board-{:02}.json", i),
                     {.body = fmt::format(R"({{"board":{}}})", i), .delay = answer_delay});
    }
    const std::vector<multi_request> requests = requests_for(server);

    auto started = std::chrono::steady_clock::now();
    const auto outcomes = lbtrack::ingest::fetch_all(requests);
    const double concurrent = seconds_since(started);
    int failed = 0;
    for (const auto& outcome : outcomes) {
        if (!outcome.result) {
            ++failed;
            fmt::print(stderr, "fetch_all: {}\n",
                       outcome.error ? outcome.error->what() : "no result");
        }
    }
    fmt::print("fetch_all, {} sources delayed {} ms: {:.2f} s wall ({} failed)\n", source_count,
               std::chrono::milliseconds(answer_delay).count(), concurrent, failed);

    lbtrack::ingest::curl_fetcher fetcher;
    started = std::chrono::steady_clock::now();
    for (const auto& request : requests) {
        try {
            fetcher.fetch(request.request);
        } catch (const lbtrack::fetch_error& e) {
            ++failed;
            fmt::print(stderr, "curl_fetcher: {}\n", e.what());
        }
    }
    const double sequential = seconds_since(started);
    fmt::print("curl_fetcher one by one, same sources: {:.2f} s wall\n", sequential);
    fmt::print("speed-up: {:.1f}x\n", sequential / concurrent);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
