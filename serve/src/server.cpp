#include "lbtrack/serve/server.hpp"

#include "connection_pool.hpp"
#include "http_listener.hpp"
#include "site.hpp"
#include "snapshot_cache.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/store/board_overview.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <thread>

namespace lbtrack::serve {

namespace asio = boost::asio;

endpoint parse_listen(std::string_view text) {
    const auto bad = [&] {
        return usage_error(fmt::format("--listen '{}': expected HOST:PORT (127.0.0.1:8080, "
                                       "[::1]:8080)",
                                       printable_text(text)));
    };
    std::string_view host;
    std::string_view port;
    if (text.starts_with('[')) {
        const auto close = text.find("]:");
        if (close == std::string_view::npos) {
            throw bad();
        }
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos || text.find(':') != colon) {
            throw bad();
        }
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() ||
        value > 65535) {
        throw bad();
    }
    return {std::string(host), static_cast<unsigned short>(value)};
}

struct server::impl {
    explicit impl(server_options o)
        : options(std::move(o)),
          pool({options.conninfo, static_cast<std::size_t>(std::max(1, options.workers)),
                std::chrono::duration_cast<std::chrono::milliseconds>(options.pool_wait),
                options.statement_timeout}),
          cache(options.cache_rows), pages(options, pool, cache) {}

    /// Reads every snapshot's leader once, so the first visit to the boards page is as fast as
    /// the next ones (the leaders need every row of every snapshot read once).
    void warm_up() {
        try {
            auto conn = pool.acquire();
            pqxx::read_transaction tx(*conn);
            cache.leaders(tx, store::snapshot_times(tx));
        } catch (const std::exception& e) {
            spdlog::warn("serve: could not read the boards' leaders ahead: {}", e.what());
        }
    }

    server_options options;
    connection_pool pool;
    snapshot_cache cache;
    site pages;
    asio::io_context io;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
    std::unique_ptr<asio::thread_pool> workers;
    std::shared_ptr<http_listener> listener;
    std::vector<std::thread> io_threads;
};

server::server(server_options options) : impl_(std::make_unique<impl>(std::move(options))) {}

server::~server() {
    stop();
}

void server::start() {
    auto& s = *impl_;
    s.workers = std::make_unique<asio::thread_pool>(std::max(1, s.options.workers));
    listener_limits limits{s.options.read_timeout, s.options.write_timeout, s.options.idle_timeout,
                           s.options.max_connections};
    s.listener = std::make_shared<http_listener>(
        s.io, *s.workers, s.options.listen,
        [&pages = s.pages](const http_request& r) { return pages.handle(r); }, limits);
    s.listener->start();
    s.keep_running.emplace(s.io.get_executor());
    for (int i = 0; i < std::max(1, s.options.io_threads); ++i) {
        s.io_threads.emplace_back([&io = s.io] { io.run(); });
    }
    asio::post(*s.workers, [&s] { s.warm_up(); });
    spdlog::info("serving on http://{}:{}/", s.options.listen.host, port());
}

unsigned short server::port() const {
    return impl_->listener ? impl_->listener->port() : 0;
}

void server::stop() {
    auto& s = *impl_;
    if (!s.listener) {
        return;
    }
    s.listener->close();
    // The requests being answered finish; their answers are posted to the sockets' threads,
    // which keep running until the work guard goes and the connections close.
    s.workers->join();
    s.keep_running.reset();
    s.io.stop();
    for (auto& t : s.io_threads) {
        t.join();
    }
    s.io_threads.clear();
    s.listener.reset();
    s.workers.reset();
}

void server::run_until_signal() {
    asio::io_context signals_io;
    asio::signal_set signals(signals_io, SIGINT, SIGTERM);
    signals.async_wait([](const boost::system::error_code&, int signal) {
        spdlog::info("serve: signal {}, stopping", signal);
    });
    signals_io.run();
    stop();
}

} // namespace lbtrack::serve
