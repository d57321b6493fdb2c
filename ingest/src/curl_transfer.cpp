// The setup and judgement of one libcurl transfer, shared by curl_fetcher (one blocking transfer)
// and fetch_all (many in a multi handle), so both enforce the same limits and word their errors
// alike.

#include "curl_transfer.hpp"

#include "retry_timing.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/net/retry_verdict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace lbtrack::ingest::detail {

namespace {

constexpr const char* user_agent = "lbtrack/0.1 (+https://github.com/lbtrack)";
// Redirects may only lead to http(s): a server must not be able to point us at a local file.
constexpr const char* allowed_protocols = "http,https,file";
constexpr const char* allowed_redirect_protocols = "http,https";
constexpr long max_redirects = 5;
// Connecting never legitimately takes long; failing fast leaves the rest of a generous transfer
// timeout for slow bodies. Clamped to the transfer timeout, which must stay the outer bound.
constexpr std::chrono::milliseconds max_connect_timeout{15'000};

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b,
                              [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view blanks = " \t\r\n";
    const auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

/// The lower-cased scheme of `url` (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"),
/// or "" when it has none. libcurl would guess "http" for a scheme-less URL; we refuse instead.
std::string url_scheme(std::string_view url) {
    const auto colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return {};
    }
    std::string scheme;
    for (const char c : url.substr(0, colon)) {
        const char lower = ascii_lower(c);
        const bool alpha = lower >= 'a' && lower <= 'z';
        const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!alpha && !(other && !scheme.empty())) {
            return {};
        }
        scheme += lower;
    }
    return scheme;
}

/// A header value that would split the request if sent (a stored validator is outside input).
bool unsafe_header_value(std::string_view value) {
    return value.find_first_of("\r\n") != std::string_view::npos;
}

} // namespace

/// What one transfer accumulates; the callbacks get it through CURLOPT_WRITEDATA/HEADERDATA.
struct transfer_state {
    CURL* easy = nullptr;
    std::size_t max_bytes = 0;
    std::string body;
    bool length_checked = false; ///< Content-Length compared with the cap (first body bytes)
    bool over_cap = false;
    /// An exception thrown inside a callback (e.g. bad_alloc); it must not unwind through C.
    std::exception_ptr callback_error;
    // Of the latest response in the redirect chain only.
    std::string reason_phrase;
    std::string content_type;
    std::string etag;
    std::string last_modified;
    std::string content_encoding;
    std::string retry_after;
};

