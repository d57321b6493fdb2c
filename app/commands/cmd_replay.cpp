#include "commands.hpp"
#include "output/report_output.hpp"
#include "pipeline/ingest_pipeline.hpp"
#include "pipeline/prepare_ahead.hpp"
#include "pipeline/replay_session.hpp"
#include "pipeline/reported_when_durable.hpp"
#include "when.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/file_bytes.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/store/run_lock.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
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
    const auto cfg = settings::load_config(options.config);
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

    std::map<outcome_status, std::size_t> counts;
    std::size_t rows_stored = 0;
    last_stored last; // the day before, for the next day's diff
    last.compare = report.renders();
    warning_once warnings;                // each once, unless -v (replay_session.hpp)
    reported_when_durable durable(*conn); // each day said once its commit is durable
    prepare_ahead ahead(src, resolver);
    ahead.for_each(
        0, files.size(),
        [&files](std::size_t i) {
            const auto& file = files[i];
            return payload_input{file.path.string(),
                                 read_file(file.path),
                                 file.day,
                                 file.day,
                                 "file://" + std::filesystem::absolute(file.path).string(),
                                 std::nullopt,
                                 "",
                                 "",
                                 true};
        },
        [&](std::size_t i, prepared_payload&& payload) {
            warnings.filter(payload.warnings, payload.input.origin);
            auto day_warnings = std::exchange(payload.warnings, {}); // said with the day
            auto outcome = store_payload(*conn, src, std::move(payload), resolver,
                                         diff::section_options(options.digest), &last);
            ++counts[outcome.status];
            if (outcome.status == outcome_status::stored) {
                rows_stored += outcome.rows;
            }
            durable.hold([&, i, day_warnings = std::move(day_warnings),
                          outcome = std::move(outcome)]() mutable {
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
            durable.tick();
        });
    durable.flush();
    report.finish(report.build(env.now()));
    warnings.log_summary();
    const auto count = [&](outcome_status s) { return counts.contains(s) ? counts.at(s) : 0; };
    spdlog::info(
        "replay of {} into '{}': {} file(s): {} stored ({} rows), {} unchanged, {} already "
        "stored, {} failed{}",
        options.dir.string(), src.id, files.size(), count(outcome_status::stored), rows_stored,
        count(outcome_status::unchanged), count(outcome_status::already_stored),
        count(outcome_status::failed), without_board(count(outcome_status::no_board)));
    if (count(outcome_status::stored) == 0 && count(outcome_status::failed) == 0) {
        spdlog::info("nothing new: every file was already stored or identical to its predecessor");
    }
    return count(outcome_status::failed) > 0 ? static_cast<int>(exit_code::source_failed) : 0;
}

} // namespace lbtrack::app
