// `lbtrack resolve NAME...`: which model a printed name is, and what decided. Reads the registry
// only, never the database, so it answers the same on any machine with the same config.

#include "commands.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_out.hpp"
#include "lbtrack/ingest/linked_model.hpp"
#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/settings/model_registry_file.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ostream>

namespace lbtrack::app {

namespace {

void print_json(const std::vector<std::pair<std::string, ingest::model_resolution>>& results,
                std::ostream& out) {
    std::vector<ordered_json> items;
    for (const auto& [name, r] : results) {
        const auto& p = r.parts;
        items.push_back({{"name", name},
                         {"model", r.key},
                         {"display_name", r.display_name},
                         {"variant", r.variant},
                         {"provisional", r.provisional},
                         {"decided_by", r.decided_by},
                         {"parts",
                          {{"org", p.org},
                           {"org_is_identity", r.org_is_identity},
                           {"family", p.family},
                           {"version", p.version},
                           {"words", fmt::format("{}", fmt::join(p.words, ","))},
                           {"size", fmt::format("{}", fmt::join(p.sizes, ","))},
                           {"context", p.context},
                           {"tuning", p.tuning},
                           {"mode", p.mode},
                           {"date", p.date},
                           {"precision", p.precision}}}});
    }
    out << json_array_by_line(items);
}

} // namespace

int resolve_command(const resolve_options& options, environment& env) {
    if (options.names.empty()) {
        throw usage_error("resolve: give one or more model names");
    }
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    std::optional<std::chrono::sys_days> on;
    if (!options.on.empty()) {
        on = std::chrono::floor<std::chrono::days>(parse_when(options.on, env.now()));
    }
    std::vector<std::pair<std::string, ingest::model_resolution>> results;
    for (const auto& name : options.names) {
        results.emplace_back(name, ingest::resolve_with_link(resolver, name, options.link, on));
    }
    if (options.format == output_format::json) {
        print_json(results, env.out);
        return 0;
    }
    for (const auto& [name, r] : results) {
        if (options.format == output_format::tsv) {
            // One line per name, for scripts: printed name, model, variant, provisional.
            env.out << fmt::format("{}\t{}\t{}\t{}\n", name, r.key, r.variant,
                                   r.provisional ? "provisional" : "resolved");
            continue;
        }
        env.out << fmt::format("{} -> {}\n", name, r.key);
        env.out << fmt::format("    model:      {}{}\n", r.display_name,
                               r.provisional ? " (provisional: not in the registry)" : "");
        if (!r.variant.empty()) {
            env.out << fmt::format("    variant:    {}\n", r.variant);
        }
        env.out << fmt::format("    decided by: {}\n", r.decided_by);
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
