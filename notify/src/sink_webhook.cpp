// POSTing a notification to a webhook. A Slack or Discord webhook URL is itself the credential
// (anyone holding it can post to the channel), so nothing here ever puts the URL in an error:
// only the host, the status and a short excerpt of the answer.

#include "curl_easy.hpp"

#include "lbtrack/net/curl_handles.hpp"
#include "lbtrack/net/retry_verdict.hpp"
#include "lbtrack/notify/sinks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace lbtrack::notify {

namespace {

// The answer is only kept to explain a failure (Slack answers "invalid_blocks", Discord a JSON
// error object); a misbehaving server must not make us buffer megabytes for that.
constexpr std::size_t kept_answer_bytes = 4096;
// How much of the answer an error message quotes.
constexpr std::size_t quoted_answer_bytes = 200;

struct answer {
    std::string body;
};

std::size_t keep_answer(char* data, std::size_t size, std::size_t count, void* user) {
    auto& kept = *static_cast<answer*>(user);
    const std::size_t bytes = size * count;
    // Never throws: append within a reserved capacity.
    const std::size_t room = kept_answer_bytes - kept.body.size();
    kept.body.append(data, std::min(bytes, room));
    return bytes; // read on to the end so the server sees a clean close
}

/// The answer as one short printable line for an error message.
std::string excerpt(std::string_view body) {
    std::string out;
    for (const char c : body.substr(0, quoted_answer_bytes)) {
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
    }
    if (body.size() > quoted_answer_bytes) {
        out += "...";
    }
    const auto last = out.find_last_not_of(' ');
    return last == std::string::npos ? std::string{} : out.substr(0, last + 1);
}

} // namespace

void post_webhook(const webhook_target& target, const notification& note) {
    const detail::url_parts url = detail::split_url(target.url);
    const auto failure = [&](const std::string& what, retry_verdict verdict) {
        return sink_error(
            "webhook", url.host,
            detail::redact(what, {target.url, url.path_and_query.size() > 1 ? url.path_and_query
                                                                            : std::string_view{}}),
            verdict);
    };
    if (auto problem = detail::target_problem(url, "http", target.timeout)) {
        throw failure(*problem, retry_verdict::permanent);
    }

    const std::string body = webhook_body(target.style, note);
    net::ensure_curl_initialised();
    const net::easy_handle easy(curl_easy_init());
    net::slist_handle headers;
    // "Expect:" removed: no 100-continue round trip for a body we send anyway.
    if (!easy || !net::append(headers, "Content-Type: application/json") ||
        !net::append(headers, "Expect:")) {
        throw failure("libcurl could not set up the request", retry_verdict::transient);
    }
    answer kept;
    kept.body.reserve(kept_answer_bytes);
    net::error_buffer errors{};
    net::option_setter set(easy.get());
    detail::set_common_options(set, target.url, "http,https", target.timeout, errors);
    set(CURLOPT_USERAGENT, "lbtrack");
    set(CURLOPT_HTTPHEADER, headers.get());
    set(CURLOPT_POST, 1L);
    set(CURLOPT_POSTFIELDS, body.data());
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    set(CURLOPT_WRITEFUNCTION, &keep_answer);
    set(CURLOPT_WRITEDATA, static_cast<void*>(&kept));
    if (set.result() != CURLE_OK) {
        throw failure(
            fmt::format("libcurl rejected an option: {}", curl_easy_strerror(set.result())),
            retry_verdict::permanent);
    }

    if (const CURLcode code = curl_easy_perform(easy.get()); code != CURLE_OK) {
        throw failure(net::describe(code, errors.data()), net::verdict_of(code));
    }
    long status = 0;
    curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        const std::string said = excerpt(kept.body);
        throw failure(said.empty() ? fmt::format("HTTP {}", status)
                                   : fmt::format("HTTP {}: {}", status, said),
                      net::verdict_of_http_status(status));
    }
}

} // namespace lbtrack::notify
