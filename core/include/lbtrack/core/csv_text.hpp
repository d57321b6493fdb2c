#pragma once
// Writing CSV for exports (`lbtrack history --format csv`): RFC 4180 quoting, so the files read
// back with any CSV reader, ours included.

#include <string>
#include <string_view>

namespace lbtrack {

/// `text` as one RFC 4180 field: quoted (with quotes doubled) when it holds a comma, a quote or
/// a line break, as it is otherwise.
std::string csv_field(std::string_view text);

} // namespace lbtrack
