#pragma once
// `lbtrack run --notify`: one digest per sink and run, written to the outbox first, then every
// pending message of every configured sink delivered, oldest first. A sink that fails keeps its
// messages for the next run; the snapshots of the run are already committed either way, each
// with its mark as awaiting the digest (awaiting_digest.hpp), cleared when the digest is queued.

#include <pqxx/pqxx>

#include "lbtrack/core/time.hpp"
#include "lbtrack/diff/report.hpp"
#include "lbtrack/settings/notify_config.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace lbtrack::notify {

struct delivery_summary {
    int queued = 0;
    int delivered = 0;
    int failed = 0;    ///< kept for the next run
    int abandoned = 0; ///< failed for the last time (max_attempts)
};

/// Applies each sink's rules to `report` and queues the rendered digest of each sink something
/// passed (or every sink that is not quiet). Relative file paths are taken from `config_dir`.
/// In the same transaction, clears the marks of `carried` (store::await_digest): the snapshots
/// whose changes `report` carries, so each change leaves the marks only as a queued message.
int queue_notifications(pqxx::connection_base& conn,
                        const std::vector<settings::notify_sink>& sinks,
                        const diff::run_report& report, const std::filesystem::path& config_dir,
                        time_point now, const std::vector<std::int64_t>& carried);

/// Delivers every pending message of the configured sinks. Errors are logged without secrets.
delivery_summary deliver_pending(pqxx::connection_base& conn,
                                 const std::vector<settings::notify_sink>& sinks, time_point now);

} // namespace lbtrack::notify
