// `lbtrack replay --source ID --git REPO:PATH[@REF]`: every version of a file committed to a git
// repository (a scraper's daily commits of a board) stored as a snapshot observed at its commit
// time, through the same pipeline as the dated-folder replay and `run`.
//
// A version that fails (parse error, schema drift, validation) is recorded as a failed fetch and
// reported naming its commit, and the replay goes on, as the folder replay does with a bad file;
// the exit code is then 1.

#include "commands.hpp"
#include "output/report_output.hpp"
#include "pipeline/ingest_pipeline.hpp"
#include "pipeline/prepare_ahead.hpp"
#include "pipeline/progress_meter.hpp"
#include "pipeline/replay_session.hpp"
#include "pipeline/replay_writer.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/diff/digest.hpp"
#include "lbtrack/ingest/git_history.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/store/connection.hpp"
#include "lbtrack/store/fetch_history.hpp"
#include "lbtrack/store/run_lock.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <unordered_set>
#include <utility>

namespace lbtrack::app {

namespace {

/// What names REPO, a REF or PATH that is not there is a usage error (exit code 2); a broken
/// repository stays a git_history_error (exit code 1).
std::unique_ptr<ingest::git_file_history> open_history(const ingest::git_file_spec& spec) {
    try {
        return std::make_unique<ingest::git_file_history>(spec);
    } catch (const ingest::git_history_error& e) {
        if (e.is_usage()) {
            throw usage_error(e.what());
        }
        throw;
    }
}

/// The fetch URL recorded for a replayed version, "git:<repo>:<path>@<full commit id>". It names
/// the exact commit, which is what makes the replay resumable (resume_index).
std::string version_url(const ingest::git_file_history& history,
                        const ingest::file_version& version) {
    return fmt::format("git:{}:{}@{}", history.repository(), history.path(), version.commit);
}

/// Index of the first version still to replay: the one after the newest version whose commit has
/// a stored or unchanged fetch of this source for this PATH (version_url).
///
/// Why commit ids rather than times: the fetch row is written in the snapshot's own transaction,
/// so "recorded" means "done", and a commit id is exact where committer times may repeat or go
/// backwards. Only PATH and the commit are matched, not REPO: a moved or re-cloned repository
/// resumes where it stopped. Versions after the newest successful one are replayed again even
/// if they failed before (after a config fix for schema drift they go in); a failed version
/// followed by a stored one is not retried. A rewritten history (no recorded commit left on the
/// chain) replays from the start, where the pipeline finds every unchanged time and payload
/// already stored and writes nothing for them.
std::size_t resume_index(pqxx::connection_base& conn, const std::string& source_id,
                         const ingest::git_file_history& history) {
    const auto urls = [&] {
        pqxx::read_transaction tx(conn);
        return store::successful_fetch_urls(tx, source_id, "git:");
    }();
    const auto path_part = ":" + history.path() + "@";
    std::unordered_set<std::string> done;
    for (const auto& url : urls) {
        const auto at = url.rfind('@');
        if (at != std::string::npos &&
            std::string_view(url).substr(0, at + 1).ends_with(path_part)) {
            done.insert(url.substr(at + 1));
        }
    }
    const auto& versions = history.versions();
    for (std::size_t i = versions.size(); i > 0; --i) {
        if (done.contains(versions[i - 1].commit)) {
            return i;
        }
    }
    return 0;
}

/// When each version is observed: its commit time, except that one committed at or before the
/// version before it (two commits in one second from a script, a clock set back) is observed one
/// microsecond after that one, so snapshots keep the commits' order and never share a time.
std::vector<time_point> observation_times(const std::vector<ingest::file_version>& versions) {
    std::vector<time_point> times;
    times.reserve(versions.size());
    for (const auto& v : versions) {
        auto t = v.committed_at;
        if (!times.empty() && t <= times.back()) {
            t = times.back() + std::chrono::microseconds(1);
            spdlog::debug("commit {} ({}): committed at or before the version before it; "
                          "observed at {}",
                          v.short_commit, format_utc(v.committed_at), format_utc(t));
        }
        times.push_back(t);
    }
    return times;
}

} // namespace

int git_replay_command(const replay_options& options, environment& env) {
    const auto cfg = settings::load_config(options.files.config);
    const auto resolver = replay_resolver(options);
    const auto& src = cfg.find(options.source);
    const auto spec = ingest::parse_git_file_spec(options.git);
    const auto history = open_history(spec);
    const auto& versions = history->versions();
    if (versions.empty()) {
        throw usage_error(fmt::format("replay --git {}:{}: '{}' is in none of the {} commit(s) of "
                                      "the first-parent history of {}",
                                      spec.repo, spec.path, spec.path, history->commits(),
                                      spec.ref));
    }
    const auto observed = observation_times(versions);
    const auto described = fmt::format("{}:{}", history->repository(), spec.path);
    report_output report(options.report, env.out, {use_color(env.out_is_terminal)},
                         report_timing::per_snapshot, options.digest);
    auto conn = env.database.open();
    store::run_lock lock(*conn);
    commit_without_flush_wait(*conn);

    const auto first = resume_index(*conn, src.id, *history);
    if (first == versions.size()) {
        report.finish(report.build(env.now()));
        const auto& last = versions.back();
        spdlog::info("replay of {} into '{}': nothing new: all {} version(s) up to commit {} ({}) "
                     "are already replayed",
                     described, src.id, versions.size(), last.short_commit,
                     format_utc(last.committed_at));
        return 0;
    }
    if (first > 0) {
        spdlog::info("replay of {} into '{}': resuming after commit {} ({}), {} of {} version(s) "
                     "already replayed",
                     described, src.id, versions[first - 1].short_commit,
                     format_utc(versions[first - 1].committed_at), first, versions.size());
    }

    const auto todo = versions.size() - first;
    const bool verbose = spdlog::default_logger_raw()->should_log(spdlog::level::debug);
    const auto started = std::chrono::steady_clock::now();
    progress_meter meter(src.id, "versions", todo, stderr_is_terminal());
    // Blobs are read on the worker, one version ahead: while a replay runs this thread does not
    // touch the repository, so libgit2 sees one thread at a time, and a read error comes out in
    // its version's turn.
    // What is said of a version once its commit is durable (replay_writer.hpp); its warnings
    // each once, unless -v.
    const auto say_version = [&](std::size_t i, const std::vector<std::string>& version_warnings,
                                 ingest_outcome&& outcome) {
        const auto& v = versions[i];
        if (!version_warnings.empty()) {
            meter.clear(); // the warnings come next, on the progress line's terminal
        }
        for (const auto& message : version_warnings) {
            spdlog::warn("{}", message);
        }
        if (outcome.status == outcome_status::failed) {
            meter.clear();
            spdlog::error("[{}/{}] commit {} ({}): {}", i + 1, versions.size(), v.short_commit,
                          format_utc(v.committed_at), outcome.message);
            report.add_failure(outcome.message);
        } else {
            if (verbose || (report.renders() && outcome.status == outcome_status::stored)) {
                meter.clear(); // a log line or a report (maybe on the same terminal) next
            }
            spdlog::debug("[{}/{}] commit {} ({}): {}: {}", i + 1, versions.size(), v.short_commit,
                          format_utc(v.committed_at), to_string(outcome.status), outcome.message);
            report.add(std::move(outcome));
        }
        meter.update(i + 1 - first);
    };
    replay_writer writer(*conn, src, resolver, report.renders(),
                         diff::section_options(options.digest), say_version);
    prepare_ahead ahead(src, resolver);
    ahead.for_each(
        first, versions.size(),
        [&](std::size_t i) {
            const auto& v = versions[i];
            return replayed_payload(fmt::format("{} at commit {}", spec.path, v.short_commit),
                                    history->read(v), observed[i], version_url(*history, v));
        },
        [&](std::size_t i, prepared_payload&& payload) { writer.store(i, std::move(payload)); });
    writer.flush();
    meter.finish();
    report.finish(report.build(env.now()));
    writer.log_warning_summary();

    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("replay of {} into '{}': {} version(s) in {} commit(s) of {}, {} already "
                 "replayed before; {} replayed in {:.1f} s ({:.1f}/s): {}",
                 described, src.id, versions.size(), history->commits(), spec.ref, first, todo,
                 seconds, seconds > 0 ? static_cast<double>(todo) / seconds : 0.0,
                 writer.summary());
    writer.log_if_nothing_new("version");
    return writer.exit_code();
}

} // namespace lbtrack::app
