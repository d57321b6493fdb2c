// Sending the email sink's message through libcurl's SMTP client: one session, every recipient
// in it, the message uploaded from memory. Errors name the SMTP host and what libcurl or the
// server said, never the password.

#include "curl_easy.hpp"
#include "mail_address.hpp"

#include "lbtrack/net/curl_handles.hpp"
#include "lbtrack/net/retry_verdict.hpp"
#include "lbtrack/notify/sinks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>

namespace lbtrack::notify {

namespace {

/// The message being uploaded and how much libcurl has read of it.
struct upload {
    std::string_view data;
    std::size_t sent = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<upload*>(user);
    const std::size_t bytes = std::min(size * count, state.data.size() - state.sent);
    std::memcpy(buffer, state.data.data() + state.sent, bytes);
    state.sent += bytes;
    return bytes; // 0 once everything is sent: end of the message
}

/// "<time>.<random>@<sender's domain>": unique without any state of ours (RFC 5322 §3.6.4).
std::string new_message_id(std::string_view sender, time_point now) {
    const auto at = sender.rfind('@');
    const std::string_view domain = at == std::string_view::npos || at + 1 == sender.size()
                                        ? "lbtrack.invalid"
                                        : sender.substr(at + 1);
    std::random_device entropy;
    const std::uint64_t random = (static_cast<std::uint64_t>(entropy()) << 32) | entropy();
    return fmt::format("{:x}.{:016x}@{}", now.time_since_epoch().count(), random, domain);
}

/// RFC 5321 4.2.1: a 4yz reply is a transient negative completion (greylisting, a full mailbox,
/// "try again later"), a 5yz one permanent (no such user, relaying denied, login refused). Without
/// a reply, libcurl's code decides.
retry_verdict smtp_verdict(CURLcode code, long reply) {
    if (reply >= 400 && reply <= 499) {
        return retry_verdict::transient;
    }
    if (reply >= 500 && reply <= 599) {
        return retry_verdict::permanent;
    }
    return net::verdict_of(code);
}

} // namespace

void send_email(const smtp_target& target, const notification& note, time_point now) {
    const detail::url_parts url = detail::split_url(target.url);
    const auto failure = [&](const std::string& what, retry_verdict verdict) {
        return sink_error("email", url.host, detail::redact(what, {target.password}), verdict);
    };
    if (auto problem = detail::target_problem(url, "smtp", target.timeout)) {
        throw failure(*problem, retry_verdict::permanent);
    }

    const std::string sender(detail::addr_spec(target.from));
    const std::string message = email_message(target, note, now, new_message_id(sender, now));

    net::ensure_curl_initialised();
    const net::easy_handle easy(curl_easy_init());
    if (!easy) {
        throw failure("libcurl could not create a transfer handle", retry_verdict::transient);
    }
    net::slist_handle recipients;
    for (const auto& recipient : target.to) {
        if (!net::append(recipients, fmt::format("<{}>", detail::addr_spec(recipient)))) {
            throw failure("libcurl could not build the recipient list", retry_verdict::transient);
        }
    }
    const std::string mail_from = fmt::format("<{}>", sender);
    upload body{message};
    net::error_buffer errors{};
    net::option_setter set(easy.get());
    detail::set_common_options(set, target.url, "smtp,smtps", target.timeout, errors);
    // smtp://: STARTTLS when the server offers it, plain otherwise (a relay on localhost or in a
    // private network often has no certificate). smtps://: TLS or nothing. A password is never
    // sent in clear beyond this machine: with credentials to another host, STARTTLS is required
    // (a network that strips it makes the send fail instead of leaking the password).
    const auto host =
        url.host.substr(0, url.host.rfind(':') == std::string::npos || url.host.front() == '['
                               ? url.host.size()
                               : url.host.rfind(':'));
    const bool loopback = host == "localhost" || host == "127.0.0.1" || host == "[::1]";
    const bool require_tls = url.scheme == "smtps" || (!target.username.empty() && !loopback);
    set(CURLOPT_USE_SSL,
        require_tls ? static_cast<long>(CURLUSESSL_ALL) : static_cast<long>(CURLUSESSL_TRY));
    if (!target.username.empty()) {
        set(CURLOPT_USERNAME, target.username.c_str());
        set(CURLOPT_PASSWORD, target.password.c_str());
    }
    set(CURLOPT_MAIL_FROM, mail_from.c_str());
    set(CURLOPT_MAIL_RCPT, recipients.get());
    set(CURLOPT_UPLOAD, 1L);
    set(CURLOPT_READFUNCTION, &read_message);
    set(CURLOPT_READDATA, static_cast<void*>(&body));
    set(CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    if (set.result() != CURLE_OK) {
        throw failure(
            fmt::format("libcurl rejected an option: {}", curl_easy_strerror(set.result())),
            retry_verdict::permanent);
    }

    if (const CURLcode code = curl_easy_perform(easy.get()); code != CURLE_OK) {
        long reply = 0; // the server's last SMTP reply code, 0 when it never answered
        curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &reply);
        const std::string what = net::describe(code, errors.data());
        throw failure(reply > 0 ? fmt::format("{} (last SMTP reply {})", what, reply) : what,
                      smtp_verdict(code, reply));
    }
}

} // namespace lbtrack::notify
