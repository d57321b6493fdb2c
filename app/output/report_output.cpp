#include "output/report_output.hpp"

#include "lbtrack/core/environment.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <ostream>

namespace lbtrack::app {

void log_outcome(const ingest_outcome& o) {
    if (o.status == outcome_status::failed) {
        spdlog::error("{}", o.message);
        return;
    }
    if (o.status != outcome_status::stored || !o.compared || !o.compared->diff) {
        spdlog::info("{}: {}: {}", o.source_id, to_string(o.status), o.message);
        return;
    }
    const auto& d = *o.compared->diff;
    spdlog::info("{}: {}: {} new, {} dropped, {} moved, {} rescored, {} metric changes{}",
                 o.source_id, o.message, d.added.size(), d.dropped.size(), d.moved.size(),
                 d.rescored.size(), d.metric_changes.size(),
                 d.new_leader ? fmt::format(", leader {}", d.new_leader->to_name) : "");
}

bool use_color(bool out_is_terminal) {
    return out_is_terminal && getenv_nonempty("NO_COLOR") == nullptr;
}

report_output::report_output(std::optional<diff::report_format> format, std::ostream& out,
                             diff::render_options render, report_timing timing,
                             diff::digest_options digest)
    : format_(format), out_(out), render_(render), timing_(timing), digest_(std::move(digest)) {}

void report_output::add(ingest_outcome&& outcome) {
    if (outcome.status == outcome_status::unchanged && timing_ == report_timing::at_finish) {
        unchanged_.push_back({outcome.source_id});
        return;
    }
    if (outcome.status != outcome_status::stored || !outcome.compared) {
        return;
    }
    if (timing_ == report_timing::at_finish) {
        boards_.push_back(std::move(*outcome.compared));
        return;
    }
    if (format_) {
        const auto day = outcome.compared->context.to;
        std::vector<diff::board_snapshots> boards;
        boards.push_back(std::move(*outcome.compared));
        auto one =
            diff::digest(diff::build_report(boards, diff::section_options(digest_), day), digest_);
        if (*format_ == diff::report_format::html) {
            // One HTML document per stream: the days become sections of one page, written by
            // finish(). Only the diffs are kept, not the snapshots' rows.
            for (auto& b : one.boards) {
                days_.push_back(std::move(b));
            }
            return;
        }
        out_ << diff::render(one, *format_, render_);
        if (*format_ == diff::report_format::text || *format_ == diff::report_format::markdown) {
            out_ << '\n';
        }
    }
}

void report_output::add_failure(const std::string& message) {
    failures_.push_back(message);
}

void report_output::add_earlier(diff::board_snapshots&& earlier,
                                const diff::diff_options& options) {
    const auto& id = earlier.context.source_id;
    std::erase_if(unchanged_, [&](const diff::unchanged_board& u) { return u.source_id == id; });
    const auto same = std::find_if(boards_.begin(), boards_.end(),
                                   [&](const auto& b) { return b.context.source_id == id; });
    if (same == boards_.end()) {
        boards_.push_back(std::move(earlier));
        return;
    }
    same->context.from = earlier.context.from;
    same->context.from_rows = earlier.context.from_rows;
    same->before = std::move(earlier.before);
    same->diff = diff::compute_diff(same->before, same->after, options);
}

diff::run_report report_output::build(time_point now) const {
    auto report = diff::build_report(boards_, {}, now);
    report.failures = failures_;
    report.unchanged = unchanged_;
    return report;
}

void report_output::finish(const diff::run_report& report) {
    if (!format_) {
        return;
    }
    if (timing_ == report_timing::at_finish) {
        // Always a report, a quiet day's too: `run --report html > today.html` must not replace
        // yesterday's page with 0 bytes (issue 15). It says which boards were checked and
        // since when they are unchanged.
        out_ << diff::render(diff::digest(report, digest_), *format_, render_);
    } else if (*format_ == diff::report_format::html) {
        diff::run_report page;
        page.scope = diff::scope_text(digest_.rules);
        // Dated by the last day replayed, so the same replay gives the same page.
        page.generated_at = days_.empty() ? report.generated_at : days_.back().context.to;
        page.boards = std::move(days_);
        page.failures = report.failures;
        out_ << diff::render(page, *format_, render_);
    } else if (!report.failures.empty()) {
        diff::run_report failures_only;
        failures_only.generated_at = report.generated_at;
        failures_only.failures = report.failures;
        out_ << diff::render(failures_only, *format_, render_);
    }
    out_.flush();
}

} // namespace lbtrack::app
