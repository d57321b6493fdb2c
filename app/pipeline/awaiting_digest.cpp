#include "pipeline/awaiting_digest.hpp"

#include "pipeline/ingest_pipeline.hpp"

#include "lbtrack/store/notification_outbox.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <algorithm>
#include <map>

namespace lbtrack::app {

namespace {

std::string title_of(const settings::config& cfg, const std::string& source_id) {
    const auto it = std::find_if(cfg.sources.begin(), cfg.sources.end(),
                                 [&](const source& s) { return s.id == source_id; });
    return it == cfg.sources.end() ? source_id : it->title;
}

} // namespace

awaiting_digest read_awaiting_digest(pqxx::transaction_base& tx, const settings::config& cfg,
                                     const std::vector<std::int64_t>& stored_now,
                                     const ingest::model_resolver& resolver,
                                     const diff::diff_options& options) {
    awaiting_digest out;
    out.snapshot_ids = store::snapshots_awaiting_digest(tx);
    // Per board, the oldest and the newest marked snapshot this run did not store.
    std::map<std::string, std::pair<store::snapshot_record, store::snapshot_record>> spans;
    for (const auto id : out.snapshot_ids) {
        if (std::find(stored_now.begin(), stored_now.end(), id) != stored_now.end()) {
            continue;
        }
        const auto snapshot = store::snapshot_by_id(tx, id);
        if (!snapshot) {
            continue; // the foreign key's cascade removes the marks of deleted snapshots
        }
        auto [it, first] = spans.try_emplace(snapshot->source_id, *snapshot, *snapshot);
        if (snapshot->observed_at < it->second.first.observed_at) {
            it->second.first = *snapshot;
        }
        if (snapshot->observed_at > it->second.second.observed_at) {
            it->second.second = *snapshot;
        }
    }
    for (const auto& [source_id, span] : spans) {
        const auto& [oldest, newest] = span;
        diff::board_snapshots board;
        board.context.source_id = source_id;
        board.context.source_title = title_of(cfg, source_id);
        board.context.to = newest.observed_at;
        board.context.to_rows = newest.row_count;
        if (const auto before = store::snapshot_before(tx, source_id, oldest.observed_at)) {
            board.context.from = before->observed_at;
            board.context.from_rows = before->row_count;
            board.before = entries_for_diff(tx, *before, resolver);
        }
        board.after = entries_for_diff(tx, newest, resolver);
        board.diff = diff::compute_diff(board.before, board.after, options);
        out.earlier.push_back(std::move(board));
    }
    return out;
}

} // namespace lbtrack::app
