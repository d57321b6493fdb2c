#pragma once
// config/sources.toml -> the list of sources. Unknown keys are errors, not silently ignored: a
// typo in a column name would otherwise quietly drop a field from every snapshot.

#include "lbtrack/core/source.hpp"

#include <filesystem>
#include <vector>

namespace lbtrack::app {

struct config {
    std::filesystem::path file;
    std::vector<source> sources;

    /// The source with this id; throws lbtrack::usage_error naming the known ids.
    const source& find(const std::string& id) const;
};

/// Reads and checks a sources file. Throws lbtrack::config_error with file, line and key.
config load_config(const std::filesystem::path& file);

} // namespace lbtrack::app
