#pragma once
// What both forms of `lbtrack replay` (a folder of dated files, a file's git history) set up the
// same way.

#include "commands.hpp"
#include <pqxx/pqxx>

#include "lbtrack/ingest/model_resolver.hpp"

namespace lbtrack::app {

/// The resolver of a replay: it remembers what the rules made of each printed name, since every
/// day of a board prints mostly the same names (ingest::name_memo).
ingest::model_resolver replay_resolver(const replay_options& options);

/// A backfill commits a snapshot per day or version; waiting for each commit's WAL flush was ~4%
/// of replay time. Without it a crash can lose the last commits (never half of one), and the
/// next replay stores them again: it resumes after what is stored.
void commit_without_flush_wait(pqxx::connection_base& conn);

} // namespace lbtrack::app
