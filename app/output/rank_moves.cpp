#include "output/rank_moves.hpp"

#include "pipeline/ingest_pipeline.hpp"

#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace lbtrack::app {

namespace {

std::string date_of(time_point t) {
    return format_utc(t).substr(0, 10);
}

bool larger_first(const rank_move& a, const rank_move& b) {
    const int da = std::abs(a.from - a.to);
    const int db = std::abs(b.from - b.to);
    if (da != db) {
        return da > db;
    }
    if (a.to != b.to) {
        return a.to < b.to;
    }
    return std::tie(a.name, a.source) < std::tie(b.name, b.source);
}

/// Every move between two snapshots, read whole and keyed under `resolver` (one of them was
/// stored under another identity, so stored model ids may not match what the keys say now).
std::vector<rank_move> moves_by_key(pqxx::transaction_base& tx, const store::snapshot_record& base,
                                    const store::snapshot_record& latest,
                                    const ingest::model_resolver& resolver) {
    const auto before = entries_for_diff(tx, base, resolver);
    const auto after = entries_for_diff(tx, latest, resolver);
    std::unordered_map<row_identity, int, row_identity_hash> old_rank;
    for (const auto& e : before) {
        if (e.rank) {
            old_rank.emplace(identity_of(e), *e.rank);
        }
    }
    std::vector<rank_move> moves;
    for (const auto& e : after) {
        const auto it = old_rank.find(identity_of(e));
        if (e.rank && it != old_rank.end() && it->second != *e.rank) {
            moves.push_back({base.source_id, e.raw_name, e.variant, it->second, *e.rank,
                             date_of(base.observed_at), date_of(latest.observed_at)});
        }
    }
    return moves;
}

} // namespace

rank_moves largest_rank_moves(pqxx::transaction_base& tx, const std::vector<const source*>& sources,
                              time_point since, const ingest::model_resolver& resolver,
                              std::size_t top) {
    rank_moves out;
    for (const auto* src : sources) {
        const auto latest = store::snapshot_at_or_before(tx, src->id);
        // The board as it stood at `since`; a board younger than that is compared from its first
        // snapshot, so a new board's models are not all "new" but moves since it began.
        auto base = store::snapshot_at_or_before(tx, src->id, since);
        if (!base) {
            base = store::first_snapshot_after(tx, src->id, since);
        }
        if (!latest || !base || base->id == latest->id) {
            out.skipped.push_back(src->id);
            if (!latest) {
                out.compared.push_back(fmt::format("{}: no snapshot", src->id));
            } else if (latest->observed_at <= since) {
                out.compared.push_back(fmt::format(
                    "{}: its latest snapshot ({}) is older than the start ({}): nothing to "
                    "compare; use an earlier --since",
                    src->id, date_of(latest->observed_at), date_of(since)));
            } else {
                out.compared.push_back(fmt::format("{}: one snapshot ({}) only, nothing to compare",
                                                   src->id, date_of(latest->observed_at)));
            }
            continue;
        }
        const auto total_before = out.total;
        if (base->identity_version == resolver.version_tag() &&
            latest->identity_version == resolver.version_tag()) {
            auto stored = store::rank_moves_between(tx, base->id, latest->id, top);
            out.total += stored.total;
            for (auto& m : stored.largest) {
                out.largest.push_back({src->id, std::move(m.raw_name), std::move(m.variant), m.from,
                                       m.to, date_of(base->observed_at),
                                       date_of(latest->observed_at)});
            }
        } else {
            auto moves = moves_by_key(tx, *base, *latest, resolver);
            out.total += moves.size();
            std::move(moves.begin(), moves.end(), std::back_inserter(out.largest));
        }
        out.compared.push_back(fmt::format("{}: {} against {}, {} rank move(s)", src->id,
                                           date_of(latest->observed_at), date_of(base->observed_at),
                                           out.total - total_before));
    }
    // Each board gave its `top` largest at most (or all of them): the largest overall are among
    // those.
    std::ranges::sort(out.largest, larger_first);
    if (out.largest.size() > top) {
        out.largest.resize(top);
    }
    return out;
}

} // namespace lbtrack::app
