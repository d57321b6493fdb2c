#pragma once
// A first, simple normalized model key: enough to match one board's rows across days. The full
// model identity (parts, registry, provisional models) is a later layer on top of this.

#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// Version of the normalization rules; stored with every snapshot so old snapshots can be
/// re-resolved when the rules change. Bump it whenever model_key() changes its output.
inline constexpr int model_key_rules_version = 1;

/// Unicode NFKC + case fold (utf8proc), an `org/` prefix dropped, runs of spaces, underscores
/// and hyphens collapsed to one '-', surrounding whitespace trimmed. "Qwen/Qwen2.5-72B-Instruct"
/// and "qwen2.5-72b-instruct" give the same key; "o3-mini" and "o3-mini-high" do not.
std::string model_key(std::string_view raw_name);

} // namespace lbtrack::ingest
