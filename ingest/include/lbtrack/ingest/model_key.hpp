#pragma once
// The simple spelling key of a name: what extraction keys rows by before the identity layer
// (model_resolver.hpp) resolves them, and what a row kept apart from its resolution keeps.

#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// Unicode NFKC + case fold (utf8proc), runs of spaces, underscores and hyphens collapsed to one
/// '-', surrounding whitespace trimmed; an `org/` prefix is kept. "Qwen2.5-72B-Instruct" and
/// "qwen2.5_72b instruct" give the same key; "o3-mini" and "o3-mini-high" do not, nor do
/// "Qwen/Qwen2.5-7B" and "someone/Qwen2.5-7B".
std::string model_key(std::string_view raw_name);

} // namespace lbtrack::ingest
