#pragma once
// libpq keyword/value connection strings.

#include <string>
#include <string_view>

namespace lbtrack::deploy {

/// A libpq keyword value: quoted (with \' and \\ escaped) when empty or holding whitespace,
/// quotes or backslashes; as is otherwise.
std::string conninfo_value(std::string_view value);

} // namespace lbtrack::deploy
