#pragma once
// The normalize stage: each entry's printed name -> its canonical model (model_resolver), with
// the precision written in a name as the entry's variant when the board has no variant column.

#include "lbtrack/core/entry.hpp"
#include "lbtrack/ingest/model_resolver.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::ingest {

/// Resolves every entry as observed on `on`. Two rows of one snapshot that the rules would make
/// one model and variant are never merged silently: the later row keeps its spelling key
/// (different from every canonical key) and a warning naming both rows is returned, so the
/// snapshot still stores every row and the registry can settle it.
std::vector<std::string> resolve_entries(std::vector<entry>& entries,
                                         const model_resolver& resolver,
                                         std::optional<std::chrono::sys_days> on);

} // namespace lbtrack::ingest
