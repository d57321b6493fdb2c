// fetch_all: every request's attempts run as easy transfers in one libcurl multi handle, driven
// by a curl_multi_poll loop on the calling thread; a request waiting for its retry is just a
// start time that bounds the next poll.
//
// Why curl_multi_poll rather than multi_socket under a Boost.Asio io_context: a run fetches tens
// of sources, so scanning them on each wakeup costs nothing, while multi_socket needs socket and
// timer callbacks whose descriptor lifetimes are easy to get wrong, and would pull Boost into
// lbtrack_ingest. multi_socket pays off with thousands of connections or an event loop shared
// with other work; a daily batch has neither. curl_multi_poll also waits without any transfer
// in the handle, which is exactly a backoff wait, and stops early when libcurl needs to act.

#include "lbtrack/ingest/multi_fetcher.hpp"

#include "curl_transfer.hpp"
#include "retry_timing.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <random>
#include <utility>

namespace lbtrack::ingest {

namespace {

using steady_clock = std::chrono::steady_clock;

// The longest single poll. libcurl shortens it to its own timers and any socket activity ends
// it early, so this only bounds how long a lost wakeup could go unnoticed.
constexpr std::chrono::milliseconds max_poll_wait{1000};

std::function<double()> default_jitter() {
    return [engine = std::mt19937(std::random_device{}()),
            uniform = std::uniform_real_distribution<double>(0.0, 1.0)]() mutable {
        return uniform(engine);
    };
}

/// One request on its way through its attempts.
struct slot {
    const multi_request* request = nullptr;
    multi_outcome outcome;
    /// When the next attempt may start; set only while waiting to start one.
    std::optional<steady_clock::time_point> start_at;
    /// The attempt in flight, if any; `membership` is released first (declared after).
    std::unique_ptr<detail::curl_transfer> transfer;
    net::multi_membership membership;
    bool done = false;
};

/// The state of one fetch_all call.
class multi_run {
public:
    multi_run(const std::vector<multi_request>& requests, const retry_policy& policy,
              std::function<double()> jitter)
        : multi_(curl_multi_init()), policy_(policy), jitter_(std::move(jitter)) {
        if (!multi_) {
            throw error("libcurl could not create a multi handle");
        }
        policy_.max_attempts = std::max(1, policy_.max_attempts);
        slots_.reserve(requests.size());
        for (const auto& request : requests) {
            slot& s = slots_.emplace_back();
            s.request = &request;
            s.outcome.source_id = request.request.source_id;
            if (auto problem = detail::request_problem(request.request)) {
                s.outcome.attempts = 1;
                fail(s, *problem, retry_verdict::permanent);
            } else {
                s.start_at = steady_clock::now();
            }
        }
    }

    std::vector<multi_outcome> run() {
        while (true) {
            start_due_attempts();
            if (std::ranges::all_of(slots_, &slot::done)) {
                break;
            }
            int running = 0;
            if (const CURLMcode code = curl_multi_perform(multi_.get(), &running);
                code != CURLM_OK) {
                abandon(code);
                break;
            }
            collect_finished();
            if (std::ranges::all_of(slots_, &slot::done)) {
                break;
            }
            const int wait_ms = static_cast<int>(next_wait().count());
            if (const CURLMcode code = curl_multi_poll(multi_.get(), nullptr, 0, wait_ms, nullptr);
                code != CURLM_OK) {
                abandon(code);
                break;
            }
        }
        std::vector<multi_outcome> outcomes;
        outcomes.reserve(slots_.size());
        for (auto& s : slots_) {
            outcomes.push_back(std::move(s.outcome));
        }
        return outcomes;
    }

private:
    void start_due_attempts() {
        const auto now = steady_clock::now();
        for (auto& s : slots_) {
            if (s.start_at && *s.start_at <= now) {
                start(s);
            }
        }
    }

