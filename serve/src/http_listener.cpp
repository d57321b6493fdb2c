#include "http_listener.hpp"

#include "lbtrack/core/errors.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <optional>

namespace lbtrack::serve {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// A request head (request line and headers) larger than this is refused with 431: our URLs are
// short and browsers send 1-2 KiB of headers; the default of 8 KiB would refuse some large
// cookie jars of a proxied site, so 16 KiB.
constexpr std::uint32_t header_limit = 16 * 1024;

class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket&& socket, asio::thread_pool& workers,
            std::shared_ptr<const request_handler> handler, listener_limits limits,
            std::shared_ptr<std::atomic<std::size_t>> open_connections)
        : stream_(std::move(socket)), workers_(workers), handler_(std::move(handler)),
          limits_(limits), open_connections_(std::move(open_connections)) {}

    ~session() { --*open_connections_; }
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    void start() {
        asio::dispatch(stream_.get_executor(),
                       beast::bind_front_handler(&session::read, shared_from_this()));
    }

private:
    void read() {
        parser_.emplace();
        parser_->header_limit(header_limit);
        // The whole request head must arrive within the timeout, however it is trickled.
        stream_.expires_after(answered_ == 0 ? limits_.read_timeout : limits_.idle_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t /*bytes*/) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
            return close();
        }
        if (ec) {
            // Not HTTP we accept: a malformed line, a body on a GET (empty_body refuses it), a
            // head past header_limit. Answered once, then the connection is closed: after a
            // framing error the next bytes cannot be trusted to start a request.
            const bool too_large = ec == http::error::header_limit;
            http_response res{too_large ? 431u : 400u, "text/plain; charset=utf-8",
                              too_large ? "request header too large\n"
                                        : fmt::format("bad request: {}\n", ec.message())};
            return write(std::move(res), false, 11, false);
        }
        const auto& req = parser_->get();
        http_request request{std::string(req.method_string()), std::string(req.target()),
                             std::string(req[http::field::accept])};
        const bool keep_alive = req.keep_alive();
        const unsigned version = req.version();
        const bool head = req.method() == http::verb::head;
        // The worker's time is bounded by the pool wait and the statement timeout, not here.
        stream_.expires_never();
        asio::post(workers_, [self = shared_from_this(), request = std::move(request), keep_alive,
                              version, head]() mutable {
            http_response res;
            try {
                res = (*self->handler_)(request);
            } catch (const std::exception& e) {
                spdlog::error("{} {}: {}", request.method, request.target, e.what());
                res = {500, "text/plain; charset=utf-8", "internal error\n"};
            }
            auto executor = self->stream_.get_executor();
            asio::post(executor, [self = std::move(self), res = std::move(res), keep_alive, version,
                                  head]() mutable {
                self->write(std::move(res), keep_alive, version, head);
            });
        });
    }

    void write(http_response r, bool keep_alive, unsigned version, bool head) {
        auto res = std::make_unique<http::response<http::string_body>>(
            static_cast<http::status>(r.status), version);
        res->set(http::field::server, "lbtrack");
        res->set(http::field::content_type, r.content_type);
        for (const auto& [name, value] : security_headers()) {
            res->set(name, value);
        }
        for (const auto& [name, value] : r.headers) {
            res->set(name, value);
        }
        res->keep_alive(keep_alive);
        // HEAD: the length GET would send, and no body.
        const auto length = r.body.size();
        if (!head) {
            res->body() = std::move(r.body);
        }
        res->content_length(length);
        const bool close_after = !res->keep_alive();
        response_ = std::move(res);
        stream_.expires_after(limits_.write_timeout);
        http::async_write(
            stream_, *response_,
            beast::bind_front_handler(&session::on_write, shared_from_this(), close_after));
    }

    void on_write(bool close_after, beast::error_code ec, std::size_t /*bytes*/) {
        response_.reset();
        if (ec || close_after) {
            return close();
        }
        ++answered_;
        read();
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.close();
    }

    beast::tcp_stream stream_;
    asio::thread_pool& workers_;
    std::shared_ptr<const request_handler> handler_;
    listener_limits limits_;
    std::shared_ptr<std::atomic<std::size_t>> open_connections_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::empty_body>> parser_;
    std::unique_ptr<http::response<http::string_body>> response_;
    std::size_t answered_ = 0;
};

tcp::endpoint resolve(asio::io_context& io, const endpoint& where) {
    beast::error_code ec;
    tcp::resolver resolver(io);
    const auto results = resolver.resolve(where.host, std::to_string(where.port),
                                          tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
        throw error(fmt::format("serve: cannot resolve listen address '{}': {}", where.host,
                                ec ? ec.message() : "no address"));
    }
    return results.begin()->endpoint();
}

} // namespace

const std::vector<std::pair<std::string, std::string>>& security_headers() {
    static const std::vector<std::pair<std::string, std::string>> headers = {
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        // The pages need no script; styles come from /style.css; the icon is a data: URL.
        {"Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
    };
    return headers;
}

http_listener::http_listener(asio::io_context& io, asio::thread_pool& workers,
                             const endpoint& where, request_handler handler, listener_limits limits)
    : io_(io), workers_(workers), acceptor_(asio::make_strand(io)),
      handler_(std::make_shared<const request_handler>(std::move(handler))), limits_(limits),
      open_connections_(std::make_shared<std::atomic<std::size_t>>(0)) {
    const auto ep = resolve(io, where);
    beast::error_code ec;
    acceptor_.open(ep.protocol(), ec);
    if (!ec) {
        acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        acceptor_.bind(ep, ec);
    }
    if (!ec) {
        acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        throw error(
            fmt::format("serve: cannot listen on {}:{}: {}", where.host, where.port, ec.message()));
    }
}

void http_listener::start() {
    asio::dispatch(acceptor_.get_executor(),
                   beast::bind_front_handler(&http_listener::accept, shared_from_this()));
}

void http_listener::accept() {
    acceptor_.async_accept(asio::make_strand(io_), [self = shared_from_this()](beast::error_code ec,
                                                                               tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !self->acceptor_.is_open()) {
            return;
        }
        if (!ec) {
            if (self->open_connections_->load() >= self->limits_.max_connections) {
                beast::error_code ignored;
                socket.close(ignored);
            } else {
                ++*self->open_connections_;
                std::make_shared<session>(std::move(socket), self->workers_, self->handler_,
                                          self->limits_, self->open_connections_)
                    ->start();
            }
        }
        self->accept();
    });
}

void http_listener::close() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ignored;
        self->acceptor_.close(ignored);
    });
}

unsigned short http_listener::port() const {
    return acceptor_.local_endpoint().port();
}

} // namespace lbtrack::serve
