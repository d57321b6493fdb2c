#pragma once
// A replay commits without waiting for the WAL flush (commit_without_flush_wait): a database
// crash can lose its last commits. What it says about a day ("stored snapshot 1893", the day's
// report) is therefore held until that day's commit is durable, then said, in order. Issue 16: a
// snapshot logged as stored was gone after a postmaster SIGKILL mid-replay.
//
// Durable how: at most every `interval`, one commit that waits for the WAL flush. The WAL is
// flushed in order, so every earlier commit is durable with it. Measured on the replays of
// openllm-v2 and lmarena-text (docs/benchmarks.md): within the noise of a few percent, where
// waiting for the flush of every commit cost ~4% (docs/decisions.md).

#include <pqxx/pqxx>

#include <chrono>
#include <functional>
#include <vector>

namespace lbtrack::app {

class reported_when_durable {
public:
    /// A line comes at most about this long after its day was stored (plus one flush).
    static constexpr std::chrono::milliseconds default_interval{200};

    /// `conn`: the replay's connection (the one whose commits are held).
    explicit reported_when_durable(pqxx::connection_base& conn,
                                   std::chrono::milliseconds interval = default_interval);

    /// Holds `say`: what the caller prints about what it has committed, all of it, by now.
    void hold(std::function<void()> say);
    /// Flushes and says everything held when `interval` has passed since the last flush.
    void tick();
    /// Flushes and says everything held: the end of the replay. What is held when the replay
    /// stops on an exception instead is never said: it is not known to be durable.
    void flush();

private:
    pqxx::connection_base& conn_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_flush_;
    std::vector<std::function<void()>> held_;
};

} // namespace lbtrack::app
