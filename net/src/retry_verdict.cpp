#include "lbtrack/net/retry_verdict.hpp"

namespace lbtrack::net {

retry_verdict verdict_of(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE: // the body ended before its Content-Length
    case CURLE_GOT_NOTHING:  // connection closed before any answer
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SSL_CONNECT_ERROR: // handshake cut short; verification failures have own codes
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return retry_verdict::transient;
    default:
        return retry_verdict::permanent;
    }
}

retry_verdict verdict_of_http_status(long status) {
    const bool transient = status == 408 || status == 429 || (status >= 500 && status <= 599);
    return transient ? retry_verdict::transient : retry_verdict::permanent;
}

} // namespace lbtrack::net
