#pragma once
// What the pages read again and again, kept decoded: a snapshot's rows, the diff of two
// snapshots, a snapshot's leader. A stored snapshot never changes under one identity version
// (reprocess gives it a new one), so entries are keyed by id and identity version and never go
// stale; only memory bounds them (least recently used out first).

#include <pqxx/pqxx>

#include "lbtrack/core/entry.hpp"
#include "lbtrack/diff/board_diff.hpp"
#include "lbtrack/store/board_overview.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::serve {

using entries_ptr = std::shared_ptr<const std::vector<entry>>;
using diff_ptr = std::shared_ptr<const diff::board_diff>;

class snapshot_cache {
public:
    /// `max_rows`: rows of decoded snapshots kept (see server_options::cache_rows).
    explicit snapshot_cache(std::size_t max_rows);

    /// The snapshot's rows in row order.
    entries_ptr entries(pqxx::transaction_base& tx, const store::snapshot_record& s);

    /// diff::compute_diff of two snapshots of a board; `before` empty: the board's first
    /// snapshot, every row new.
    diff_ptr diff(pqxx::transaction_base& tx, const std::optional<store::snapshot_record>& before,
                  const store::snapshot_record& after);

    /// The leader of each snapshot of `snapshots` that has a ranked row, by snapshot id.
    std::map<std::int64_t, store::snapshot_leader>
    leaders(pqxx::transaction_base& tx, const std::vector<store::snapshot_time>& snapshots);

private:
    using key = std::pair<std::int64_t, std::string>; ///< snapshot id, identity version

    struct cached_entries {
        entries_ptr entries;
        std::list<key>::iterator use; ///< its place in recent_
    };

    std::size_t max_rows_;
    std::mutex mutex_;
    std::map<key, cached_entries> entries_;
    std::list<key> recent_; ///< most recently used first
    std::size_t rows_ = 0;
    std::map<std::pair<key, key>, diff_ptr> diffs_;
    std::list<std::pair<key, key>> diff_order_; ///< oldest first
    /// std::nullopt: the snapshot has no ranked row.
    std::map<key, std::optional<store::snapshot_leader>> leaders_;
};

} // namespace lbtrack::serve
