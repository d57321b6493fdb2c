#pragma once
// config/models.toml -> ingest::model_registry. Unknown keys are errors, like in sources.toml: a
// misspelt "alises" would otherwise silently stop merging two histories.

#include "lbtrack/ingest/model_resolver.hpp"

#include <filesystem>

namespace lbtrack::app {

/// Reads and checks a registry file. Throws lbtrack::config_error with file, line and key.
ingest::model_registry load_model_registry(const std::filesystem::path& file);

/// The registry that goes with a sources file: `explicit_file` when given, else the first of
/// models.toml beside `sources_file`, config/models.toml, /etc/lbtrack/models.toml that exists,
/// else the empty registry (rules only).
ingest::model_registry registry_for(const std::filesystem::path& sources_file,
                                    const std::filesystem::path& explicit_file);

} // namespace lbtrack::app
