#include "model_registry_file.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/model_identity.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>

namespace lbtrack::app {

namespace {

std::size_t line_of(const toml::node& node) {
    return node.source().begin.line;
}

/// A stable digest of the file's bytes (FNV-1a, 64 bit): stored with each snapshot so reprocess
/// can tell which snapshots were resolved under another registry. Not a security measure.
std::string digest_of(const std::string& bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return fmt::format("{:016x}", h);
}

class table_reader {
public:
    table_reader(std::string file, const toml::table& table, std::string prefix)
        : file_(std::move(file)), table_(table), prefix_(std::move(prefix)) {}

    void reject_unknown(std::initializer_list<std::string_view> known) const {
        for (const auto& [key, node] : table_) {
            if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
                throw config_error(file_, line_of(node), qualified(std::string(key.str())),
                                   "is not a known key");
            }
        }
    }

    std::string required_string(const std::string& key) const {
        const auto* node = table_.get(key);
        if (node == nullptr) {
            throw config_error(file_, line_of(table_), qualified(key), "is required");
        }
        return string_of(*node, key);
    }

    std::string optional_string(const std::string& key) const {
        const auto* node = table_.get(key);
        return node == nullptr ? std::string() : string_of(*node, key);
    }

    /// Folded strings: the registry is matched against folded names.
    std::vector<std::string> folded_strings(const std::string& key) const {
        std::vector<std::string> out;
        const auto* node = table_.get(key);
        if (node == nullptr) {
            return out;
        }
        const auto* array = node->as_array();
        if (array == nullptr) {
            throw config_error(file_, line_of(*node), qualified(key),
                               "must be an array of strings");
        }
        for (const auto& item : *array) {
            out.push_back(ingest::clean_model_name(string_of(item, key)));
        }
        return out;
    }

    std::optional<std::chrono::sys_days> optional_date(const std::string& key) const {
        const auto* node = table_.get(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        const auto text = string_of(*node, key);
        int y = 0;
        unsigned m = 0;
        unsigned d = 0;
        char dash1 = 0;
        char dash2 = 0;
        std::istringstream in(text);
        in >> y >> dash1 >> m >> dash2 >> d;
        const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                              std::chrono::day(d)};
        if (!in || dash1 != '-' || dash2 != '-' || !ymd.ok() || !in.eof()) {
            throw config_error(file_, line_of(*node), qualified(key),
                               fmt::format("'{}' is not a date like 2025-06-17", text));
        }
        return std::chrono::sys_days(ymd);
    }

    std::string qualified(const std::string& key) const {
        return prefix_.empty() ? key : prefix_ + "." + key;
    }
    const std::string& file() const { return file_; }

    std::string string_of(const toml::node& node, const std::string& key) const {
        const auto value = node.value<std::string>();
        if (!value || !node.is_string()) {
            throw config_error(file_, line_of(node), qualified(key), "must be a string");
        }
        return *value;
    }

private:
    std::string file_;
    const toml::table& table_;
    std::string prefix_;
};

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

ingest::registry_alias read_alias(const table_reader& model, const toml::node& item,
                                  const std::string& key) {
    if (item.is_string()) {
        return {model.string_of(item, key), std::nullopt, std::nullopt, line_of(item)};
    }
    const auto* table = item.as_table();
    if (table == nullptr) {
        throw config_error(model.file(), line_of(item), model.qualified(key),
                           "entries must be names or { name = ..., from = ..., until = ... }");
    }
    const table_reader a(model.file(), *table, model.qualified(key));
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
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw config_error(file, 0, "", "cannot be read");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return parse_model_registry(bytes.str(), file);
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
    registry.digest = digest_of(std::string(text));
    table_reader(file, root, "").reject_unknown({"organization", "model", "distinct"});

    if (const auto* orgs = array_of_tables(root, file, "organization")) {
        for (const auto& node : *orgs) {
            const table_reader r(file, *node.as_table(), "organization");
            r.reject_unknown({"name", "hf", "vendor_words", "families"});
            registry.organizations.push_back({r.required_string("name"), r.folded_strings("hf"),
                                              r.folded_strings("vendor_words"),
                                              r.folded_strings("families"), line_of(node)});
        }
    }
    std::set<std::string> names;
    if (const auto* models = array_of_tables(root, file, "model")) {
        for (const auto& node : *models) {
            const table_reader r(file, *node.as_table(), "model");
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
            const table_reader r(file, *node.as_table(), "distinct");
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

} // namespace lbtrack::app
