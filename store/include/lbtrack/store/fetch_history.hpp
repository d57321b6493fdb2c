#pragma once
// What earlier fetches of a source tell the next one.

#include <pqxx/pqxx>

#include <string>

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

} // namespace lbtrack::store
