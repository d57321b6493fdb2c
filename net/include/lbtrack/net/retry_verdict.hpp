#pragma once
// Which failures of a transfer another attempt can help, decided once for the fetcher and the
// notification sinks (docs/notifications.md lists the verdicts).

#include "lbtrack/core/errors.hpp"

#include <curl/curl.h>

namespace lbtrack::net {

/// Transient: the network or the server may behave next time (refused, reset or cut-short
/// connections, timeouts, HTTP/2 stream errors). DNS failures are included because resolvers do
/// hiccup; a mistyped host then costs a few quick retries. Permanent: everything else, notably
/// certificate verification, refused schemes, local files and rejected logins, which fail the
/// same way every time.
retry_verdict verdict_of(CURLcode code);

/// Transient: 408 Request Timeout, 429 Too Many Requests and every 5xx (the server is
/// overloaded, restarting or behind a failing proxy). Permanent: any other status, a 401 or 404
/// above all: the URL or its credential is wrong until someone changes it.
retry_verdict verdict_of_http_status(long status);

} // namespace lbtrack::net
