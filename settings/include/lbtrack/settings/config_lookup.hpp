#pragma once
// Where the sources file is when `--config` is not given (README, "Where the config is").

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::settings {

/// Reads one environment variable; nullopt when unset. Injected so tests need not touch the
/// process environment.
using env_reader = std::function<std::optional<std::string>(const char* name)>;

/// The process environment (std::getenv).
std::optional<std::string> process_env(const char* name);

/// The places looked at, in order: $LBTRACK_CONFIG, ./config/sources.toml (a checkout),
/// $XDG_CONFIG_HOME/lbtrack/sources.toml (else ~/.config/...), /etc/lbtrack/sources.toml (the
/// package). Unset variables contribute no place.
std::vector<std::filesystem::path> config_candidates(const env_reader& env);

/// The first candidate that exists; throws lbtrack::config_error listing every place looked
/// when none does. $LBTRACK_CONFIG set to a missing file is that error at once: the user asked
/// for that file, and silently reading another one would be a surprise.
std::filesystem::path locate_config(const env_reader& env);

} // namespace lbtrack::settings
