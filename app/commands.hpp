#pragma once
// The lbtrack subcommands. Each returns the process exit code (README, "Exit codes") and throws
// lbtrack::error subclasses for failures main() maps to codes.

#include "output/output_format.hpp"

#include "lbtrack/core/time.hpp"
#include "lbtrack/deploy/database.hpp"
#include "lbtrack/diff/digest.hpp"
#include "lbtrack/diff/render.hpp"
#include "lbtrack/diff/svg_chart.hpp"
#include "lbtrack/ingest/fetcher.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::app {

/// The sources file and the model registry: the two files every command but db reads, filled
/// once from the global --config and --models (cli.cpp) and embedded in each command's options.
struct config_files {
    std::filesystem::path config;
    std::filesystem::path models; ///< registry; empty: models.toml beside `config`
};

struct run_options {
    config_files files;
    std::vector<std::string> sources;          ///< empty: every configured source
    std::vector<std::string> mirrors;          ///< FROM=TO URL prefix rewrites
    std::optional<diff::report_format> report; ///< none: no report on stdout
    /// --top, --min-rank-move, --significant-only, --model, --max-rows: what the report on
    /// stdout shows (the sinks apply their own [[notify]] rules).
    diff::digest_options digest;
    bool notify = false; ///< deliver the report to the configured sinks
};

struct replay_options {
    config_files files;
    std::string source;
    std::filesystem::path dir;
    std::string git; ///< REPO:PATH[@REF] instead of `dir`: the file's versions in git history
    std::optional<diff::report_format> report;
    diff::digest_options digest; ///< what each day's report shows, as for run
};

struct diff_options {
    config_files files;
    std::string source;
    std::string from; ///< WHEN; empty: the snapshot before `to`
    std::string to;   ///< WHEN; empty: the latest snapshot
    diff::report_format format = diff::report_format::text;
    diff::digest_options digest; ///< what the report shows, as for run
};

struct extract_options {
    config_files files;
    std::string source; ///< empty: no mapping, print the parsed table
    std::string format; ///< overrides the source's format; required without --source
    std::optional<std::size_t> table_index;
    std::string pointer;
    std::string input; ///< file or URL; empty: the source's URL
    std::vector<std::string> mirrors;
    bool json = false;
};

struct resolve_options {
    config_files files;
    std::vector<std::string> names;
    std::string on;   ///< WHEN the name was seen (for dated aliases); empty: any
    std::string link; ///< URL the board linked the names to; empty: none
    output_format format = output_format::text; ///< text, json or tsv
};

struct reprocess_options {
    config_files files;
    std::vector<std::string> sources; ///< empty: every configured source
    bool all = false; ///< also snapshots already resolved under the current rules and registry
};

struct models_options {
    config_files files;
    bool unreviewed = false;
    std::vector<std::string> sources;
    output_format format = output_format::text; ///< text or json
};

struct history_options {
    config_files files;
    std::string model; ///< as any board prints it, or a stored model key
    std::vector<std::string> sources;
    std::string since;                                 ///< WHEN; empty: all
    output_format format = output_format::text;        ///< text, md, json, csv or svg
    diff::chart_value chart = diff::chart_value::rank; ///< what the svg format charts
};

struct board_options {
    config_files files;
    std::string source;
    std::string as_of; ///< WHEN; empty: the latest snapshot
    /// WHEN to compare with for the Δ columns; empty: the snapshot before the one shown.
    std::string since;
    int top = 0;          ///< only rows ranked <= top (ties included); 0: every row
    bool license = false; ///< a license column
    bool metrics = false; ///< a column per metric of the board
    output_format format = output_format::text; ///< text, md, csv or json
};

struct movers_options {
    config_files files;
    std::vector<std::string> sources;           ///< empty: every configured source
    std::string since = "7d";                   ///< WHEN the comparison starts
    std::size_t max_rows = 20;                  ///< how many moves; 0: all
    output_format format = output_format::text; ///< text, md, csv or json
};

struct sources_options {
    config_files files;                         ///< only `config` is read
    output_format format = output_format::text; ///< text or json
};

struct serve_command_options {
    config_files files;
    std::string listen = "127.0.0.1:8080"; ///< loopback: a reverse proxy faces the network
    int workers = 4;                       ///< request threads (and database connections)
    int stale_hours = 36;                  ///< /health: a watched board older than this is stale
    int cache_mb = 64; ///< whole answers kept while the data is unchanged; 0: none
};

/// Everything from outside a command needs: injected so tests can swap each one.
struct environment {
    ingest::fetcher& fetcher;
    clock_fn now;
    std::ostream& out; ///< reports (logs go to spdlog/stderr)
    /// Which PostgreSQL: chosen by the composition (main_entry), never by a command.
    deploy::database& database;
    bool out_is_terminal = false; ///< `out` is a terminal: colour and progress may be used
};

int run_command(const run_options& options, environment& env);
int replay_command(const replay_options& options, environment& env);
/// `replay --git REPO:PATH[@REF]` (cmd_replay_git.cpp).
int git_replay_command(const replay_options& options, environment& env);
int diff_command(const diff_options& options, environment& env);
/// Dry run: prints the rows a source would store (or, without a source, the parsed table) and
/// stores nothing, so a user can check a new board before adding it.
int extract_command(const extract_options& options, environment& env);
int resolve_command(const resolve_options& options, environment& env);
int reprocess_command(const reprocess_options& options, environment& env);
int models_command(const models_options& options, environment& env);
int history_command(const history_options& options, environment& env);
int board_command(const board_options& options, environment& env);
int movers_command(const movers_options& options, environment& env);
/// Exits 1 when an enabled source's last fetch failed, or a source with max_age_hours was not
/// fetched within it (README, "Exit codes").
int sources_command(const sources_options& options, environment& env);
int db_command(const std::string& action, environment& env);
int serve_command(const serve_command_options& options, environment& env);

} // namespace lbtrack::app
