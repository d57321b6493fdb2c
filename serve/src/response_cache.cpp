#include "response_cache.hpp"

namespace lbtrack::serve {

namespace {

std::size_t size_of(const std::string& key, const http_response& r) {
    std::size_t n = key.size() + r.body.size() + r.content_type.size();
    for (const auto& [name, value] : r.headers) {
        n += name.size() + value.size();
    }
    return n;
}

} // namespace

response_cache::response_cache(std::size_t max_bytes, std::chrono::seconds max_age)
    : max_bytes_(max_bytes), max_age_(max_age) {}

std::optional<http_response> response_cache::find(const std::string& key,
                                                  const std::string& version) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) {
        return std::nullopt;
    }
    if (it->second.version != version ||
        std::chrono::steady_clock::now() - it->second.stored > max_age_) {
        bytes_ -= size_of(key, it->second.answer);
        recent_.erase(it->second.use);
        entries_.erase(it);
        return std::nullopt;
    }
    recent_.splice(recent_.begin(), recent_, it->second.use);
    return it->second.answer;
}

void response_cache::store(const std::string& key, const std::string& version,
                           const http_response& answer) {
    const auto size = size_of(key, answer);
    if (size > max_bytes_ / 4) {
        return; // one huge answer (a 10,000-row board as JSON) must not empty the cache
    }
    const std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(key); it != entries_.end()) {
        bytes_ -= size_of(key, it->second.answer);
        recent_.erase(it->second.use);
        entries_.erase(it);
    }
    recent_.push_front(key);
    entries_.emplace(key,
                     entry{answer, version, std::chrono::steady_clock::now(), recent_.begin()});
    bytes_ += size;
    while (bytes_ > max_bytes_ && !recent_.empty()) {
        const auto victim = entries_.find(recent_.back());
        bytes_ -= size_of(victim->first, victim->second.answer);
        entries_.erase(victim);
        recent_.pop_back();
    }
}

} // namespace lbtrack::serve
