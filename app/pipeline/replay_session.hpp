#pragma once
// What both forms of `lbtrack replay` (a folder of dated files, a file's git history) set up the
// same way.

#include "commands.hpp"
#include <pqxx/pqxx>

#include "lbtrack/ingest/model_resolver.hpp"

#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

namespace lbtrack::app {

/// The resolver of a replay: it remembers what the rules made of each printed name, since every
/// day of a board prints mostly the same names (ingest::name_memo).
ingest::model_resolver replay_resolver(const replay_options& options);

/// ", N without a board" for a replay's summary line; "" when every page had its board.
std::string without_board(std::size_t pages);

/// A backfill commits a snapshot per day or version; waiting for each commit's WAL flush was ~4%
/// of replay time. Without it a crash can lose the last commits (never half of one), and the
/// next replay stores them again: it resumes after what is stored. Nothing is said stored before
/// it is durable: reported_when_durable holds each day's lines until a flush.
void commit_without_flush_wait(pqxx::connection_base& conn);

/// A replay logs each warning once: a board that needs an alias, or repeats a row, warns the
/// same way on every day of its history, with only the day and the row numbers changing, and
/// a year of it buried everything else in the log.
/// With -v (debug logging) every warning is kept.
class warning_once {
public:
    warning_once();
    /// Drops from `warnings` (of the payload read from `origin`) those already seen for an
    /// earlier payload: the same text once `origin` and the row numbers are left out.
    void filter(std::vector<std::string>& warnings, const std::string& origin);
    /// Logs how many were dropped, when any were.
    void log_summary() const;

private:
    bool keep_all_;
    std::unordered_set<std::string> seen_;
    std::size_t repeats_ = 0;
};

} // namespace lbtrack::app
