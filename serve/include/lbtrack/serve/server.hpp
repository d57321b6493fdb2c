#pragma once
// `lbtrack serve`: the stored history as web pages, a JSON API, CSV tables and Atom feeds, over
// HTTP/1.1 (Boost.Beast). Read-only: every database session it opens is read-only, and it
// answers GET and HEAD only. Loopback by default; put a reverse proxy in front for anything else
// (README, "Serving the history").

#include "lbtrack/core/time.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::serve {

/// What a printed model name resolves to under today's rules and registry, and which rule or
/// alias decided (`lbtrack resolve`): the model page explains each spelling with it.
struct identity_explanation {
    std::string key;
    std::string display_name;
    std::string variant;
    std::string decided_by;
    bool provisional = true;
};

/// Resolves a printed name. Called from several request threads at once: must be thread-safe.
using identity_explainer = std::function<identity_explanation(const std::string& printed_name)>;

/// Where to listen.
struct endpoint {
    std::string host = "127.0.0.1";
    unsigned short port = 8080; ///< 0: any free port (tests)
};

/// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80", "localhost:8080"; throws lbtrack::usage_error
/// naming the text otherwise.
endpoint parse_listen(std::string_view text);

/// What `/health` calls stale or failing. Its HTTP status is 200 when nothing is, 503 otherwise,
/// so a monitor that only reads status codes alarms on either.
struct health_options {
    /// A watched source whose latest successful fetch is older than this is stale. Default 36 h:
    /// a daily run that is a few hours late is not an alarm, a missed day is.
    std::chrono::hours stale_after{36};
    /// A notification still undelivered after this long is a failing sink. Default 24 h: each
    /// daily run retries it once.
    std::chrono::hours outbox_after{24};
    /// A run holding the run lock longer than this is stuck. Default 2 h: the daily run of every
    /// configured board takes minutes.
    std::chrono::minutes run_lock_after{120};
    /// The sources a run is expected to fetch (the config's enabled ones): only they can be stale
    /// (archived boards stay in the database and never change). Empty: every stored source.
    std::vector<std::string> watched;
};

struct server_options {
    endpoint listen;
    /// libpq connection string; empty: libpq's PG* variables.
    std::string conninfo;
    /// Threads that answer requests, each with its own database connection when busy. Default 4:
    /// a page is a few milliseconds of queries and rendering, and the server it shares a small
    /// machine with (PostgreSQL) needs cores too.
    int workers = 4;
    /// Threads that read and write sockets. One keeps up with thousands of requests a second:
    /// they only move bytes.
    int io_threads = 1;
    /// A client must send its whole request head within this time, and take each response within
    /// `write_timeout`; otherwise it is disconnected. Slow-loris clients hold a socket, never a
    /// thread.
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds write_timeout{30};
    /// An idle keep-alive connection is closed after this.
    std::chrono::seconds idle_timeout{30};
    /// Connections past this many are closed at once: bounds the sockets (and memory) a flood of
    /// clients can take. Default 256.
    std::size_t max_connections = 256;
    /// A request whose page waits longer than this for a database connection gets 503.
    std::chrono::seconds pool_wait{5};
    /// Statement timeout of every query: a page is never worth more.
    std::chrono::seconds statement_timeout{15};
    /// Rows of stored snapshots kept decoded in memory (boards, diffs, feeds read them again and
    /// again). Default 300,000: ~150 MB, the 30 most recent snapshots of a 10,000-row board.
    std::size_t cache_rows = 300'000;
    /// Bytes of whole answers kept and served again while the history is unchanged (0: none).
    /// Default 64 MiB: every page of 35 boards and a few hundred models, several times over.
    std::size_t response_cache_bytes = 64u << 20;
    /// The longest a kept answer is served, for what depends on "now" (a board turning stale,
    /// ?since=7d). Default 60 s.
    std::chrono::seconds response_max_age{60};
    /// How long a read of the data version is trusted: an answer may lag a commit by this much,
    /// and checking costs one query per interval however many requests come. Default 1 s.
    std::chrono::milliseconds version_check_interval{1000};
    health_options health;
    identity_explainer explain; ///< empty: the model page shows stored facts only
    clock_fn now = system_now;
};

/// The HTTP server. start() binds and returns; the server answers on its own threads until
/// stop() or destruction.
class server {
public:
    explicit server(server_options options);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Binds the listening socket and starts the threads. Throws lbtrack::error when the address
    /// cannot be bound (in use, not local).
    void start();
    /// The bound port (the chosen one when the options said 0).
    unsigned short port() const;
    /// Stops accepting, finishes the requests in progress, joins the threads. Idempotent.
    void stop();
    /// Blocks until SIGINT or SIGTERM, then stops.
    void run_until_signal();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace lbtrack::serve
