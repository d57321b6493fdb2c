#pragma once
// What the webhook and email sinks share about their transfers beyond net/: options every sink
// sets, and error wording that names the host but never a secret. Private to lbtrack_notify.

#include "lbtrack/net/curl_easy.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::notify::detail {

/// The URL's parts a message may show or must hide. The host is what errors name.
struct url_parts {
    std::string scheme; ///< lower case; empty when the URL does not parse
    std::string host;   ///< with ":port" when the URL gives one; "(unparsable URL)" otherwise
    std::string path_and_query; ///< what a webhook URL keeps its token in
};

url_parts split_url(const std::string& url);

/// Why a sink cannot send to `url` within `timeout` at all, a permanent failure: the URL does not
/// parse, or its scheme is neither `scheme` nor its TLS form (`scheme` + "s"), or the timeout is
/// not positive (libcurl reads 0 as "never time out", the opposite of what a caller meant).
/// nullopt when it can.
std::optional<std::string> target_problem(const url_parts& url, std::string_view scheme,
                                          std::chrono::seconds timeout);

/// `text` with every occurrence of each non-empty secret replaced by "[redacted]": a defence in
/// depth in case libcurl's message ever quotes the URL or a credential.
std::string redact(std::string text, const std::vector<std::string_view>& secrets);

/// Options every sink transfer gets: the URL, allowed protocols, TLS verification, timeouts,
/// no signals (we may run on any thread).
void set_common_options(net::option_setter& set, const std::string& url, const char* protocols,
                        std::chrono::seconds timeout, net::error_buffer& errors);

} // namespace lbtrack::notify::detail