namespace {

void reset_response_headers(transfer_state& state) {
    state.reason_phrase.clear();
    state.content_type.clear();
    state.etag.clear();
    state.last_modified.clear();
    state.content_encoding.clear();
    state.retry_after.clear();
}

/// "HTTP/1.1 503 Service Unavailable" -> "Service Unavailable"; HTTP/2 has no reason phrase.
std::string_view reason_phrase_of(std::string_view status_line) {
    status_line = trim(status_line);
    const auto after_version = status_line.find(' ');
    if (after_version == std::string_view::npos) {
        return {};
    }
    const auto after_code = status_line.find(' ', after_version + 1);
    if (after_code == std::string_view::npos) {
        return {};
    }
    return trim(status_line.substr(after_code + 1));
}

void on_header_line(transfer_state& state, std::string_view line) {
    // Every response of a redirect chain (and any 1xx) starts with a status line; only the last
    // response's headers describe the body we return.
    if (line.starts_with("HTTP/")) {
        reset_response_headers(state);
        state.reason_phrase = reason_phrase_of(line);
        return;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
        return; // the blank line ending the headers, or a malformed line
    }
    const auto name = trim(line.substr(0, colon));
    const auto value = std::string(trim(line.substr(colon + 1)));
    if (iequals(name, "ETag")) {
        state.etag = value;
    } else if (iequals(name, "Last-Modified")) {
        state.last_modified = value;
    } else if (iequals(name, "Content-Type")) {
        state.content_type = value;
    } else if (iequals(name, "Content-Encoding")) {
        state.content_encoding = value;
    } else if (iequals(name, "Retry-After")) {
        state.retry_after = value;
    }
}

std::size_t header_callback(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<transfer_state*>(user);
    const std::size_t bytes = size * count;
    try {
        on_header_line(state, std::string_view(buffer, bytes));
        return bytes;
    } catch (...) {
        state.callback_error = std::current_exception();
        return 0; // any other count aborts the transfer
    }
}

/// With a Content-Length above the cap, give up before buffering anything. Skipped for an
/// encoded body: Content-Length then counts compressed bytes while the cap applies to what we
/// keep, and the streaming check below still bounds memory.
bool declared_length_over_cap(transfer_state& state) {
    if (!state.content_encoding.empty() && !iequals(state.content_encoding, "identity")) {
        return false;
    }
    curl_off_t length = -1;
    if (curl_easy_getinfo(state.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) != CURLE_OK ||
        length < 0) {
        return false;
    }
    if (static_cast<std::uint64_t>(length) > state.max_bytes) {
        return true;
    }
    state.body.reserve(static_cast<std::size_t>(length)); // bounded by the cap just checked
    return false;
}

std::size_t write_callback(char* data, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<transfer_state*>(user);
    const std::size_t bytes = size * count;
    try {
        // libcurl drops the bodies of redirect responses it follows, so the first body bytes are
        // the final response's and its Content-Length is the one to compare.
        if (!state.length_checked) {
            state.length_checked = true;
            if (declared_length_over_cap(state)) {
                state.over_cap = true;
                return 0;
            }
        }
        if (bytes > state.max_bytes - state.body.size()) {
            state.over_cap = true;
            return 0; // CURLE_WRITE_ERROR: stop downloading now rather than at the end
        }
        state.body.append(data, bytes);
        return bytes;
    } catch (...) {
        state.callback_error = std::current_exception();
        return 0;
    }
}

/// Sets every option of one transfer; returns the first failure (a libcurl built without a
/// feature we rely on) instead of carrying on half-configured.
CURLcode configure(CURL* easy, const fetch_request& request, transfer_state& state,
                   char* error_buffer, curl_slist* headers) {
    net::option_setter set(easy);
    const auto connect_timeout = std::min(request.timeout, max_connect_timeout);

    set(CURLOPT_ERRORBUFFER, error_buffer);
    set(CURLOPT_URL, request.url.c_str());
    set(CURLOPT_PROTOCOLS_STR, allowed_protocols);
    set(CURLOPT_REDIR_PROTOCOLS_STR, allowed_redirect_protocols);
    set(CURLOPT_FOLLOWLOCATION, 1L);
    set(CURLOPT_MAXREDIRS, max_redirects);
    set(CURLOPT_SSL_VERIFYPEER, 1L);
    set(CURLOPT_SSL_VERIFYHOST, 2L);
    set(CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout.count()));
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_ACCEPT_ENCODING, ""); // every encoding this libcurl can decode
    set(CURLOPT_USERAGENT, user_agent);
    set(CURLOPT_WRITEFUNCTION, &write_callback);
    set(CURLOPT_WRITEDATA, static_cast<void*>(&state));
    set(CURLOPT_HEADERFUNCTION, &header_callback);
    set(CURLOPT_HEADERDATA, static_cast<void*>(&state));
    if (headers != nullptr) {
        set(CURLOPT_HTTPHEADER, headers);
    }
    return set.result();
}

std::string describe_timeout(CURL* easy, const fetch_request& request, CURLcode code,
                             const char* error_buffer) {
    // A transfer that never connected may have hit the shorter connect timeout instead.
    const auto connect_timeout = std::min(request.timeout, max_connect_timeout);
    curl_off_t connected_after_us = 0;
    curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connected_after_us);
    if (connected_after_us == 0 && connect_timeout < request.timeout) {
        return fmt::format("connection timed out after {} ms: {}", connect_timeout.count(),
                           net::describe(code, error_buffer));
    }
    return fmt::format("timed out after {} ms: {}", request.timeout.count(),
                       net::describe(code, error_buffer));
}

} // namespace

std::optional<std::string> request_problem(const fetch_request& request) {
    // libcurl would refuse these too, but checking first gives a message that names the scheme
    // and guarantees no network activity for them.
    const std::string scheme = url_scheme(request.url);
    if (scheme.empty()) {
        return "unsupported URL scheme: the URL names none (expected http, https or file)";
    }
    if (scheme != "http" && scheme != "https" && scheme != "file") {
        return fmt::format("unsupported URL scheme '{}' (expected http, https or file)", scheme);
    }
    // libcurl reads a zero timeout as "never time out", the opposite of what a caller meant.
    if (request.timeout <= std::chrono::milliseconds::zero()) {
        return fmt::format("timeout must be positive, got {} ms", request.timeout.count());
    }
    return std::nullopt;
}

