#include "lbtrack/settings/model_registry_file.hpp"

#include "toml_reader.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/file_bytes.hpp"
#include "lbtrack/ingest/model_identity.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <set>

namespace lbtrack::settings {

namespace {

/// A stable digest of the file's bytes (FNV-1a, 64 bit): stored with each snapshot so reprocess
/// can tell which snapshots were resolved under another registry. Not a security measure.
std::string digest_of(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return fmt::format("{:016x}", h);
}

/// Folded strings: the registry is matched against folded names.
std::vector<std::string> folded(std::vector<std::string> values) {
    for (auto& v : values) {
        v = ingest::clean_model_name(v);
    }
    return values;
}

const toml::array* array_of_tables(const toml::table& root, const std::string& file,
                                   const std::string& key) {
    const auto* node = root.get(key);
    if (node == nullptr) {
        return nullptr;
    }
    if (!node->is_array_of_tables()) {
        throw config_error(file, line_of(*node), key, fmt::format("must be [[{}]] tables", key));
    }
    return node->as_array();
}

ingest::registry_alias read_alias(const toml_reader& model, const toml::node& item,
                                  const std::string& key) {
    if (item.is_string()) {
        return {model.string_of(item, key), std::nullopt, std::nullopt, line_of(item)};
    }
    const auto* table = item.as_table();
    if (table == nullptr) {
        throw config_error(model.file(), line_of(item), model.qualified(key),
                           "entries must be names or { name = ..., from = ..., until = ... }");
    }
    const toml_reader a(model.file(), *table, model.qualified(key));
    a.reject_unknown({"name", "from", "until"});
    ingest::registry_alias alias{a.required_string("name"), a.optional_date("from"),
                                 a.optional_date("until"), line_of(item)};
    if (alias.valid_from && alias.valid_to && *alias.valid_to < *alias.valid_from) {
        throw config_error(model.file(), line_of(item), model.qualified(key),
                           fmt::format("alias '{}' ends before it starts", alias.name));
    }
    return alias;
}

} // namespace

ingest::model_registry load_model_registry(const std::filesystem::path& path) {
    const std::string file = path.string();
    const auto bytes = read_file_bytes(path);
    if (!bytes) {
        throw config_error(file, 0, "", "cannot be read");
    }
    return parse_model_registry(*bytes, file);
}

ingest::model_registry parse_model_registry(std::string_view text, const std::string& file) {
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        throw config_error(file, e.source().begin.line, "", std::string(e.description()));
    }
    ingest::model_registry registry;
    registry.file = file;
    registry.digest = digest_of(text);
    toml_reader(file, root, "").reject_unknown({"organization", "model", "distinct"});

    if (const auto* orgs = array_of_tables(root, file, "organization")) {
        for (const auto& node : *orgs) {
            const toml_reader r(file, *node.as_table(), "organization");
            r.reject_unknown({"name", "hf", "vendor_words", "families"});
            registry.organizations.push_back(
                {r.required_string("name"), folded(r.optional_string_array("hf")),
                 folded(r.optional_string_array("vendor_words")),
                 folded(r.optional_string_array("families")), line_of(node)});
        }
    }
    std::set<std::string> names;
    if (const auto* models = array_of_tables(root, file, "model")) {
        for (const auto& node : *models) {
            const toml_reader r(file, *node.as_table(), "model");
            r.reject_unknown({"name", "organization", "aliases"});
            ingest::registry_model m{
                r.required_string("name"), r.optional_string("organization"), {}, line_of(node)};
            if (!names.insert(ingest::clean_model_name(m.name)).second) {
                throw config_error(file, line_of(node), "model.name",
                                   fmt::format("model '{}' is listed twice", m.name));
            }
            if (const auto* aliases = node.as_table()->get("aliases")) {
                if (!aliases->is_array()) {
                    throw config_error(file, line_of(*aliases), "model.aliases",
                                       "must be an array");
                }
                for (const auto& item : *aliases->as_array()) {
                    m.aliases.push_back(read_alias(r, item, "aliases"));
                }
            }
            registry.models.push_back(std::move(m));
        }
    }
    if (const auto* pairs = array_of_tables(root, file, "distinct")) {
        for (const auto& node : *pairs) {
            const toml_reader r(file, *node.as_table(), "distinct");
            r.reject_unknown({"names", "why"});
            const auto* list = node.as_table()->get("names");
            if (list == nullptr || !list->is_array() || list->as_array()->size() != 2) {
                throw config_error(file, line_of(node), "distinct.names",
                                   "must be two names: [\"First\", \"Second\"]");
            }
            registry.distinct.push_back({r.string_of((*list->as_array())[0], "names"),
                                         r.string_of((*list->as_array())[1], "names"),
                                         r.optional_string("why"), line_of(node)});
        }
    }
    return registry;
}

ingest::model_registry registry_for(const std::filesystem::path& sources_file,
                                    const std::filesystem::path& explicit_file) {
    if (!explicit_file.empty()) {
        return load_model_registry(explicit_file);
    }
    // The registry is about models, not about one sources file: a private sources file still
    // gets the checkout's or the system's registry.
    for (const auto& candidate :
         {sources_file.parent_path() / "models.toml", std::filesystem::path("config/models.toml"),
          std::filesystem::path("/etc/lbtrack/models.toml")}) {
        if (std::filesystem::exists(candidate)) {
            return load_model_registry(candidate);
        }
    }
    return parse_model_registry(detail::builtin_model_registry(), "config/models.toml (built in)");
}

} // namespace lbtrack::settings
