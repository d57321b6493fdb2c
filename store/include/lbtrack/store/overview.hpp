#pragma once
// What is stored, in counts and latest states: `lbtrack sources` (a line per source) and
// `lbtrack db status` (the server and the size of each table).

#include <pqxx/pqxx>

#include "lbtrack/store/fetch_status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lbtrack::store {

/// The latest fetch attempt of a source, whatever its outcome.
struct last_fetch {
    std::string started_at; ///< "YYYY-MM-DD HH:MM", UTC
    fetch_status status = fetch_status::failed;
    long long started_epoch = 0; ///< the same instant, seconds since 1970 (for age checks)
};

/// std::nullopt when the source was never fetched.
std::optional<last_fetch> latest_fetch(pqxx::transaction_base& tx, const std::string& source_id);

struct snapshot_summary {
    long long count = 0;
    std::optional<long long> latest_row_count; ///< rows of the newest snapshot; none without one
};

snapshot_summary snapshots_of(pqxx::transaction_base& tx, const std::string& source_id);

/// A source's latest fetch and its snapshots.
struct source_state {
    std::optional<last_fetch> last;
    snapshot_summary snapshots;
};

/// latest_fetch and snapshots_of of every one of SOURCE_IDS (in that order) in one statement:
/// `lbtrack sources` asked two per source, ~80 round trips on the shipped configuration.
std::vector<source_state> states_of(pqxx::transaction_base& tx,
                                    const std::vector<std::string>& source_ids);

/// Rows in each of the tables that grow with use.
struct table_counts {
    long long sources = 0;
    long long snapshots = 0;
    long long entries = 0;
    long long models = 0;
    long long payloads = 0;
};

table_counts count_rows(pqxx::transaction_base& tx);

/// The server's version as it reports it (SHOW server_version), e.g. "15.8
/// (Debian 15.8-0+deb12u1)".
std::string server_version(pqxx::transaction_base& tx);

} // namespace lbtrack::store