curl_transfer::curl_transfer(const fetch_request& request, const conditional_headers& conditional)
    : request_(request), state_(std::make_unique<transfer_state>()) {
    const auto failure = [&](const std::string& message) {
        return fetch_error(request.source_id, request.url, message);
    };
    // Validators only mean something to an HTTP server; a stored one that could inject a header
    // line is dropped, which costs a full download rather than a wrong request.
    if (url_scheme(request.url) != "file") {
        for (const auto& [name, value] :
             {std::pair{"If-None-Match", &conditional.etag},
              std::pair{"If-Modified-Since", &conditional.last_modified}}) {
            if (value->empty() || unsafe_header_value(*value)) {
                continue;
            }
            if (!net::append(headers_, fmt::format("{}: {}", name, *value))) {
                throw failure("libcurl could not build the request headers");
            }
            conditional_sent_ = true;
        }
    }

    easy_.reset(curl_easy_init());
    if (!easy_) {
        throw failure("libcurl could not create a transfer handle");
    }
    state_->easy = easy_.get();
    state_->max_bytes = request.max_bytes;
    if (const CURLcode code =
            configure(easy_.get(), request, *state_, error_buffer_.data(), headers_.get());
        code != CURLE_OK) {
        throw failure(fmt::format("libcurl rejected an option: {}", curl_easy_strerror(code)));
    }
}

curl_transfer::~curl_transfer() = default;

transfer_end curl_transfer::finish(CURLcode code) {
    if (state_->callback_error) {
        std::rethrow_exception(state_->callback_error);
    }
    transfer_end end;
    const auto failed = [&](std::string message, retry_verdict verdict) {
        end.failure = std::move(message);
        end.verdict = verdict;
        return std::move(end);
    };

    if (state_->over_cap) {
        return failed(fmt::format("response larger than the {}-byte cap", request_.max_bytes),
                      retry_verdict::permanent);
    }
    end.no_answer = code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY ||
                    code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT;
    if (code == CURLE_OPERATION_TIMEDOUT) {
        return failed(describe_timeout(easy_.get(), request_, code, error_buffer_.data()),
                      retry_verdict::transient);
    }
    if (code == CURLE_UNSUPPORTED_PROTOCOL) {
        // Only reachable through a redirect to a scheme outside REDIR_PROTOCOLS.
        return failed(
            fmt::format("unsupported URL scheme: {}", net::describe(code, error_buffer_.data())),
            retry_verdict::permanent);
    }
    if (code != CURLE_OK) {
        return failed(net::describe(code, error_buffer_.data()), net::verdict_of(code));
    }

    fetch_result result;
    const char* effective_url = nullptr;
    curl_easy_getinfo(easy_.get(), CURLINFO_EFFECTIVE_URL, &effective_url);
    result.url = effective_url != nullptr ? effective_url : request_.url;
    // file:// has no status; redirects never lead to file://
    if (url_scheme(request_.url) != "file") {
        curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &result.http_status);
        const long status = result.http_status;
        // Without validators of ours a 304 makes no sense and stays an error.
        if (status == 304 && conditional_sent_) {
            end.not_modified = true;
            return end;
        }
        if (status < 200 || status > 299) {
            std::string message = fmt::format("HTTP {}", status);
            if (!state_->reason_phrase.empty()) {
                message += ' ' + state_->reason_phrase;
            }
            if (result.url != request_.url) {
                message += fmt::format(" (after redirects, from {})", result.url);
            }
            if (status == 429 || status == 503) {
                end.retry_after =
                    parse_retry_after(state_->retry_after, std::chrono::system_clock::now());
            }
            return failed(std::move(message), net::verdict_of_http_status(status));
        }
    }
    result.body = std::move(state_->body);
    result.content_type = std::move(state_->content_type);
    result.etag = std::move(state_->etag);
    result.last_modified = std::move(state_->last_modified);
    end.result = std::move(result);
    return end;
}

} // namespace lbtrack::ingest::detail
