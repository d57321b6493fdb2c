#include "pipeline/reported_when_durable.hpp"

#include "lbtrack/store/connection.hpp"

namespace lbtrack::app {

reported_when_durable::reported_when_durable(pqxx::connection_base& conn,
                                             std::chrono::milliseconds interval)
    : conn_(conn), interval_(interval), last_flush_(std::chrono::steady_clock::now()) {}

void reported_when_durable::hold(std::function<void()> say) {
    held_.push_back(std::move(say));
}

void reported_when_durable::tick() {
    if (std::chrono::steady_clock::now() - last_flush_ >= interval_) {
        flush();
    }
}

void reported_when_durable::flush() {
    if (held_.empty()) {
        return;
    }
    // A failure (the server gone) ends the replay here, what is held unsaid.
    store::wait_for_durable_commits(conn_);
    last_flush_ = std::chrono::steady_clock::now();
    auto said = std::move(held_);
    held_.clear();
    for (auto& say : said) {
        say();
    }
}

} // namespace lbtrack::app
