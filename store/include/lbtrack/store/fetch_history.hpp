#pragma once
// What earlier fetches of a source tell the next one.

#include <pqxx/pqxx>

#include "lbtrack/core/time.hpp"

#include <string>
#include <vector>

namespace lbtrack::store {

/// ETag and Last-Modified of the source's latest successful fetch (stored or unchanged) of
/// exactly `url`, for a conditional GET. Empty when there is none or the URL changed since (a
/// validator of another URL, or of a mirror, says nothing about this one).
struct validators {
    std::string etag;
    std::string last_modified;
};

validators last_validators(pqxx::transaction_base& tx, const std::string& source_id,
                           const std::string& url);

/// URLs of the source's successful fetches (stored or unchanged) that start with `prefix`, in no
/// particular order: `replay --git` finds the commits it already replayed in them.
std::vector<std::string> successful_fetch_urls(pqxx::transaction_base& tx,
                                               const std::string& source_id,
                                               const std::string& prefix);

/// Whether the source's fetch at `started_at` of the payload `payload_sha256` (hex) was already
/// recorded with `status`: a replay run again finds the days it recorded as unchanged or as
/// holding no board, which store no snapshot to find them by.
bool fetch_recorded(pqxx::transaction_base& tx, const std::string& source_id, time_point started_at,
                    const std::string& payload_sha256, const std::string& status);

} // namespace lbtrack::store
