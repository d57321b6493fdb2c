#include "cli.hpp"

#include "commands.hpp"
#include "logging.hpp"
#include <pqxx/pqxx>

#include "lbtrack/core/errors.hpp"
#include "lbtrack/deploy/conninfo.hpp"
#include "lbtrack/settings/config_lookup.hpp"
#include "lbtrack/version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <vector>

namespace lbtrack::app {

namespace {

/// "lbtrack 0.1.0", and the commit when built from a git checkout.
std::string version_text() {
    std::string text = std::string("lbtrack ") + build::project_version;
    if (*build::git_describe != '\0') {
        text += std::string(" (git ") + build::git_describe + ")";
    }
    return text;
}

/// The report options of run, diff and replay: the filters of the [[notify]] rules, with the same
/// names and meanings, and the row limit.
void add_report_limits(CLI::App* cmd, diff::digest_options& digest) {
    cmd->add_option("--top", digest.rules.top,
                    "The board's top N: only changes at rank <= N on either day, and the models "
                    "that entered or left it (0: every rank; the Top section then uses 10)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--min-rank-move", digest.rules.min_rank_move,
                    "Leave out rank moves of fewer places")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--significant-only", digest.rules.significant_only,
                  "Only score changes beyond the board's published CI");
    cmd->add_option("--model", digest.rules.models,
                    "Only changes of models matching PATTERN (* wildcards, any case; repeatable)");
    cmd->add_option("--max-rows", digest.max_rows,
                    "At most N rows per list, the rest counted (0: every row)")
        ->capture_default_str();
}

/// --format of a query command: one of `names`, checked by CLI11 (its message lists them) and
/// stored as the enum.
CLI::Option* add_format(CLI::App* cmd, output_format& target, const std::string& description,
                        std::vector<std::string> names) {
    return cmd
        ->add_option_function<std::string>(
            "--format", [&target](const std::string& name) { target = parse_output_format(name); },
            description)
        ->default_str(to_string(target))
        ->check(CLI::IsMember(std::move(names)));
}

/// Options whose unknown values lbtrack refuses with its own message (a logged usage_error,
/// exit 2) rather than CLI11's: the name is kept while parsing and turned into the enum once
/// logging is set up.
class parsed_later {
public:
    template <class T, class Parse>
    CLI::Option* add(CLI::App* cmd, const std::string& flag, T& target, Parse parse,
                     const std::string& description) {
        return cmd->add_option_function<std::string>(
            flag,
            [this, &target, parse](const std::string& value) {
                pending_.emplace_back([&target, parse, value] { target = parse(value); });
            },
            description);
    }
    /// Throws lbtrack::usage_error for the first unknown value.
    void apply() const {
        for (const auto& parse : pending_) {
            parse();
        }
    }

private:
    std::vector<std::function<void()>> pending_;
};

diff::chart_value parse_chart_value(const std::string& name) {
    if (name == "rank") {
        return diff::chart_value::rank;
    }
    if (name == "score") {
        return diff::chart_value::score;
    }
    throw usage_error(fmt::format("history: unknown chart value '{}' (rank, score)", name));
}

int fail(exit_code code, const std::string& message) {
    // A connection error may quote DATABASE_URL's password (libpq, on a malformed URI).
    const char* url = std::getenv("DATABASE_URL");
    spdlog::error("{}", deploy::mask_password(message, url != nullptr ? url : ""));
    return static_cast<int>(code);
}

/// Every subcommand's options as the parser fills them, and which subcommand was given.
struct commands {
    run_options run;
    replay_options replay;
    extract_options extract;
    reprocess_options reprocess;
    diff_options diff;
    resolve_options resolve;
    models_options models;
    history_options history;
    board_options board;
    movers_options movers;
    sources_options sources;
    serve_command_options serve;
    std::string db_action;
    CLI::App* run_cmd = nullptr;
    CLI::App* replay_cmd = nullptr;
    CLI::App* extract_cmd = nullptr;
    CLI::App* reprocess_cmd = nullptr;
    CLI::App* diff_cmd = nullptr;
    CLI::App* resolve_cmd = nullptr;
    CLI::App* models_cmd = nullptr;
    CLI::App* history_cmd = nullptr;
    CLI::App* board_cmd = nullptr;
    CLI::App* movers_cmd = nullptr;
    CLI::App* sources_cmd = nullptr;
    CLI::App* serve_cmd = nullptr;
    CLI::App* db_cmd = nullptr;

