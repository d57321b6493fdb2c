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
    parsed_later later;
    const auto report_format = [](const std::string& name) {
        return std::optional(diff::parse_report_format(name));
    };

    run_options run;
    auto* run_cmd = cli.add_subcommand("run", "Fetch every (or the named) source, store, report");
    run_cmd->add_option("--source", run.sources, "Only this source (repeatable)");
    run_cmd->add_option("--mirror", run.mirrors, "Rewrite URL prefix FROM=TO (repeatable)");
    later.add(run_cmd, "--report", run.report, report_format,
              "Print what changed: text, md, html or json");
    run_cmd->add_flag("--notify", run.notify,
                      "Send the digest to the [[notify]] sinks of the config (and retry what "
                      "earlier runs could not deliver)");
    add_report_limits(run_cmd, run.digest);

    replay_options replay;
    auto* replay_cmd = cli.add_subcommand(
        "replay", "Backfill a folder of dated files (YYYY-MM-DD.<ext>) or a file's git history");
    replay_cmd->add_option("--source", replay.source, "Source the files belong to")->required();
    auto* replay_input = replay_cmd->add_option_group("input", "DIR or --git, one of them");
    replay_input->add_option("dir", replay.dir, "Folder of dated files");
    replay_input->add_option("--git", replay.git,
                             "REPO:PATH[@REF]: each commit's version of a file, oldest first");
    replay_input->require_option(1);
    later.add(replay_cmd, "--report", replay.report, report_format,
              "Print each day's changes: text, md, html or json");
    add_report_limits(replay_cmd, replay.digest);

    diff_options diff;
    auto* diff_cmd = cli.add_subcommand("diff", "What changed between two stored snapshots");
    diff_cmd->add_option("--source", diff.source, "Source")->required();
    diff_cmd->add_option("--from", diff.from, "WHEN (default: the snapshot before --to)");
    diff_cmd->add_option("--to", diff.to, "WHEN (default: the latest snapshot)");
    later
        .add(diff_cmd, "--format", diff.format, diff::parse_report_format, "text, md, html or json")
        ->default_str("text");
    add_report_limits(diff_cmd, diff.digest);

    extract_options extract;
    auto* extract_cmd = cli.add_subcommand(
        "extract", "Dry run: print the rows a source (or a file) gives; stores nothing");
    extract_cmd->add_option("--source", extract.source, "Source whose mapping to apply");
    extract_cmd->add_option("--format", extract.format, "csv, json, html or md")
        ->check(CLI::IsMember({"csv", "json", "html", "md", "markdown"}));
    extract_cmd->add_option("--table", extract.table_index, "0-based table of an HTML/MD page");
    extract_cmd->add_option("--pointer", extract.pointer,
                            "JSON Pointer to the rows: an array, or an object keyed by model");
    extract_cmd->add_option("--mirror", extract.mirrors, "Rewrite URL prefix FROM=TO");
    extract_cmd->add_flag("--json", extract.json, "Print JSON instead of a table");
    extract_cmd->add_option("input", extract.input, "File or URL (default: the source's URL)");

    resolve_options resolve;
    auto* resolve_cmd =
        cli.add_subcommand("resolve", "Which model each NAME is, and which rule or alias decided");
    resolve_cmd->add_option("names", resolve.names, "Model names as boards print them")->required();
    resolve_cmd->add_option("--on", resolve.on, "WHEN the name was seen (dated aliases)");
    resolve_cmd->add_option("--link", resolve.link,
                            "URL the board linked the name to (a Hugging Face repo can name the "
                            "model in full)");
    add_format(resolve_cmd, resolve.format, "text, json or tsv", {"text", "json", "tsv"});

    reprocess_options reprocess;
    auto* reprocess_cmd = cli.add_subcommand(
        "reprocess", "Re-resolve stored snapshots from their payloads after the rules or registry "
                     "changed");
    reprocess_cmd->add_option("--source", reprocess.sources, "Only this source (repeatable)");
    reprocess_cmd->add_flag("--all", reprocess.all,
                            "Also snapshots already resolved under the current rules and registry");

    models_options models;
    auto* models_cmd = cli.add_subcommand("models", "Stored models and the boards they are on");
    models_cmd->add_flag("--unreviewed", models.unreviewed,
                         "Only provisional models, with the nearest known ones, and likely "
                         "upstream renames with the alias to add");
    models_cmd->add_option("--source", models.sources, "Only models on this source (repeatable)");
    add_format(models_cmd, models.format, "text or json", {"text", "json"});

    history_options history;
    auto* history_cmd =
        cli.add_subcommand("history", "One model's rank and score over time, on every board");
    history_cmd->add_option("model", history.model, "Model name as any board prints it")
        ->required();
    history_cmd->add_option("--source", history.sources, "Only this source (repeatable)");
    history_cmd->add_option("--since", history.since, "WHEN: a date, a timestamp or a span (90d)");
    later
        .add(history_cmd, "--chart", history.chart, parse_chart_value,
             "With --format svg: rank or score")
        ->default_str("rank");
    add_format(history_cmd, history.format, "text, md, json, csv or svg",
               {"text", "md", "json", "csv", "svg"});

    board_options board;
    auto* board_cmd = cli.add_subcommand("board", "A board as it stood at a time");
    board_cmd->add_option("--source", board.source, "Source")->required();
    board_cmd->add_option("--as-of", board.as_of, "WHEN (default: the latest snapshot)");
    board_cmd->add_option("--since", board.since,
                          "WHEN to compare with for the change columns (default: the snapshot "
                          "before)");
    board_cmd->add_option("--top", board.top, "The board's top N: rows ranked <= N")
        ->check(CLI::NonNegativeNumber);
    board_cmd->add_flag("--license", board.license, "A license column");
    board_cmd->add_flag("--metrics", board.metrics, "A column per metric of the board");
    add_format(board_cmd, board.format, "text, md, csv or json", {"text", "md", "csv", "json"});

    movers_options movers;
    auto* movers_cmd =
        cli.add_subcommand("movers", "The largest rank moves on every board since a time");
    movers_cmd->add_option("--since", movers.since, "WHEN: a date, a timestamp or a span (90d)")
        ->capture_default_str();
    movers_cmd->add_option("--max-rows", movers.max_rows, "How many moves (0: all)")
        ->capture_default_str();
    movers_cmd->add_option("--source", movers.sources, "Only this source (repeatable)");
    add_format(movers_cmd, movers.format, "text, md, csv or json", {"text", "md", "csv", "json"});

    sources_options sources;
    auto* sources_cmd = cli.add_subcommand(
        "sources", "Configured sources and their last fetch; exit 1 when one failed or is stale");
    add_format(sources_cmd, sources.format, "text or json", {"text", "json"});

    serve_command_options serve;
    auto* serve_cmd = cli.add_subcommand("serve", "The history as web pages, JSON, CSV and Atom");
    serve_cmd->add_option("--listen", serve.listen, "HOST:PORT")->capture_default_str();
    serve_cmd->add_option("--workers", serve.workers, "Request threads")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    serve_cmd
        ->add_option("--stale-hours", serve.stale_hours,
                     "/health: hours without a successful fetch that make a board stale")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);

    std::string db_action;
    auto* db_cmd = cli.add_subcommand("db", "Database: migrate, status, stop (embedded)");
    db_cmd->add_option("action", db_action, "migrate | status | stop")
        ->required()
        ->check(CLI::IsMember({"migrate", "status", "stop"}));

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
            if (!*db_cmd && !*resolve_cmd && !(*extract_cmd && extract.source.empty())) {
                return fail(exit_code::bad_usage, e.what());
            }
            config_file = "config/sources.toml";
        }
    }

    ingest::curl_fetcher fetcher;
    deploy::database database;
    environment env{fetcher, system_now, std::cout, database, isatty(STDOUT_FILENO) == 1};
    const config_files files{config_file, models_file};
    for (auto* opts : {&run.files, &replay.files, &diff.files, &extract.files, &resolve.files,
                       &reprocess.files, &models.files, &history.files, &board.files, &movers.files,
                       &sources.files, &serve.files}) {
        *opts = files;
    }
    try {
        later.apply();
        if (*run_cmd) {
            return run_command(run, env);
        }
        if (*replay_cmd) {
            return replay.git.empty() ? replay_command(replay, env)
                                      : git_replay_command(replay, env);
        }
        if (*diff_cmd) {
            return diff_command(diff, env);
        }
        if (*extract_cmd) {
            return extract_command(extract, env);
        }
        if (*resolve_cmd) {
            return resolve_command(resolve, env);
        }
        if (*reprocess_cmd) {
            return reprocess_command(reprocess, env);
        }
        if (*models_cmd) {
            return models_command(models, env);
        }
        if (*history_cmd) {
            return history_command(history, env);
        }
        if (*board_cmd) {
            return board_command(board, env);
        }
        if (*movers_cmd) {
            return movers_command(movers, env);
        }
        if (*sources_cmd) {
            return sources_command(sources, env);
        }
        if (*db_cmd) {
            return db_command(db_action, env);
        }
        if (*serve_cmd) {
            return serve_command(serve, env);
        }
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
    return 0;
}

} // namespace lbtrack::app
