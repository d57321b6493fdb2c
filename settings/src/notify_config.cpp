#include "lbtrack/settings/notify_config.hpp"

#include "toml_reader.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <set>
#include <utility>

namespace lbtrack::settings {

namespace {

/// Every kind with its name in the config, in the order error messages list them.
constexpr std::array<std::pair<sink_kind, const char*>, 5> sink_kinds{{
    {sink_kind::file, "file"},
    {sink_kind::webhook, "webhook"},
    {sink_kind::slack, "slack"},
    {sink_kind::discord, "discord"},
    {sink_kind::email, "email"},
}};

sink_kind kind_of(const toml_reader& r, const toml::table& table) {
    const auto name = r.required_string("sink");
    for (const auto& [kind, kind_name] : sink_kinds) {
        if (name == kind_name) {
            return kind;
        }
    }
    std::vector<const char*> known;
    for (const auto& entry : sink_kinds) {
        known.push_back(entry.second);
    }
    throw config_error(r.file(), line_of(*table.get("sink")), r.qualified("sink"),
                       fmt::format("unknown sink '{}' (known: {})", name, fmt::join(known, ", ")));
}

void require(const toml_reader& r, const toml::table& table, bool present, const char* key,
             const char* why) {
    if (!present) {
        throw config_error(r.file(), line_of(table), r.qualified(key), why);
    }
}

double optional_number(const toml_reader& r, const toml::table& table, const std::string& key) {
    const auto* node = table.get(key);
    if (node == nullptr) {
        return 0;
    }
    if (const auto v = node->value<double>(); v && *v >= 0) {
        return *v;
    }
    throw config_error(r.file(), line_of(*node), r.qualified(key),
                       "expected a number of 0 or more");
}

bool optional_bool(const toml_reader& r, const toml::table& table, const std::string& key,
                   bool fallback) {
    const auto* node = table.get(key);
    if (node == nullptr) {
        return fallback;
    }
    if (const auto v = node->value<bool>()) {
        return *v;
    }
    throw config_error(r.file(), line_of(*node), r.qualified(key), "expected true or false");
}

notify_sink read_sink(const std::filesystem::path& file, const toml::table& table,
                      std::size_t index) {
    toml_reader r(file, table, fmt::format("notify[{}]", index));
    r.reject_unknown({"name",     "sink",          "boards",           "models",
                      "top",      "min_rank_move", "min_score_change", "significant_only",
                      "failures", "quiet",         "max_attempts",     "path",
                      "format",   "url_env",       "smtp_url",         "smtp_url_env",
                      "username", "username_env",  "password_env",     "from",
                      "to"});
    notify_sink s;
    s.name = r.required_string("name");
    s.kind = kind_of(r, table);
    s.rules.boards = r.optional_string_list("boards");
    s.rules.models = r.optional_string_list("models");
    s.rules.top = static_cast<int>(r.optional_integer("top", 0, 0, 100000));
    s.rules.min_rank_move = static_cast<int>(r.optional_integer("min_rank_move", 1, 1, 100000));
    s.rules.min_score_change = optional_number(r, table, "min_score_change");
    s.rules.significant_only = optional_bool(r, table, "significant_only", false);
    s.rules.failures = optional_bool(r, table, "failures", true);
    s.quiet = optional_bool(r, table, "quiet", true);
    s.max_attempts = static_cast<int>(r.optional_integer("max_attempts", 10, 1, 1000));

    const auto only_for = [&](std::initializer_list<const char*> keys, const char* kind) {
        for (const char* key : keys) {
            if (const auto* node = table.get(key)) {
                throw config_error(r.file(), line_of(*node), r.qualified(key),
                                   fmt::format("only for {} sinks", kind));
            }
        }
    };
    switch (s.kind) {
    case sink_kind::file:
        s.path = r.required_string("path");
        s.format = diff::parse_report_format(r.optional_string("format", "md"));
        only_for({"url_env"}, "webhook, slack and discord");
        only_for(
            {"smtp_url", "smtp_url_env", "username", "username_env", "password_env", "from", "to"},
            "email");
        break;
    case sink_kind::webhook:
    case sink_kind::slack:
    case sink_kind::discord:
        s.url_env = r.required_string("url_env");
        only_for({"path", "format"}, "file");
        only_for(
            {"smtp_url", "smtp_url_env", "username", "username_env", "password_env", "from", "to"},
            "email");
        break;
    case sink_kind::email:
        s.smtp_url = r.optional_string("smtp_url");
        s.smtp_url_env = r.optional_string("smtp_url_env");
        require(r, table, s.smtp_url.empty() != s.smtp_url_env.empty(), "smtp_url",
                "give exactly one of smtp_url and smtp_url_env");
        s.username = r.optional_string("username");
        s.username_env = r.optional_string("username_env");
        s.password_env = r.optional_string("password_env");
        s.from = r.required_string("from");
        s.to = r.optional_string_list("to");
        require(r, table, !s.to.empty(), "to", "expected one or more recipients");
        only_for({"path", "format"}, "file");
        only_for({"url_env"}, "webhook, slack and discord");
        break;
    }
    return s;
}

} // namespace

const char* sink_kind_name(sink_kind kind) {
    for (const auto& [known, name] : sink_kinds) {
        if (known == kind) {
            return name;
        }
    }
    return "?";
}

std::vector<notify_sink> read_notify_sinks(const std::filesystem::path& file,
                                           const toml::array& tables) {
    std::vector<notify_sink> sinks;
    std::set<std::string> names;
    std::size_t index = 0;
    for (const auto& node : tables) {
        if (!node.is_table()) {
            throw config_error(file.string(), line_of(node), "notify",
                               "expected [[notify]] tables");
        }
        auto sink = read_sink(file, *node.as_table(), index++);
        if (!names.insert(sink.name).second) {
            throw config_error(file.string(), line_of(node), "name",
                               fmt::format("duplicate notify name '{}'", sink.name));
        }
        sinks.push_back(std::move(sink));
    }
    return sinks;
}

} // namespace lbtrack::settings
