#pragma once
// Prepares payloads on a worker thread, in order, while the caller stores earlier ones: a
// replay parses, resolves and compresses day i+1 while day i is written (the two halves took
// about the same time, one after the other, on a 2,700-row board).

#include "pipeline/ingest_pipeline.hpp"

#include <boost/asio/thread_pool.hpp>

#include <deque>
#include <functional>
#include <future>

namespace lbtrack::app {

class prepare_ahead {
public:
    /// `src` and `resolver` must outlive this object; the resolver is shared with the worker
    /// (its memo is locked).
    prepare_ahead(const source& src, const ingest::model_resolver& resolver);
    /// Waits for the work still queued: the worker never outlives what it reads.
    ~prepare_ahead();
    prepare_ahead(const prepare_ahead&) = delete;
    prepare_ahead& operator=(const prepare_ahead&) = delete;

    /// Calls `handle(i, payload i prepared)` on this thread for each i in [first, end), in
    /// order, while payload i + 1 is read (`load(i + 1)`) and prepared on the worker. What
    /// `load` throws comes out in its payload's turn, as if read then.
    void for_each(std::size_t first, std::size_t end,
                  const std::function<payload_input(std::size_t)>& load,
                  const std::function<void(std::size_t, prepared_payload&&)>& handle);

private:
    void submit(std::function<payload_input()> load);
    /// The oldest submitted payload, prepared (waits for it). Rethrows what preparing threw
    /// other than a bad payload (which comes back as prepared_payload::error).
    prepared_payload next();

    const source& src_;
    const ingest::model_resolver& resolver_;
    boost::asio::thread_pool worker_{1};
    std::deque<std::future<prepared_payload>> pending_;
};

} // namespace lbtrack::app
