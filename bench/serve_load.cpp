// A load generator for `lbtrack serve` (bench/serve_load.sh runs it): CLIENTS threads, each
// with one keep-alive connection, request the pages of a list for SECONDS and record each
// answer's latency (request written to last body byte read). Prints p50/p95/p99/max per page
// kind, the throughput, and the latency of each kind's first request (nothing cached yet).
//
//   serve_load HOST PORT URLS_FILE [CLIENTS (20)] [SECONDS (30)]
//
// URLS_FILE: one "KIND<TAB>TARGET" per line ("board\t/boards/lmarena-text").

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using clock_type = std::chrono::steady_clock;

struct page {
    std::string kind;
    std::string target;
};

struct sample {
    std::size_t page = 0;
    double ms = 0;
    unsigned status = 0;
    std::size_t bytes = 0;
};

/// One keep-alive connection; reconnects when the server closed it.
class client {
public:
    client(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) {}

    sample get(std::size_t index, const std::string& target) {
        if (!stream_) {
            connect();
        }
        const auto t0 = clock_type::now();
        http::request<http::empty_body> req(http::verb::get, target, 11);
        req.set(http::field::host, host_);
        http::write(*stream_, req);
        http::response_parser<http::string_body> parser;
        parser.body_limit(256u << 20);
        http::read(*stream_, buffer_, parser);
        const double ms = std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
        const auto& res = parser.get();
        if (!res.keep_alive()) {
            stream_.reset();
        }
        return {index, ms, res.result_int(), res.body().size()};
    }

    /// Drops the connection: the next request opens a new one.
    void reset() { stream_.reset(); }

private:
    void connect() {
        stream_.emplace(io_);
        asio::ip::tcp::resolver resolver(io_);
        stream_->connect(resolver.resolve(host_, port_));
        buffer_.clear();
    }

    asio::io_context io_;
    std::string host_;
    std::string port_;
    std::optional<beast::tcp_stream> stream_;
    beast::flat_buffer buffer_;
};

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: serve_load HOST PORT URLS_FILE [CLIENTS] [SECONDS]\n";
        return 2;
    }
    const std::string host = argv[1];
    const std::string port = argv[2];
    const int clients = argc > 4 ? std::atoi(argv[4]) : 20;
    const int seconds = argc > 5 ? std::atoi(argv[5]) : 30;
    std::vector<page> pages;
    std::ifstream in(argv[3]);
    for (std::string line; std::getline(in, line);) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos) {
            pages.push_back({line.substr(0, tab), line.substr(tab + 1)});
        }
    }
    if (pages.empty()) {
        std::cerr << "no pages in " << argv[3] << "\n";
        return 2;
    }

    // Cold: the first request of each kind, one at a time, before any load (no cache warm).
    std::map<std::string, double> cold;
    {
        client c(host, port);
        for (std::size_t i = 0; i < pages.size(); ++i) {
            if (!cold.contains(pages[i].kind)) {
                cold[pages[i].kind] = c.get(i, pages[i].target).ms;
            }
        }
    }

    std::mutex mutex;
    std::vector<sample> samples;
    std::atomic<bool> stop{false};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    const auto start = clock_type::now();
    for (int t = 0; t < clients; ++t) {
        threads.emplace_back([&, t] {
            std::vector<sample> mine;
            client c(host, port);
            // Each client walks the list from its own place, so all pages are in flight at once.
            std::size_t i =
                static_cast<std::size_t>(t) * pages.size() / static_cast<std::size_t>(clients);
            while (!stop.load()) {
                try {
                    mine.push_back(c.get(i, pages[i].target));
                } catch (const std::exception&) {
                    ++failed;
                    c.reset();
                }
                i = (i + 1) % pages.size();
            }
            const std::lock_guard lock(mutex);
            samples.insert(samples.end(), mine.begin(), mine.end());
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) {
        t.join();
    }
    const double elapsed = std::chrono::duration<double>(clock_type::now() - start).count();

    std::map<std::string, std::vector<double>> by_kind;
    std::map<std::string, std::size_t> bytes;
    std::map<std::string, std::size_t> other_status;
    std::vector<double> all;
    std::size_t not_ok = 0;
    for (const auto& s : samples) {
        by_kind[pages[s.page].kind].push_back(s.ms);
        bytes[pages[s.page].kind] = std::max(bytes[pages[s.page].kind], s.bytes);
        all.push_back(s.ms);
        not_ok += s.status == 200 ? 0 : 1;
        other_status[pages[s.page].kind] += s.status == 200 ? 0 : 1;
    }
    fmt::print("{} clients, {} s, {} pages in the list, {} requests: {:.0f} requests/s; "
               "{} answers not 200 (/health says 503 when boards are stale), {} transport "
               "errors\n\n",
               clients, seconds, pages.size(), samples.size(),
               static_cast<double>(samples.size()) / elapsed, not_ok, failed.load());
    fmt::print("| page | requests | not 200 | p50 ms | p95 ms | p99 ms | max ms | first (cold) ms "
               "| largest answer KiB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (auto& [kind, v] : by_kind) {
        const auto n = v.size();
        fmt::print("| {} | {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {} |\n", kind, n,
                   other_status[kind], percentile(v, 0.5), percentile(v, 0.95), percentile(v, 0.99),
                   percentile(v, 1.0), cold[kind], bytes[kind] / 1024);
    }
    fmt::print("| **all** | {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | | |\n", all.size(),
               not_ok, percentile(all, 0.5), percentile(all, 0.95), percentile(all, 0.99),
               percentile(all, 1.0));
    // /health answers 503 on a history nobody fetches any more: not counted as a failure.
    return failed.load() == 0 ? 0 : 1;
}
