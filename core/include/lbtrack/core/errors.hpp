#pragma once
// One exception type per failure family, each carrying the context a user needs to act
// (source id, file, row, column, config key). They are caught once in main() and mapped to
// the exit codes documented in the README.

#include <stdexcept>
#include <string>
#include <vector>

namespace lbtrack {

/// Base of every error lbtrack reports on purpose (as opposed to a bug).
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What another attempt can do about a failure. The code that sees the failure knows (a 503 is
/// not a 401); the code that retries does not, and reads this verdict instead of the message.
/// libpqxx 8 classifies its errors the same way, by what the caller can still do
/// (failure::poisons_connection(), poisons_transaction()).
enum class retry_verdict {
    /// The same attempt fails the same way until someone changes something: a wrong URL or
    /// credential (404, 401), a certificate that does not verify, a refused scheme, a body over
    /// the cap. Trying again only repeats the failure (and may get a webhook's token revoked).
    permanent,
    /// Another attempt may succeed: a timeout, a refused or reset connection, an overloaded or
    /// restarting server (5xx, 429, 408).
    transient,
};

/// An attempt to reach something outside the process (a board's server, a webhook, an SMTP
/// server) failed, with the verdict of the code that saw it on trying again.
class attempt_error : public error {
public:
    attempt_error(const std::string& what, retry_verdict verdict)
        : error(what), verdict_(verdict) {}
    retry_verdict verdict() const noexcept { return verdict_; }
    bool transient() const noexcept { return verdict_ == retry_verdict::transient; }

private:
    retry_verdict verdict_;
};

/// The fetch of a source failed: network error, non-2xx answer, timeout, size cap. Permanent
/// unless the fetcher says otherwise (curl_transfer.cpp, net/retry_verdict.hpp).
class fetch_error : public attempt_error {
public:
    fetch_error(std::string source_id, std::string url, const std::string& what,
                retry_verdict verdict = retry_verdict::permanent);
    const std::string& source_id() const noexcept { return source_id_; }
    const std::string& url() const noexcept { return url_; }

private:
    std::string source_id_;
    std::string url_;
};

/// A payload could not be read as a table: `row` and `column` are 1-based positions in the
/// payload (row counts the header as row 1 for CSV; 0 means "not known").
class parse_error : public error {
public:
    parse_error(std::string source_id, std::string origin, std::size_t row, std::size_t column,
                const std::string& what);
    const std::string& source_id() const noexcept { return source_id_; }
    const std::string& origin() const noexcept { return origin_; }
    std::size_t row() const noexcept { return row_; }
    std::size_t column() const noexcept { return column_; }

private:
    std::string source_id_;
    std::string origin_;
    std::size_t row_;
    std::size_t column_;
};

/// A page with no table the source's choice accepts: a page from before its board existed
/// (arena-hard-auto's README until 2024-04-16), a blog post that holds no leaderboard. A replay
/// records such a file as "no board", apart from failures; a run fails the source (a live page
/// that lost its board is news).
class no_board_error : public parse_error {
public:
    using parse_error::parse_error;
};

/// The parsed table does not satisfy the source's contract (duplicates, collapse, ...).
class validation_error : public error {
public:
    validation_error(std::string source_id, const std::string& what);
    const std::string& source_id() const noexcept { return source_id_; }

private:
    std::string source_id_;
};

/// Columns the source's mapping requires are gone: upstream renamed or dropped them.
class schema_drift_error : public validation_error {
public:
    schema_drift_error(std::string source_id, std::string origin, std::vector<std::string> missing,
                       std::vector<std::string> unexpected);
    const std::vector<std::string>& missing() const noexcept { return missing_; }
    const std::vector<std::string>& unexpected() const noexcept { return unexpected_; }

private:
    std::vector<std::string> missing_;
    std::vector<std::string> unexpected_;
};

/// The configuration file is unreadable or wrong: exit code 2.
class config_error : public error {
public:
    config_error(std::string file, std::size_t line, std::string key, const std::string& what);
    const std::string& file() const noexcept { return file_; }
    std::size_t line() const noexcept { return line_; }
    const std::string& key() const noexcept { return key_; }

private:
    std::string file_;
    std::size_t line_;
    std::string key_;
};

/// The command line is wrong (unknown source, unparseable date, ...): exit code 2.
class usage_error : public error {
public:
    using error::error;
};

/// No database could be reached or started: exit code 3.
class database_unavailable : public error {
public:
    using error::error;
};

/// Another lbtrack run holds the run lock.
class run_locked_error : public error {
public:
    using error::error;
};

/// Process exit codes (README, "Exit codes").
enum class exit_code : int {
    ok = 0,
    source_failed = 1,
    bad_usage = 2,
    database_unavailable = 3,
    /// Every source OK, but a notification sink failed; its message stays queued for the next
    /// run (a source failure, 1, takes precedence).
    notification_failed = 4,
};

} // namespace lbtrack
