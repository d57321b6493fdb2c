#pragma once
// config/sources.toml -> the list of sources. Unknown keys are errors, not silently ignored: a
// typo in a column name would otherwise quietly drop a field from every snapshot.

#include "lbtrack/core/source.hpp"
#include "lbtrack/settings/notify_config.hpp"

#include <chrono>
#include <filesystem>
#include <vector>

namespace lbtrack::settings {

/// The [fetch] table: how hard a run tries before it gives a source up.
struct fetch_settings {
    /// Attempts per source, the first included. Default 4: rides out a restart or a short outage
    /// upstream (with backoff 1, 2, 4 s) without holding the daily run for minutes.
    int max_attempts = 4;
    /// First wait before a retry; later waits double, with full jitter.
    std::chrono::milliseconds initial_backoff{1000};
    /// Longest Retry-After honoured; a server asking for more is given up on this run.
    std::chrono::seconds max_retry_after{120};
    /// Response-size cap per source. Default 64 MiB: the largest board we know is a few MiB of
    /// JSON; a bigger answer is a wrong URL, and bodies are kept in memory.
    std::size_t max_bytes = 64u << 20;
};

struct config {
    std::filesystem::path file;
    fetch_settings fetch;
    std::vector<source> sources;
    std::vector<notify_sink> notify; ///< [[notify]]: destinations of `lbtrack run --notify`

    /// The source with this id; throws lbtrack::usage_error naming the known ids.
    const source& find(const std::string& id) const;

    /// The sources with these ids, in that order; every source when `ids` is empty.
    std::vector<const source*> select(const std::vector<std::string>& ids) const;

    /// What `lbtrack run` fetches: the sources named in `ids`, or, when none is named, every
    /// source not marked `enabled = false` (archived and frozen upstreams, kept for replay).
    std::vector<const source*> to_fetch(const std::vector<std::string>& ids) const;
};

/// Reads and checks a sources file. Throws lbtrack::config_error with file, line and key.
config load_config(const std::filesystem::path& file);

} // namespace lbtrack::settings
