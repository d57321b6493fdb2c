#pragma once
// libpq keyword/value connection strings.

#include <string>
#include <string_view>

namespace lbtrack::deploy {

/// A libpq keyword value: quoted (with \' and \\ escaped) when empty or holding whitespace,
/// quotes or backslashes; as is otherwise.
std::string conninfo_value(std::string_view value);

/// `message` with the password of `conninfo` hidden as "***", for every message lbtrack prints
/// about a connection. libpq quotes parts of a connection string it cannot read (a URI with
/// "Pw%ZZ" in its password: `invalid percent-encoded token: "Pw%ZZ..."`, seen with libpq 15),
/// so masking the string lbtrack prints is not enough: the password is looked for in the
/// message itself, as written and percent-decoded, from the URI's user info (up to its first
/// and its last '@', so a password holding a raw '@' is hidden whole) and from every
/// `password=` keyword or URI parameter. Besides, any "password=VALUE" and any URI user info
/// "scheme://user:VALUE@" in the message are masked whatever the connection string was.
std::string mask_password(std::string_view message, std::string_view conninfo);

} // namespace lbtrack::deploy