    void start(slot& s) {
        s.start_at.reset();
        ++s.outcome.attempts;
        try {
            s.transfer =
                std::make_unique<detail::curl_transfer>(s.request->request, s.request->conditional);
        } catch (const fetch_error& e) {
            // Handle creation or an option failed: the same would happen on every attempt.
            s.outcome.error = e;
            s.done = true;
            return;
        }
        if (const CURLMcode code = curl_multi_add_handle(multi_.get(), s.transfer->handle());
            code != CURLM_OK) {
            s.transfer.reset();
            fail(s,
                 fmt::format("libcurl could not start the transfer: {}", curl_multi_strerror(code)),
                 retry_verdict::transient);
            return;
        }
        s.membership = net::multi_membership(s.transfer->handle(), {multi_.get()});
    }

    void collect_finished() {
        int queued = 0;
        while (const CURLMsg* message = curl_multi_info_read(multi_.get(), &queued)) {
            if (message->msg != CURLMSG_DONE) {
                continue;
            }
            // The message dies with the handle's removal: copy what we need first.
            CURL* const easy = message->easy_handle;
            const CURLcode code = message->data.result;
            const auto found = std::ranges::find_if(slots_, [easy](const slot& s) {
                return s.transfer && s.transfer->handle() == easy;
            });
            if (found != slots_.end()) {
                on_finished(*found, code);
            }
        }
    }

    void on_finished(slot& s, CURLcode code) {
        detail::transfer_end end = s.transfer->finish(code);
        s.membership.reset(); // out of the multi handle before the easy handle goes
        s.transfer.reset();
        if (end.result) {
            s.outcome.result = std::move(end.result);
            s.done = true;
        } else if (end.not_modified) {
            s.outcome.not_modified = true;
            s.done = true;
        } else if (end.verdict == retry_verdict::transient &&
                   s.outcome.attempts < policy_.max_attempts) {
            s.start_at = steady_clock::now() + detail::retry_delay(policy_, s.outcome.attempts,
                                                                   jitter_(), end.retry_after);
        } else {
            s.outcome.no_answer = end.no_answer;
            fail(s, end.failure, end.verdict);
        }
    }

    /// How long to poll: until the next scheduled attempt, at most max_poll_wait, at least 0.
    std::chrono::milliseconds next_wait() const {
        auto wait = max_poll_wait;
        const auto now = steady_clock::now();
        for (const auto& s : slots_) {
            if (s.start_at) {
                // Rounded up: waking a fraction of a millisecond early would spin once more.
                const auto until = std::chrono::ceil<std::chrono::milliseconds>(*s.start_at - now);
                wait = std::min(wait, std::max(until, std::chrono::milliseconds::zero()));
            }
        }
        return wait;
    }

    /// The multi handle itself failed (out of memory, a libcurl bug): every request still open
    /// fails with that reason, and those already finished keep their outcome.
    void abandon(CURLMcode code) {
        const std::string reason =
            fmt::format("libcurl multi interface failed: {}", curl_multi_strerror(code));
        for (auto& s : slots_) {
            if (!s.done) {
                s.membership.reset();
                s.transfer.reset();
                s.start_at.reset();
                fail(s, reason, retry_verdict::transient);
            }
        }
    }

    /// Ends the request with `reason`; a transient `verdict` here means the attempts ran out
    /// (or the multi handle failed), and a later run may still succeed.
    void fail(slot& s, const std::string& reason, retry_verdict verdict) {
        const auto& request = s.request->request;
        std::string what = reason;
        if (s.outcome.attempts > 1) {
            what += fmt::format(" (after {} attempts)", s.outcome.attempts);
        }
        s.outcome.error = fetch_error(request.source_id, request.url, what, verdict);
        s.done = true;
    }

    // multi_ first: destroyed last, after every slot has left it.
    net::multi_handle multi_;
    retry_policy policy_;
    std::function<double()> jitter_;
    std::vector<slot> slots_;
};

} // namespace

std::vector<multi_outcome> fetch_all(const std::vector<multi_request>& requests,
                                     const retry_policy& policy, std::function<double()> jitter) {
    if (requests.empty()) {
        return {};
    }
    net::ensure_curl_initialised();
    if (!jitter) {
        jitter = default_jitter();
    }
    return multi_run(requests, policy, std::move(jitter)).run();
}

} // namespace lbtrack::ingest
