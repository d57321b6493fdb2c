#include "commands.hpp"
#include "output/report_output.hpp"
#include "pipeline/ingest_pipeline.hpp"
#include "pipeline/prepare_ahead.hpp"
#include "pipeline/replay_session.hpp"
#include "pipeline/replay_writer.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/file_bytes.hpp"
#include "lbtrack/diff/digest.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/store/run_lock.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

namespace lbtrack::app {

namespace {

struct dated_file {
    time_point day;
    std::filesystem::path path;
};

/// The folder's files named YYYY-MM-DD.<ext>, in date order. Anything else is skipped with a
/// warning rather than an error: scraped folders often hold a README or a latest.csv link.
std::vector<dated_file> dated_files(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        throw usage_error(fmt::format("replay: '{}' is not a directory", dir.string()));
    }
    std::vector<dated_file> files;
    for (const auto& item : std::filesystem::directory_iterator(dir)) {
        if (!item.is_regular_file()) {
            continue;
        }
        time_point day;
        if (!parse_date(item.path().stem().string(), day)) {
            spdlog::warn("replay: ignoring {}: not named YYYY-MM-DD.<ext>", item.path().string());
            continue;
        }
        files.push_back({day, item.path()});
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return a.day < b.day || (a.day == b.day && a.path < b.path);
    });
    for (std::size_t i = 1; i < files.size(); ++i) {
        if (files[i].day == files[i - 1].day) {
            throw usage_error(fmt::format("replay: {} and {} are for the same date",
                                          files[i - 1].path.string(), files[i].path.string()));
        }
    }
    return files;
}

std::string read_file(const std::filesystem::path& path) {
    auto bytes = read_file_bytes(path);
    if (!bytes) {
        throw error(fmt::format("replay: cannot read {}", path.string()));
    }
    return std::move(*bytes);
}

} // namespace

int replay_command(const replay_options& options, environment& env) {
    const auto cfg = settings::load_config(options.files.config);
    const auto resolver = replay_resolver(options);
    const auto& src = cfg.find(options.source);
    const auto files = dated_files(options.dir);
    if (files.empty()) {
        throw usage_error(
            fmt::format("replay: no files named YYYY-MM-DD.<ext> in {}", options.dir.string()));
    }
    report_output report(options.report, env.out, {use_color(env.out_is_terminal)},
                         report_timing::per_snapshot, options.digest);
    auto conn = env.database.open();
    store::run_lock lock(*conn);
    commit_without_flush_wait(*conn);

    // Each day is said once its commit is durable, its warnings each once unless -v.
    replay_writer writer(
        *conn, src, resolver, report.renders(), diff::section_options(options.digest),
        [&](std::size_t i, const std::vector<std::string>& day_warnings, ingest_outcome&& outcome) {
            for (const auto& message : day_warnings) {
                spdlog::warn("{}", message);
            }
            spdlog::info("[{}/{}] {}: {}: {}", i + 1, files.size(),
                         files[i].path.filename().string(), to_string(outcome.status),
                         outcome.message);
            if (outcome.status == outcome_status::failed) {
                report.add_failure(outcome.message);
            } else {
                report.add(std::move(outcome));
            }
        });
    prepare_ahead ahead(src, resolver);
    ahead.for_each(
        0, files.size(),
        [&files](std::size_t i) {
            const auto& file = files[i];
            return replayed_payload(file.path.string(), read_file(file.path), file.day,
                                    "file://" + std::filesystem::absolute(file.path).string());
        },
        [&](std::size_t i, prepared_payload&& payload) { writer.store(i, std::move(payload)); });
    writer.flush();
    report.finish(report.build(env.now()));
    writer.log_warning_summary();
    spdlog::info("replay of {} into '{}': {} file(s): {}", options.dir.string(), src.id,
                 files.size(), writer.summary());
    writer.log_if_nothing_new("file");
    return writer.exit_code();
}

} // namespace lbtrack::app
