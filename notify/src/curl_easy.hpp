#pragma once
// What the webhook and email sinks share about libcurl: handle owners, one-time global set-up,
// and error wording that names the host but never a secret. Private to lbtrack_diff (the
// fetcher's equivalents live in ingest/, which diff must not depend on).

#include <curl/curl.h>

#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace lbtrack::notify::detail {

struct easy_deleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};

struct slist_deleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

/// One transfer's easy handle.
using easy_handle = std::unique_ptr<CURL, easy_deleter>;

/// A string list (CURLOPT_HTTPHEADER, CURLOPT_MAIL_RCPT); libcurl does not copy it, so it must
/// outlive the transfer.
using slist_handle = std::unique_ptr<curl_slist, slist_deleter>;

/// curl_global_init once per process, thread-safely; throws lbtrack::error when it fails.
void ensure_curl_initialised();

/// Appends `line` to `list`; false when libcurl is out of memory (the list is then unchanged).
bool append(slist_handle& list, const std::string& line);

/// The URL's parts a message may show or must hide. The host is what errors name.
struct url_parts {
    std::string scheme; ///< lower case; empty when the URL does not parse
    std::string host;   ///< with ":port" when the URL gives one; "(unparsable URL)" otherwise
    std::string path_and_query; ///< what a webhook URL keeps its token in
};

url_parts split_url(const std::string& url);

/// `text` with every occurrence of each non-empty secret replaced by "[redacted]": a defence in
/// depth in case libcurl's message ever quotes the URL or a credential.
std::string redact(std::string text, const std::vector<std::string_view>& secrets);

/// libcurl's generic text for `code` plus the specific one it left in the error buffer, if any.
std::string describe(CURLcode code, const char* error_buffer);

/// Size of the buffer CURLOPT_ERRORBUFFER writes to.
using error_buffer = std::array<char, CURL_ERROR_SIZE + 1>;

/// Sets options in order and remembers the first failure, so a libcurl built without a feature
/// we rely on is an error rather than a half-configured transfer. curl_easy_setopt is variadic:
/// nothing checks the argument type, and an int where libcurl reads a long is undefined
/// behaviour, hence the static_assert.
class option_setter {
public:
    explicit option_setter(CURL* easy) : easy_(easy) {}

    template <typename Value>
    void operator()(CURLoption option, Value value) {
        static_assert(std::is_same_v<Value, long> || std::is_same_v<Value, curl_off_t> ||
                          std::is_pointer_v<Value>,
                      "libcurl options take a long, a curl_off_t or a pointer");
        if (result_ == CURLE_OK) {
            result_ = curl_easy_setopt(easy_, option, value);
        }
    }

    CURLcode result() const { return result_; }

private:
    CURL* easy_;
    CURLcode result_ = CURLE_OK;
};

/// Options every sink transfer gets: the URL, allowed protocols, TLS verification, timeouts,
/// no signals (we may run on any thread).
void set_common_options(option_setter& set, const std::string& url, const char* protocols,
                        std::chrono::seconds timeout, error_buffer& errors);

} // namespace lbtrack::notify::detail
