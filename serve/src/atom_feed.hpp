#pragma once
// Atom 1.0 documents (RFC 4287). Entry ids are name-based UUIDs (RFC 4122 version 5) of what the
// entry is about — a board and a snapshot's time, a model and an observation — never of the time
// the feed was served, so a feed reader sees the same id for the same change after a restart, a
// redeploy or a replay of the same history into a new database.

#include "lbtrack/core/time.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::serve {

/// "urn:uuid:…" of `name` in lbtrack's namespace.
std::string stable_id(std::string_view name);

struct atom_entry {
    std::string id;    ///< stable_id(...)
    std::string title; ///< plain text
    time_point updated{};
    std::string link;         ///< the page the entry is about (a path on this server)
    std::string content_html; ///< HTML, escaped once more when written
};

struct atom_document {
    std::string id;
    std::string title;
    std::string self;                ///< the feed's own path
    std::string alternate;           ///< the page it follows
    std::vector<atom_entry> entries; ///< newest first
    /// When there are no entries, the feed's <updated>: a stored time, never "now", so an empty
    /// feed's bytes are stable too.
    time_point empty_updated{};
};

std::string atom_xml(const atom_document& feed);

} // namespace lbtrack::serve
