#include "lbtrack/settings/config_lookup.hpp"

#include "lbtrack/core/errors.hpp"

#include <cstdlib>

namespace lbtrack::settings {

std::optional<std::string> process_env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    return std::string(value);
}

std::vector<std::filesystem::path> config_candidates(const env_reader& env) {
    std::vector<std::filesystem::path> places;
    if (const auto explicit_file = env("LBTRACK_CONFIG")) {
        places.emplace_back(*explicit_file);
    }
    places.emplace_back("config/sources.toml");
    if (const auto xdg = env("XDG_CONFIG_HOME")) {
        places.push_back(std::filesystem::path(*xdg) / "lbtrack/sources.toml");
    } else if (const auto home = env("HOME")) {
        places.push_back(std::filesystem::path(*home) / ".config/lbtrack/sources.toml");
    }
    places.emplace_back("/etc/lbtrack/sources.toml");
    return places;
}

std::filesystem::path locate_config(const env_reader& env) {
    const auto places = config_candidates(env);
    if (const auto explicit_file = env("LBTRACK_CONFIG")) {
        if (!std::filesystem::exists(*explicit_file)) {
            throw config_error(*explicit_file, 0, "",
                               "LBTRACK_CONFIG names a file that does not exist");
        }
        return *explicit_file;
    }
    for (const auto& place : places) {
        if (std::filesystem::exists(place)) {
            return place;
        }
    }
    std::string looked;
    for (const auto& place : places) {
        looked += (looked.empty() ? "" : ", ") + place.string();
    }
    throw config_error("sources.toml", 0, "",
                       "no sources file found; looked in " + looked +
                           " (give one with --config FILE or LBTRACK_CONFIG)");
}

} // namespace lbtrack::settings
