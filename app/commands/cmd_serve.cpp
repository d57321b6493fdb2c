// `lbtrack serve [--listen HOST:PORT]`: the stored history over HTTP (serve/). This file only
// composes: the database choice, the config's watched boards and the identity rules that explain
// each spelling on a model page.

#include "commands.hpp"

#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/serve/server.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"

#include <memory>
#include <mutex>

namespace lbtrack::app {

int serve_command(const serve_command_options& options, environment& env) {
    serve::server_options s;
    s.listen = serve::parse_listen(options.listen);
    s.workers = options.workers;
    s.health.stale_after = std::chrono::hours(options.stale_hours);
    s.response_cache_bytes = static_cast<std::size_t>(options.cache_mb) << 20;
    s.now = env.now;
    const auto cfg = settings::load_config(options.files.config);
    for (const auto* src : cfg.to_fetch({})) {
        s.health.watched.push_back(src->id);
    }
    auto resolver = std::make_shared<const ingest::model_resolver>(
        settings::registry_for(options.files.config, options.files.models));
    auto lock = std::make_shared<std::mutex>();
    s.explain = [resolver, lock](const std::string& name) {
        const std::lock_guard guard(*lock);
        const auto r = resolver->resolve(name);
        return serve::identity_explanation{r.key, r.display_name, r.variant, r.decided_by,
                                           r.provisional};
    };
    // Opening once starts the embedded cluster when that is the choice and applies pending
    // migrations; the server's own sessions are read-only.
    env.database.open();
    s.conninfo = env.database.choice().conninfo;
    serve::server server(std::move(s));
    server.start();
    server.run_until_signal();
    return 0;
}

} // namespace lbtrack::app
