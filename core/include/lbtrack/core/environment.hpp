#pragma once
// Reading the process environment: an unset variable and an empty one mean the same to us
// (a cron line or a unit file often sets VAR= to "unset" it).

#include <cstdlib>

namespace lbtrack {

/// The variable's value, or nullptr when it is unset or empty.
inline const char* getenv_nonempty(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

} // namespace lbtrack
