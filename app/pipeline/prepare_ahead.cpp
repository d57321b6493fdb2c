#include "pipeline/prepare_ahead.hpp"

#include <boost/asio/post.hpp>

#include <stdexcept>

namespace lbtrack::app {

prepare_ahead::prepare_ahead(const source& src, const ingest::model_resolver& resolver)
    : src_(src), resolver_(resolver) {}

prepare_ahead::~prepare_ahead() {
    worker_.join();
}

void prepare_ahead::submit(std::function<payload_input()> load) {
    std::packaged_task<prepared_payload()> task(
        [this, load = std::move(load)] { return prepare_payload(src_, load(), resolver_); });
    pending_.push_back(task.get_future());
    boost::asio::post(worker_, std::move(task));
}

prepared_payload prepare_ahead::next() {
    if (pending_.empty()) {
        throw std::logic_error("prepare_ahead::next: nothing submitted");
    }
    auto future = std::move(pending_.front());
    pending_.pop_front();
    return future.get();
}

void prepare_ahead::for_each(std::size_t first, std::size_t end,
                             const std::function<payload_input(std::size_t)>& load,
                             const std::function<void(std::size_t, prepared_payload&&)>& handle) {
    // Each task holds its own copy of `load`: a task still queued when `handle` throws runs
    // after this call has returned, until the destructor joins the worker.
    const auto submit_one = [&](std::size_t i) { submit([load, i] { return load(i); }); };
    if (first < end) {
        submit_one(first);
    }
    for (auto i = first; i < end; ++i) {
        if (i + 1 < end) {
            submit_one(i + 1);
        }
        handle(i, next());
    }
}

} // namespace lbtrack::app
