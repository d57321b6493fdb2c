#pragma once
// Notification sinks: deliver one rendered report to a file, a chat webhook (generic JSON, Slack,
// Discord) or SMTP email. Rendering happens before (render.hpp); a sink only shapes the text for
// its channel's limits and delivers it. The pure parts (webhook_body, email_message) are apart
// from the delivery so tests can check exactly what would be sent without any network.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/time.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::notify {

/// One report, rendered once in every form a sink may need, so every channel says the same.
struct notification {
    /// One line (line breaks become spaces): email Subject, Slack header, Discord bold title.
    std::string subject;
    /// The terminal report without colours: chat bodies (in a code block) and the email's
    /// text/plain part.
    std::string text;
    /// The Markdown report: carried in the generic webhook for receivers that render it.
    std::string markdown;
    /// The HTML report: the email's text/html part; empty sends a text-only email.
    std::string html;
    /// The whole JSON report object (render_json), embedded as a value in the generic webhook;
    /// empty gives "report":null. Must be one JSON value: it is embedded as is, not checked.
    std::string json;
};

enum class webhook_style {
    generic, ///< {"schema":"lbtrack-notification","version":1,...}: for scripts and bridges
    slack,   ///< Slack incoming webhook: header + mrkdwn sections (Block Kit)
    discord, ///< Discord webhook: one "content" message of at most 2000 characters
};

struct webhook_target {
    webhook_style style = webhook_style::generic;
    /// http:// or https://. Slack and Discord webhook URLs are credentials: errors name only the
    /// host, never this URL.
    std::string url;
    /// Whole request, connection included. Chat services answer in well under a second; 20 s
    /// rides out a slow proxy without holding a cron run for minutes.
    std::chrono::seconds timeout{20};
};

struct smtp_target {
    /// smtp://host[:port] (STARTTLS when the server offers it) or smtps://host[:port] (TLS from
    /// the first byte, required). Credentials belong in username/password, not here.
    std::string url;
    /// Both empty: no AUTH. Sent only when username is non-empty, and then only over TLS unless
    /// the server is on this machine (localhost, 127.0.0.1, [::1]).
    std::string username;
    std::string password;
    /// "lbtrack@example.org" or "Leaderboards <lbtrack@example.org>"; the address inside <> is
    /// also the envelope sender (MAIL FROM).
    std::string from;
    /// Each an address or "Name <address>"; all appear in To: and each gets a RCPT TO.
    std::vector<std::string> to;
    /// Whole session. SMTP servers may delay the greeting or DATA answer on purpose (tarpits,
    /// spam checks), hence longer than the webhook's.
    std::chrono::seconds timeout{30};
};

/// A notification could not be delivered. The message names the sink and its destination (a
/// host, host:port, or a file path) plus the HTTP status, SMTP/curl error or OS error; never a
/// webhook URL's path or query nor a password, so it is safe to log and to show in a report.
/// Its verdict() tells the outbox whether to keep the message for the next run (transient) or
/// give it up now (permanent); docs/notifications.md lists which failure is which.
class sink_error : public attempt_error {
public:
    sink_error(std::string sink, std::string destination, const std::string& what,
               retry_verdict verdict);
    /// "webhook", "email" or "file".
    const std::string& sink() const noexcept { return sink_; }
    /// Host (with the port when the URL gives one) or file path.
    const std::string& destination() const noexcept { return destination_; }

private:
    std::string sink_;
    std::string destination_;
};

/// The JSON body POSTed for `style`: fits that service's documented limits (truncating the report
/// on a line boundary with a note saying how much was left out), escapes what the service would
/// otherwise interpret (Slack's & < >, Discord mentions), and replaces invalid UTF-8 with U+FFFD
/// so the body is always valid JSON.
std::string webhook_body(webhook_style style, const notification& note);

/// The whole RFC 5322 message (CRLF line endings): From, To, Subject (RFC 2047 when not plain
/// ASCII), Date, Message-ID, MIME-Version, then multipart/alternative with a text/plain and a
/// text/html part, both UTF-8 and base64. `message_id` is the id with or without its <>.
/// Throws sink_error when an address or the id is empty or holds a line break (header
/// injection).
std::string email_message(const smtp_target& target, const notification& note, time_point date,
                          const std::string& message_id);

/// POSTs webhook_body(target.style, note) as application/json. Follows no redirect and verifies
/// TLS. Throws sink_error on a transport error or any status outside 2xx: transient for 5xx,
/// 429, 408, timeouts and failed connections; permanent for other statuses (401, 404 ...), a URL
/// that is not http(s), and TLS verification failures.
void post_webhook(const webhook_target& target, const notification& note);

/// Sends email_message(...) dated `now` with a fresh Message-ID to every recipient in one SMTP
/// session. Throws sink_error when the server refuses the login, the sender or any recipient,
/// or the connection fails: transient for a 4xx SMTP reply (RFC 5321: "transient negative"),
/// timeouts and failed connections; permanent for a 5xx reply and a bad address or URL.
void send_email(const smtp_target& target, const notification& note, time_point now);

/// Replaces `path` with `content` atomically: readers see the old file or the whole new one,
/// never a partial write (temporary file in the same directory, fsync, rename). Creates missing
/// parent directories. The file gets mode 0644: reports are meant to be read, e.g. by a web
/// server. Throws sink_error naming the path: permanent when the path names no file, transient
/// for an OS error (a full disk or an unmounted volume is fixed without changing the message).
void write_report_file(const std::filesystem::path& path, std::string_view content);

} // namespace lbtrack::notify
