#pragma once
// config/sources.toml -> the list of sources. Unknown keys are errors, not silently ignored: a
// typo in a column name would otherwise quietly drop a field from every snapshot.

#include "lbtrack/core/source.hpp"
#include "lbtrack/ingest/multi_fetcher.hpp"
#include "lbtrack/settings/notify_config.hpp"

#include <chrono>
#include <filesystem>
#include <vector>

namespace lbtrack::settings {

/// The [fetch] table: how hard a run tries before it gives a source up.
struct fetch_settings {
    /// max_attempts, initial_backoff and max_retry_after (given in seconds) come from [fetch];
    /// the growth and the backoff ceiling keep their defaults (their costs: retry_policy).
    ingest::retry_policy retry;
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
