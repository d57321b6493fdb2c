#pragma once
// A real SMTP server on loopback for the email sink's tests: tests/support/smtp_test_server.py
// (aiosmtpd, run by Debian's /usr/bin/python3) as a child process. Each message it receives is
// parsed by Python's email package and dumped as JSON, so the tests check our MIME against an
// independent parser rather than against our own assumptions.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::test {

struct smtp_server_options {
    /// Both set: AUTH is required and only this pair accepted. Empty: no AUTH.
    std::string username{};
    std::string password{};
};

class smtp_test_server {
public:
    /// nullopt when /usr/bin/python3 can import aiosmtpd; otherwise why not, for GTEST_SKIP.
    static std::optional<std::string> unavailable();

    /// Starts the server and waits (bounded) until it accepts connections; throws
    /// std::runtime_error with the server's log when it does not.
    explicit smtp_test_server(smtp_server_options options = {});
    /// SIGTERM, then SIGKILL if it has not exited within a few seconds.
    ~smtp_test_server();
    smtp_test_server(const smtp_test_server&) = delete;
    smtp_test_server& operator=(const smtp_test_server&) = delete;

    std::uint16_t port() const { return port_; }
    /// "smtp://127.0.0.1:PORT"
    std::string url() const;
    /// The JSON record of every message received so far, in arrival order (see the script).
    std::vector<std::string> received() const;
    /// The raw bytes of the nth message received (0-based), as the server got them.
    std::string raw_message(std::size_t index) const;

private:
    /// Stops the child and removes the directory; safe to call twice.
    void stop() noexcept;

    std::string dir_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

} // namespace lbtrack::test
