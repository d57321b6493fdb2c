#pragma once
// Storing the prepared payloads of a replay, the same way for a folder of dated files and a
// file's git history: each payload stored against the one before, counted for the summary line,
// and what is said of it (its warnings, its outcome) held until its commit is durable
// (reported_when_durable.hpp).

#include "pipeline/ingest_pipeline.hpp"
#include "pipeline/replay_session.hpp"
#include "pipeline/reported_when_durable.hpp"
#include <pqxx/pqxx>

#include "lbtrack/core/source.hpp"
#include "lbtrack/core/time.hpp"
#include "lbtrack/diff/board_diff.hpp"
#include "lbtrack/ingest/model_resolver.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lbtrack::app {

/// The payload_input of a replayed file or version: observed and "fetched" at `observed`, with
/// no HTTP status or validators, and allowed to hold no board (its history may start before the
/// board existed).
payload_input replayed_payload(std::string origin, std::string bytes, time_point observed,
                               std::string url);

class replay_writer {
public:
    /// What the command says of the payload at `index` once its commit is durable: its
    /// warnings (each new one; warning_once) and its outcome.
    using say_fn = std::function<void(std::size_t index, const std::vector<std::string>& warnings,
                                      ingest_outcome&& outcome)>;

    /// `compare`: whether outcomes carry the diff with the payload before (a report renders);
    /// `diff_options`: how that diff is cut (the report's --top and --significant-only).
    replay_writer(pqxx::connection_base& conn, const source& src,
                  const ingest::model_resolver& resolver, bool compare,
                  diff::diff_options diff_options, say_fn say);

    /// Stores the payload at `index`; `say` runs for it once its commit is durable.
    void store(std::size_t index, prepared_payload&& payload);
    /// Says everything held: the end of the replay.
    void flush();
    /// Logs how many repeated warnings were dropped.
    void log_warning_summary() const;

    std::size_t count(outcome_status status) const;
    /// "3 stored (120 rows), 1 unchanged, 0 already stored, 0 failed[, 2 without a board]".
    std::string summary() const;
    /// Logs that nothing was new when nothing was stored and nothing failed; `items` names what
    /// was replayed ("file", "version").
    void log_if_nothing_new(std::string_view items) const;
    /// 0, or exit_code::source_failed when a payload failed.
    int exit_code() const;

private:
    pqxx::connection_base& conn_;
    const source& src_;
    const ingest::model_resolver& resolver_;
    diff::diff_options diff_options_;
    say_fn say_;
    std::map<outcome_status, std::size_t> counts_;
    std::size_t rows_stored_ = 0;
    last_stored last_; // the payload before, for the next one's diff
    warning_once warnings_;
    reported_when_durable durable_;
};

} // namespace lbtrack::app
