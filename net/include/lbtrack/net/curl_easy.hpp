#pragma once
// Setting up and describing one libcurl transfer the same way wherever lbtrack makes one.

#include <curl/curl.h>

#include <array>
#include <string>
#include <type_traits>

namespace lbtrack::net {

/// Sets up libcurl's process-wide state once, before the first handle; throws lbtrack::error when
/// it cannot. Safe to call from several threads.
void ensure_curl_initialised();

/// Size of the buffer CURLOPT_ERRORBUFFER writes to.
using error_buffer = std::array<char, CURL_ERROR_SIZE + 1>;

/// libcurl's generic text for `code` plus the specific one it left in the error buffer, if any.
std::string describe(CURLcode code, const char* error_buffer);

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

} // namespace lbtrack::net
