#pragma once
// A model name printed as a link to its Hugging Face repo. CMMLU prints
// "[Qwen2-72B](https://huggingface.co/Qwen/Qwen2-72B-Instruct)": the text leaves out the tuning
// word the repo names, and the model evaluated is the repo. The link decides only when it names
// the same model in full; a link that contradicts the text (ceval's "[Llama-2-13B-chat ↗]" to
// meta-llama/Llama-2-13b-hf, another model) or names a later version ("[Vicuna-13B]" to
// lmsys/vicuna-13b-v1.5) leaves the text in charge.

#include "lbtrack/ingest/model_resolver.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lbtrack::ingest {

/// The repo id ("Qwen/Qwen2-72B-Instruct") of a Hugging Face model URL
/// ("https://huggingface.co/Qwen/Qwen2-72B-Instruct", "…/tree/main" and "#…" allowed); nullopt
/// for other sites and for Hugging Face's datasets, spaces, docs and other non-model pages.
std::optional<std::string> hugging_face_model_repo(std::string_view url);

/// What the link at `url` says the printed name is, when it names the model of `printed` in full:
/// the same parts with the tuning word the printed name left out ("instruct", "chat"), published
/// by the family's own organization (not a fine-tune under another org). nullopt otherwise, and
/// whenever the registry decided `printed` (an alias or a distinct pair outranks a link).
std::optional<model_resolution> resolution_by_link(const model_resolver& resolver,
                                                   const model_resolution& printed,
                                                   std::string_view url,
                                                   std::optional<std::chrono::sys_days> on);

/// Which model `printed` is when the board linked it to `url` ("" for no link): the resolver's
/// answer, or the link's where resolution_by_link accepts it. What rows and `resolve --link` use.
model_resolution resolve_with_link(const model_resolver& resolver, std::string_view printed,
                                   std::string_view url, std::optional<std::chrono::sys_days> on);

} // namespace lbtrack::ingest
