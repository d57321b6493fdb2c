#pragma once
// How a fetch attempt ended: written to fetch_log.status and read back as the same enum, so the
// status pages compare values rather than spellings.

#include <string_view>

namespace lbtrack::store {

/// How a fetch attempt ended; stored in fetch_log.status under to_string's name.
enum class fetch_status { stored, unchanged, failed, no_board };

/// "stored", "unchanged", "failed" or "no_board": what the status pages and queries print.
const char* to_string(fetch_status status);

/// The status stored as `text`. fetch_log's CHECK constraint admits only to_string's names;
/// anything else throws lbtrack::error naming the text (a database written by a newer lbtrack).
fetch_status fetch_status_of(std::string_view text);

} // namespace lbtrack::store
