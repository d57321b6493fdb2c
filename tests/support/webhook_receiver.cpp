#include "support/webhook_receiver.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <cstdint>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace lbtrack::test {

std::optional<std::string> received_request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (boost::beast::iequals(key, boost::beast::string_view(name.data(), name.size()))) {
            return value;
        }
    }
    return std::nullopt;
}

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::beast::error_code;
using tcp = asio::ip::tcp;

/// What the server thread records and the test thread reads.
class journal {
public:
    void queue(std::size_t count, const receiver_answer& answer) {
        // Beast throws on a status above 999, and on the server thread that would terminate.
        if (answer.status < 100 || answer.status > 999) {
            throw std::invalid_argument(
                fmt::format("webhook_receiver: status {} is not a 3-digit code", answer.status));
        }
        const std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < count; ++i) {
            queued_.push_back(answer);
        }
    }

    /// Records `request` and picks its answer.
    receiver_answer record(received_request request) {
        const std::lock_guard lock(mutex_);
        ++count_;
        if (kept_.size() < webhook_receiver::max_kept) {
            kept_.push_back(std::move(request));
        }
        if (queued_.empty()) {
            return receiver_answer{.status = 200, .body = "ok", .headers = {}};
        }
        receiver_answer answer = std::move(queued_.front());
        queued_.pop_front();
        return answer;
    }

    std::vector<received_request> kept() const {
        const std::lock_guard lock(mutex_);
        return kept_;
    }

    std::size_t count() const {
        const std::lock_guard lock(mutex_);
        return count_;
    }

private:
    mutable std::mutex mutex_;
    std::deque<receiver_answer> queued_;
    std::vector<received_request> kept_;
    std::size_t count_ = 0;
};

/// One connection: read one request, record it, answer, close. Kept alive by the shared_ptr in
/// its pending handler.
class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket socket, journal& log) : socket_(std::move(socket)), log_(log) {
        parser_.body_limit(webhook_receiver::max_body);
    }

    void start() {
        http::async_read(socket_, buffer_, parser_,
                         [self = shared_from_this()](error_code ec, std::size_t) {
                             if (ec == http::error::body_limit) {
                                 self->respond({.status = 413, .body = "too large", .headers = {}});
                             } else if (!ec) {
                                 self->on_request();
                             }
                         });
    }

private:
    void on_request() {
        const auto& request = parser_.get();
        received_request record;
        record.method = std::string(request.method_string());
        record.target = std::string(request.target());
        for (const auto& field : request) {
            record.headers.emplace_back(std::string(field.name_string()),
                                        std::string(field.value()));
        }
        record.body = request.body();
        respond(log_.record(std::move(record)));
    }

    void respond(const receiver_answer& answer) {
        response_.version(11);
        response_.result(answer.status);
        response_.keep_alive(false);
        response_.set(http::field::content_type, "text/plain");
        for (const auto& [name, value] : answer.headers) {
            response_.set(name, value);
        }
        response_.body() = answer.body;
        response_.prepare_payload();
        http::async_write(socket_, response_, [self = shared_from_this()](error_code, std::size_t) {
            error_code ignored;
            self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
        });
    }

    tcp::socket socket_;
    journal& log_;
    boost::beast::flat_buffer buffer_;
    http::request_parser<http::string_body> parser_;
    http::response<http::string_body> response_;
};

} // namespace

struct webhook_receiver::impl {
    // Declared first so it is destroyed last: destroying it drops unfinished sessions, which
    // refer to the journal.
    asio::io_context io;
    tcp::acceptor acceptor{io};
    journal log;
    std::uint16_t port = 0;
    std::thread thread;

    void accept() {
        acceptor.async_accept([this](error_code ec, tcp::socket socket) {
            if (ec) {
                return; // stopping, or out of descriptors: either way stop accepting
            }
            std::make_shared<session>(std::move(socket), log)->start();
            accept();
        });
    }
};

webhook_receiver::webhook_receiver() : impl_(std::make_unique<impl>()) {
    const tcp::endpoint endpoint{asio::ip::address_v4::loopback(), 0};
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen();
    impl_->port = impl_->acceptor.local_endpoint().port();
    impl_->accept();
    impl_->thread = std::thread([io = &impl_->io] { io->run(); });
}

webhook_receiver::~webhook_receiver() {
    impl_->io.stop();
    impl_->thread.join();
}

std::string webhook_receiver::base_url() const {
    return fmt::format("http://127.0.0.1:{}", impl_->port);
}

void webhook_receiver::answer_next(std::size_t count, receiver_answer answer) {
    impl_->log.queue(count, answer);
}

void webhook_receiver::fail_next(std::size_t count, unsigned status) {
    impl_->log.queue(count, receiver_answer{.status = status, .body = {}, .headers = {}});
}

std::vector<received_request> webhook_receiver::requests() const {
    return impl_->log.kept();
}

std::size_t webhook_receiver::request_count() const {
    return impl_->log.count();
}

} // namespace lbtrack::test
