#pragma once
// Whole answers kept for the next client. The history changes only when a run (or a replay, a
// reprocess) commits, so an answer stays right while the database's data version (data_version)
// is the one it was computed under; a maximum age bounds what "now" moves (stale boards, spans
// such as ?since=7d). Bounded by bytes, least recently used out first.

#include "http_types.hpp"

#include <chrono>
#include <cstddef>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace lbtrack::serve {

class response_cache {
public:
    response_cache(std::size_t max_bytes, std::chrono::seconds max_age);

    /// The answer stored for `key` under `version`, if younger than the maximum age.
    std::optional<http_response> find(const std::string& key, const std::string& version);
    void store(const std::string& key, const std::string& version, const http_response& answer);

private:
    struct entry {
        http_response answer;
        std::string version;
        std::chrono::steady_clock::time_point stored;
        std::list<std::string>::iterator use;
    };

    std::size_t max_bytes_;
    std::chrono::seconds max_age_;
    std::mutex mutex_;
    std::map<std::string, entry> entries_;
    std::list<std::string> recent_; ///< most recently used first
    std::size_t bytes_ = 0;
};

} // namespace lbtrack::serve
