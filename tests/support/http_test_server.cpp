#include "support/http_test_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace lbtrack::test {

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::beast::error_code;
using tcp = asio::ip::tcp;

// How much a truncated answer's Content-Length overstates its body.
constexpr std::size_t truncated_by = 1024;

/// Name and value of each header of a request, in the order received.
using request_headers = std::vector<std::pair<std::string, std::string>>;

/// Routes and hit counts, written by the test thread and read by the server thread.
class route_table {
public:
    void set(std::string path, std::vector<http_route_response> responses) {
        if (responses.empty()) {
            throw std::invalid_argument("http_test_server: a route needs at least one response");
        }
        for (const auto& response : responses) {
            // Beast throws on a status above 999, and on the server thread that would terminate.
            if (response.status < 100 || response.status > 999) {
                throw std::invalid_argument(fmt::format(
                    "http_test_server: status {} is not a 3-digit code", response.status));
            }
        }
        const std::lock_guard lock(mutex_);
        routes_.insert_or_assign(std::move(path), route{std::move(responses), 0});
    }

    /// Counts a request for `path` and picks its answer.
    http_route_response answer(const std::string& path) {
        const std::lock_guard lock(mutex_);
        ++hits_[path];
        const auto found = routes_.find(path);
        if (found == routes_.end()) {
            return http_route_response{.status = 404,
                                       .body = "no route for " + path + "\n",
                                       .headers = {{"Content-Type", "text/plain"}}};
        }
        auto& route = found->second;
        const auto index = std::min(route.served, route.responses.size() - 1);
        ++route.served;
        return route.responses[index];
    }

    std::size_t hits(const std::string& path) const {
        const std::lock_guard lock(mutex_);
        const auto found = hits_.find(path);
        return found == hits_.end() ? 0 : found->second;
    }

    /// Keeps the headers of the latest request for `path`, replacing the previous request's.
    void record_headers(const std::string& path, request_headers headers) {
        const std::lock_guard lock(mutex_);
        last_headers_.insert_or_assign(path, std::move(headers));
    }

    std::optional<std::string> last_header(const std::string& path, std::string_view name) const {
        const std::lock_guard lock(mutex_);
        const auto found = last_headers_.find(path);
        if (found == last_headers_.end()) {
            return std::nullopt;
        }
        for (const auto& [header, value] : found->second) {
            if (boost::beast::iequals(header,
                                      boost::beast::string_view(name.data(), name.size()))) {
                return value;
            }
        }
        return std::nullopt;
    }

private:
    struct route {
        std::vector<http_route_response> responses;
        std::size_t served = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::string, route, std::less<>> routes_;
    std::map<std::string, std::size_t, std::less<>> hits_;
    std::map<std::string, request_headers, std::less<>> last_headers_;
};

/// One connection: read a request, wait out the delay on its own timer, answer, close. It keeps
/// itself alive through the shared_ptr captured by its pending handler.
class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket socket, route_table& routes)
        : socket_(std::move(socket)), timer_(socket_.get_executor()), routes_(routes) {}

    void start() {
        http::async_read(socket_, buffer_, request_,
                         [self = shared_from_this()](error_code ec, std::size_t) {
                             if (!ec) {
                                 self->on_request();
                             }
                         });
    }

private:
    void on_request() {
        const auto target = request_.target();
        const std::string_view whole(target.data(), target.size());
        const std::string path(whole.substr(0, whole.find('?')));
        request_headers headers;
        for (const auto& field : request_) {
            const auto name = field.name_string();
            const auto value = field.value();
            headers.emplace_back(std::string(name.data(), name.size()),
                                 std::string(value.data(), value.size()));
        }
        routes_.record_headers(path, std::move(headers));
        answer_ = routes_.answer(path);
        if (answer_.delay <= std::chrono::milliseconds::zero()) {
            respond();
            return;
        }
        timer_.expires_after(answer_.delay);
        timer_.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec) {
                self->respond();
            }
        });
    }

    void respond() {
        response_.version(11);
        response_.result(answer_.status);
        response_.keep_alive(false);
        response_.body() = answer_.body;
        for (const auto& [name, value] : answer_.headers) {
            response_.set(name, value);
        }
        if (answer_.truncate) {
            response_.content_length(answer_.body.size() + truncated_by);
        } else if (!response_.chunked()) {
            response_.prepare_payload();
        }
        // A client that gave up (timeout) makes this write fail; that is expected and ignored.
        http::async_write(socket_, response_, [self = shared_from_this()](error_code, std::size_t) {
            error_code ignored;
            self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
        });
    }

    tcp::socket socket_;
    asio::steady_timer timer_;
    route_table& routes_;
    boost::beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http_route_response answer_;
    http::response<http::string_body> response_;
};

} // namespace

struct http_test_server::impl {
    // Declared first so it is destroyed last: destroying it drops the handlers of unfinished
    // connections, and with them the sessions that use the other members.
    asio::io_context io;
    tcp::acceptor acceptor{io};
    route_table routes;
    std::uint16_t port = 0;
    std::thread thread;

    void accept() {
        acceptor.async_accept([this](error_code ec, tcp::socket socket) {
            if (ec) {
                return; // stopping, or out of descriptors: either way stop accepting
            }
            std::make_shared<session>(std::move(socket), routes)->start();
            accept();
        });
    }
};

http_test_server::http_test_server() : impl_(std::make_unique<impl>()) {
    const tcp::endpoint endpoint{asio::ip::address_v4::loopback(), 0};
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen();
    impl_->port = impl_->acceptor.local_endpoint().port();
    impl_->accept();
    impl_->thread = std::thread([io = &impl_->io] { io->run(); });
}

http_test_server::~http_test_server() {
    // stop() rather than waiting for idle: a delayed answer nobody waits for any more must not
    // hold up the test.
    impl_->io.stop();
    impl_->thread.join();
}

std::string http_test_server::base_url() const {
    return fmt::format("http://127.0.0.1:{}", impl_->port);
}

void http_test_server::route(std::string path, http_route_response response) {
    std::vector<http_route_response> responses;
    responses.push_back(std::move(response));
    impl_->routes.set(std::move(path), std::move(responses));
}

void http_test_server::route_sequence(std::string path,
                                      std::vector<http_route_response> responses) {
    impl_->routes.set(std::move(path), std::move(responses));
}

std::size_t http_test_server::hits(const std::string& path) const {
    return impl_->routes.hits(path);
}

std::optional<std::string> http_test_server::last_request_header(const std::string& path,
                                                                 std::string_view name) const {
    return impl_->routes.last_header(path, name);
}

} // namespace lbtrack::test
