#include "snapshot_cache.hpp"

namespace lbtrack::serve {

namespace {

// Diffs are small next to the rows they compare (a few hundred changes at most); 512 covers the
// day-by-day diffs of every board's recent history that the feeds and board pages ask for.
constexpr std::size_t max_diffs = 512;

} // namespace

snapshot_cache::snapshot_cache(std::size_t max_rows) : max_rows_(max_rows) {}

entries_ptr snapshot_cache::entries(pqxx::transaction_base& tx, const store::snapshot_record& s) {
    const key k{s.id, s.identity_version};
    {
        const std::lock_guard lock(mutex_);
        if (const auto it = entries_.find(k); it != entries_.end()) {
            recent_.splice(recent_.begin(), recent_, it->second.use);
            return it->second.entries;
        }
    }
    // Read without the lock: two pages asking for the same snapshot at once both read it, which
    // is rarer and cheaper than every page waiting for one read.
    auto loaded = std::make_shared<const std::vector<entry>>(store::load_entries(tx, s.id));
    const std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(k); it != entries_.end()) {
        return it->second.entries;
    }
    recent_.push_front(k);
    entries_.emplace(k, cached_entries{loaded, recent_.begin()});
    rows_ += loaded->size();
    while (rows_ > max_rows_ && recent_.size() > 1) {
        const auto it = entries_.find(recent_.back());
        rows_ -= it->second.entries->size();
        entries_.erase(it);
        recent_.pop_back();
    }
    return loaded;
}

diff_ptr snapshot_cache::diff(pqxx::transaction_base& tx,
                              const std::optional<store::snapshot_record>& before,
                              const store::snapshot_record& after) {
    const std::pair<key, key> k{before ? key{before->id, before->identity_version} : key{0, ""},
                                key{after.id, after.identity_version}};
    {
        const std::lock_guard lock(mutex_);
        if (const auto it = diffs_.find(k); it != diffs_.end()) {
            return it->second;
        }
    }
    const auto newer = entries(tx, after);
    const auto older = before ? entries(tx, *before) : std::make_shared<const std::vector<entry>>();
    auto computed = std::make_shared<const diff::board_diff>(diff::compute_diff(*older, *newer));
    const std::lock_guard lock(mutex_);
    if (diffs_.emplace(k, computed).second) {
        diff_order_.push_back(k);
        if (diff_order_.size() > max_diffs) {
            diffs_.erase(diff_order_.front());
            diff_order_.pop_front();
        }
    }
    return computed;
}

std::map<std::int64_t, store::snapshot_leader>
snapshot_cache::leaders(pqxx::transaction_base& tx,
                        const std::vector<store::snapshot_time>& snapshots) {
    std::map<std::int64_t, store::snapshot_leader> out;
    std::vector<std::int64_t> missing;
    {
        const std::lock_guard lock(mutex_);
        for (const auto& s : snapshots) {
            const auto it = leaders_.find({s.id, s.identity_version});
            if (it == leaders_.end()) {
                missing.push_back(s.id);
            } else if (it->second) {
                out.emplace(s.id, *it->second);
            }
        }
    }
    if (missing.empty()) {
        return out;
    }
    std::map<std::int64_t, store::snapshot_leader> found;
    for (auto& l : store::snapshot_leaders(tx, missing)) {
        found.emplace(l.snapshot_id, std::move(l));
    }
    const std::lock_guard lock(mutex_);
    for (const auto& s : snapshots) {
        const auto it = found.find(s.id);
        if (it != found.end()) {
            out.emplace(s.id, it->second);
            leaders_[{s.id, s.identity_version}] = it->second;
        } else if (!out.contains(s.id)) {
            leaders_[{s.id, s.identity_version}] = std::nullopt;
        }
    }
    return out;
}

} // namespace lbtrack::serve
