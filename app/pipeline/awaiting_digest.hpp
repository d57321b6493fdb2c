#pragma once
// What `run --notify` has still to notify: the snapshots marked as awaiting the digest
// (store::await_digest), this run's and those of an earlier `run --notify` killed after storing
// them and before queueing its digest. The marks commit with the snapshots and are cleared with
// the queued messages, so a change is notified at least once whatever the moment of a kill.

#include <pqxx/pqxx>

#include "lbtrack/diff/report.hpp"
#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/settings/config.hpp"

#include <cstdint>
#include <vector>

namespace lbtrack::app {

struct awaiting_digest {
    /// Every marked snapshot: cleared in the transaction that queues the digests.
    std::vector<std::int64_t> snapshot_ids;
    /// The changes of the marked snapshots this run did not store, one per board: from the
    /// snapshot before the board's oldest marked one to its newest marked one.
    std::vector<diff::board_snapshots> earlier;
};

/// Reads the marks. `stored_now` are the snapshots this run stored: their changes are already in
/// its report. Boards no longer in `cfg` are titled by their id.
awaiting_digest read_awaiting_digest(pqxx::transaction_base& tx, const settings::config& cfg,
                                     const std::vector<std::int64_t>& stored_now,
                                     const ingest::model_resolver& resolver,
                                     const diff::diff_options& options);

} // namespace lbtrack::app