    /// The files every command reads, from the global --config and --models.
    void set_files(const config_files& files) {
        for (auto* f : {&run.files, &replay.files, &diff.files, &extract.files, &resolve.files,
                        &reprocess.files, &models.files, &history.files, &board.files,
                        &movers.files, &sources.files, &serve.files}) {
            *f = files;
        }
    }
};

/// --report's value: a report format, or none when not given.
std::optional<diff::report_format> report_format_named(const std::string& name) {
    return diff::parse_report_format(name);
}

/// run: fetch, store, report.
void add_run_command(CLI::App& cli, commands& c, parsed_later& later) {
    c.run_cmd = cli.add_subcommand("run", "Fetch every (or the named) source, store, report");
    c.run_cmd->add_option("--source", c.run.sources, "Only this source (repeatable)");
    c.run_cmd->add_option("--mirror", c.run.mirrors, "Rewrite URL prefix FROM=TO (repeatable)");
    later.add(c.run_cmd, "--report", c.run.report, report_format_named,
              "Print what changed: text, md, html or json");
    c.run_cmd->add_flag("--notify", c.run.notify,
                        "Send the digest to the [[notify]] sinks of the config (and retry what "
                        "earlier runs could not deliver)");
    add_report_limits(c.run_cmd, c.run.digest);
}

/// replay: a folder of dated files or a file's git history.
void add_replay_command(CLI::App& cli, commands& c, parsed_later& later) {
    c.replay_cmd = cli.add_subcommand(
        "replay", "Backfill a folder of dated files (YYYY-MM-DD.<ext>) or a file's git history");
    c.replay_cmd->add_option("--source", c.replay.source, "Source the files belong to")->required();
    auto* replay_input = c.replay_cmd->add_option_group("input", "DIR or --git, one of them");
    replay_input->add_option("dir", c.replay.dir, "Folder of dated files");
    replay_input->add_option("--git", c.replay.git,
                             "REPO:PATH[@REF]: each commit's version of a file, oldest first");
    replay_input->require_option(1);
    later.add(c.replay_cmd, "--report", c.replay.report, report_format_named,
              "Print each day's changes: text, md, html or json");
    add_report_limits(c.replay_cmd, c.replay.digest);
}

/// diff: two stored snapshots compared.
void add_diff_command(CLI::App& cli, commands& c, parsed_later& later) {
    c.diff_cmd = cli.add_subcommand("diff", "What changed between two stored snapshots");
    c.diff_cmd->add_option("--source", c.diff.source, "Source")->required();
    c.diff_cmd->add_option("--from", c.diff.from, "WHEN (default: the snapshot before --to)");
    c.diff_cmd->add_option("--to", c.diff.to, "WHEN (default: the latest snapshot)");
    later
        .add(c.diff_cmd, "--format", c.diff.format, diff::parse_report_format,
             "text, md, html or json")
        ->default_str("text");
    add_report_limits(c.diff_cmd, c.diff.digest);
}

/// extract: a dry run of one source or file.
void add_extract_command(CLI::App& cli, commands& c) {
    c.extract_cmd = cli.add_subcommand(
        "extract", "Dry run: print the rows a source (or a file) gives; stores nothing");
    c.extract_cmd->add_option("--source", c.extract.source, "Source whose mapping to apply");
    c.extract_cmd->add_option("--format", c.extract.format, "csv, json, html or md")
        ->check(CLI::IsMember({"csv", "json", "html", "md", "markdown"}));
    c.extract_cmd->add_option("--table", c.extract.table_index, "0-based table of an HTML/MD page");
    c.extract_cmd->add_option("--pointer", c.extract.pointer,
                              "JSON Pointer to the rows: an array, or an object keyed by model");
    c.extract_cmd->add_option("--mirror", c.extract.mirrors, "Rewrite URL prefix FROM=TO");
    c.extract_cmd->add_flag("--json", c.extract.json, "Print JSON instead of a table");
    c.extract_cmd->add_option("input", c.extract.input, "File or URL (default: the source's URL)");
}

/// resolve: which model a name is.
void add_resolve_command(CLI::App& cli, commands& c) {
    c.resolve_cmd =
        cli.add_subcommand("resolve", "Which model each NAME is, and which rule or alias decided");
    c.resolve_cmd->add_option("names", c.resolve.names, "Model names as boards print them")
        ->required();
    c.resolve_cmd->add_option("--on", c.resolve.on, "WHEN the name was seen (dated aliases)");
    c.resolve_cmd->add_option("--link", c.resolve.link,
                              "URL the board linked the name to (a Hugging Face repo can name the "
                              "model in full)");
    add_format(c.resolve_cmd, c.resolve.format, "text, json or tsv", {"text", "json", "tsv"});
}

/// reprocess: stored payloads under new rules.
void add_reprocess_command(CLI::App& cli, commands& c) {
    c.reprocess_cmd = cli.add_subcommand(
        "reprocess", "Re-resolve stored snapshots from their payloads after the rules or registry "
                     "changed");
    c.reprocess_cmd->add_option("--source", c.reprocess.sources, "Only this source (repeatable)");
    c.reprocess_cmd->add_flag(
        "--all", c.reprocess.all,
        "Also snapshots already resolved under the current rules and registry");
}

/// models: the stored models.
void add_models_command(CLI::App& cli, commands& c) {
    c.models_cmd = cli.add_subcommand("models", "Stored models and the boards they are on");
    c.models_cmd->add_flag("--unreviewed", c.models.unreviewed,
                           "Only provisional models, with the nearest known ones, and likely "
                           "upstream renames with the alias to add");
    c.models_cmd->add_option("--source", c.models.sources,
                             "Only models on this source (repeatable)");
    add_format(c.models_cmd, c.models.format, "text or json", {"text", "json"});
}

/// history: one model over time.
void add_history_command(CLI::App& cli, commands& c, parsed_later& later) {
    c.history_cmd =
        cli.add_subcommand("history", "One model's rank and score over time, on every board");
    c.history_cmd->add_option("model", c.history.model, "Model name as any board prints it")
        ->required();
    c.history_cmd->add_option("--source", c.history.sources, "Only this source (repeatable)");
    c.history_cmd->add_option("--since", c.history.since,
                              "WHEN: a date, a timestamp or a span (90d)");
    later
        .add(c.history_cmd, "--chart", c.history.chart, parse_chart_value,
             "With --format svg: rank or score")
        ->default_str("rank");
    add_format(c.history_cmd, c.history.format, "text, md, json, csv or svg",
               {"text", "md", "json", "csv", "svg"});
}

/// board: a board as it stood.
void add_board_command(CLI::App& cli, commands& c) {
    c.board_cmd = cli.add_subcommand("board", "A board as it stood at a time");
    c.board_cmd->add_option("--source", c.board.source, "Source")->required();
    c.board_cmd->add_option("--as-of", c.board.as_of, "WHEN (default: the latest snapshot)");
    c.board_cmd->add_option("--since", c.board.since,
                            "WHEN to compare with for the change columns (default: the snapshot "
                            "before)");
    c.board_cmd->add_option("--top", c.board.top, "The board's top N: rows ranked <= N")
        ->check(CLI::NonNegativeNumber);
    c.board_cmd->add_flag("--license", c.board.license, "A license column");
    c.board_cmd->add_flag("--metrics", c.board.metrics, "A column per metric of the board");
    add_format(c.board_cmd, c.board.format, "text, md, csv or json", {"text", "md", "csv", "json"});
}

/// movers: the largest rank moves.
void add_movers_command(CLI::App& cli, commands& c) {
    c.movers_cmd =
        cli.add_subcommand("movers", "The largest rank moves on every board since a time");
    c.movers_cmd->add_option("--since", c.movers.since, "WHEN: a date, a timestamp or a span (90d)")
        ->capture_default_str();
    c.movers_cmd->add_option("--max-rows", c.movers.max_rows, "How many moves (0: all)")
        ->capture_default_str();
    c.movers_cmd->add_option("--source", c.movers.sources, "Only this source (repeatable)");
    add_format(c.movers_cmd, c.movers.format, "text, md, csv or json",
               {"text", "md", "csv", "json"});
}

/// sources: the configured sources and their health.
void add_sources_command(CLI::App& cli, commands& c) {
    c.sources_cmd = cli.add_subcommand(
        "sources", "Configured sources and their last fetch; exit 1 when one failed or is stale");
    add_format(c.sources_cmd, c.sources.format, "text or json", {"text", "json"});
}

/// serve: the web pages.
void add_serve_command(CLI::App& cli, commands& c) {
    c.serve_cmd = cli.add_subcommand("serve", "The history as web pages, JSON, CSV and Atom");
    c.serve_cmd->add_option("--listen", c.serve.listen, "HOST:PORT")->capture_default_str();
    c.serve_cmd->add_option("--workers", c.serve.workers, "Request threads")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    c.serve_cmd
        ->add_option("--stale-hours", c.serve.stale_hours,
                     "/health: hours without a successful fetch that make a board stale")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    c.serve_cmd
        ->add_option("--cache-mb", c.serve.cache_mb,
                     "MiB of whole answers kept while the data is unchanged (0: none)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65536));
}

/// db: the database.
void add_db_command(CLI::App& cli, commands& c) {
    c.db_cmd = cli.add_subcommand("db", "Database: migrate, status, stop (embedded)");
    c.db_cmd->add_option("action", c.db_action, "migrate | status | stop")
        ->required()
        ->check(CLI::IsMember({"migrate", "status", "stop"}));
}

/// Runs the chosen subcommand.
int dispatch(const commands& c, environment& env) {
    if (*c.run_cmd) {
        return run_command(c.run, env);
    }
    if (*c.replay_cmd) {
        return c.replay.git.empty() ? replay_command(c.replay, env)
                                    : git_replay_command(c.replay, env);
    }
    if (*c.diff_cmd) {
        return diff_command(c.diff, env);
    }
    if (*c.extract_cmd) {
        return extract_command(c.extract, env);
    }
    if (*c.resolve_cmd) {
        return resolve_command(c.resolve, env);
    }
    if (*c.reprocess_cmd) {
        return reprocess_command(c.reprocess, env);
    }
    if (*c.models_cmd) {
        return models_command(c.models, env);
    }
    if (*c.history_cmd) {
        return history_command(c.history, env);
    }
    if (*c.board_cmd) {
        return board_command(c.board, env);
    }
    if (*c.movers_cmd) {
        return movers_command(c.movers, env);
    }
    if (*c.sources_cmd) {
        return sources_command(c.sources, env);
    }
    if (*c.db_cmd) {
        return db_command(c.db_action, env);
    }
    if (*c.serve_cmd) {
        return serve_command(c.serve, env);
    }
    return 0;
}

/// Runs `command`, mapping every failure to its exit code: the single place where errors are
/// caught (README, "Exit codes").
template <typename F>
int with_exit_codes(F&& command) {
    try {
        return command();
    } catch (const config_error& e) {
        return fail(exit_code::bad_usage, e.what());
    } catch (const usage_error& e) {
        return fail(exit_code::bad_usage, e.what());
    } catch (const database_unavailable& e) {
        return fail(exit_code::database_unavailable, e.what());
    } catch (const pqxx::broken_connection& e) {
        return fail(exit_code::database_unavailable,
                    std::string("lost the connection to PostgreSQL: ") + e.what());
    } catch (const error& e) {
        return fail(exit_code::source_failed, e.what());
    } catch (const std::exception& e) {
        return fail(exit_code::source_failed, std::string("unexpected error: ") + e.what());
    }
}

} // namespace

int main_entry(int argc, char** argv) {
    CLI::App cli{"lbtrack: keeps the history of LLM leaderboards"};
    cli.require_subcommand(1);
    cli.set_version_flag("--version", version_text());
    int verbose = 0;
    bool quiet = false;
    std::string config_file;
    cli.add_flag("-v,--verbose", verbose, "More log output (debug)");
    cli.add_flag("-q,--quiet", quiet, "Only warnings and errors on stderr");
    cli.add_option("--config", config_file,
                   "Sources file (default: $LBTRACK_CONFIG, ./config/sources.toml, "
                   "$XDG_CONFIG_HOME/lbtrack/sources.toml, /etc/lbtrack/sources.toml)");
    std::string models_file;
    cli.add_option("--models", models_file,
                   "Model registry (default: models.toml beside the sources file)");
    commands c;
    parsed_later later;
    add_run_command(cli, c, later);
    add_replay_command(cli, c, later);
    add_diff_command(cli, c, later);
    add_extract_command(cli, c);
    add_resolve_command(cli, c);
    add_reprocess_command(cli, c);
    add_models_command(cli, c);
    add_history_command(cli, c, later);
    add_board_command(cli, c);
    add_movers_command(cli, c);
    add_sources_command(cli, c);
    add_serve_command(cli, c);
    add_db_command(cli, c);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = cli.exit(e);
        return code == 0 ? 0 : static_cast<int>(exit_code::bad_usage);
    }
    set_up_logging(quiet ? -1 : verbose);

    if (config_file.empty()) {
        try {
            config_file = settings::locate_config(settings::process_env).string();
        } catch (const config_error& e) {
            // db, resolve and a file-only extract read no sources file: no error for them.
            if (!*c.db_cmd && !*c.resolve_cmd && !(*c.extract_cmd && c.extract.source.empty())) {
                return fail(exit_code::bad_usage, e.what());
            }
            config_file = "config/sources.toml";
        }
    }

    ingest::curl_fetcher fetcher;
    deploy::database database;
    environment env{fetcher, system_now, std::cout, database, isatty(STDOUT_FILENO) == 1};
    c.set_files(config_files{config_file, models_file});
    return with_exit_codes([&] {
        later.apply();
        return dispatch(c, env);
    });
}

} // namespace lbtrack::app
