#pragma once
// Prepares payloads on a worker thread, in order, while the caller stores earlier ones: a
// replay parses, resolves and compresses day i+1 while day i is written (the two halves took
// about the same time, one after the other, on a 2,700-row board).

#include "ingest_pipeline.hpp"

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

    /// Starts reading (`load`, on the worker) and preparing a payload after everything
    /// submitted before it. What `load` throws comes out of the next() call of this payload, in
    /// its turn, as if read then.
    void submit(std::function<payload_input()> load);
    /// The oldest submitted payload, prepared (waits for it). Rethrows what preparing threw
    /// other than a bad payload (which comes back as prepared_payload::error).
    prepared_payload next();

private:
    const source& src_;
    const ingest::model_resolver& resolver_;
    boost::asio::thread_pool worker_{1};
    std::deque<std::future<prepared_payload>> pending_;
};

} // namespace lbtrack::app
