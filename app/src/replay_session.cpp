#include "replay_session.hpp"

#include "model_registry_file.hpp"

namespace lbtrack::app {

ingest::model_resolver replay_resolver(const replay_options& options) {
    return ingest::model_resolver(registry_for(options.config, options.models),
                                  ingest::name_memo::on);
}

void commit_without_flush_wait(pqxx::connection_base& conn) {
    conn.set_variable("synchronous_commit", "off");
}

} // namespace lbtrack::app
