#pragma once
// Prepares payloads on worker threads, in order, while the caller stores earlier ones: a
// replay parses, resolves and compresses days i+1 and i+2 while day i is written. With one
// worker, preparing was the longer half on a wide board (openllm-v2: ~27 ms of CPU a day on
// the worker against ~10 ms storing, perf of the replay, docs/benchmarks.md section 6), so the
// storing thread waited for it; two workers prepare two days at once.

#include "pipeline/ingest_pipeline.hpp"

#include <boost/asio/thread_pool.hpp>

#include <deque>
#include <functional>
#include <future>
#include <mutex>

namespace lbtrack::app {

class prepare_ahead {
public:
    /// Payloads prepared at once. Each costs memory while prepared (a day's entries and its
    /// compressed payload: ~10 MB on openllm-v2), and a third worker would compete for the cores
    /// with the storing thread and the database server.
    static constexpr std::size_t workers = 2;

    /// `src` and `resolver` must outlive this object; the resolver is shared with the workers
    /// (its memo is locked, and what it makes of a name does not depend on the order).
    prepare_ahead(const source& src, const ingest::model_resolver& resolver);
    /// Waits for the work still queued: the worker never outlives what it reads.
    ~prepare_ahead();
    prepare_ahead(const prepare_ahead&) = delete;
    prepare_ahead& operator=(const prepare_ahead&) = delete;

    /// Calls `handle(i, payload i prepared)` on this thread for each i in [first, end), in
    /// order, while payloads i + 1 and i + 2 are read (`load`, one call at a time: it need not
    /// be thread-safe) and prepared on the workers. What `load` throws comes out in its
    /// payload's turn, as if read then.
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
    std::mutex load_mutex_; ///< held by a worker while it calls `load`
    boost::asio::thread_pool worker_{workers};
    std::deque<std::future<prepared_payload>> pending_;
};

} // namespace lbtrack::app
