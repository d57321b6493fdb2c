#include "report_output.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <ostream>

namespace lbtrack::app {

void log_outcome(const ingest_outcome& o) {
    if (o.status == outcome_status::failed) {
        spdlog::error("{}", o.message);
        return;
    }
    if (o.status != outcome_status::stored || !o.diff) {
        spdlog::info("{}: {}: {}", o.source_id, to_string(o.status), o.message);
        return;
    }
    const auto& d = *o.diff;
    spdlog::info("{}: {}: {} new, {} dropped, {} moved, {} rescored, {} metric changes{}",
                 o.source_id, o.message, d.added.size(), d.dropped.size(), d.moved.size(),
                 d.rescored.size(), d.metric_changes.size(),
                 d.new_leader ? fmt::format(", leader {}", d.new_leader->to_name) : "");
}

report_output::report_output(const std::string& format, std::ostream& out) : out_(out) {
    if (!format.empty()) {
        format_ = diff::parse_report_format(format);
    }
}

void report_output::add(const ingest_outcome& outcome) {
    if (!format_ || outcome.status != outcome_status::stored || !outcome.diff) {
        return;
    }
    out_ << diff::render(*outcome.diff, outcome.context, *format_);
    if (*format_ != diff::report_format::json) {
        out_ << '\n';
    }
}

void report_output::add_failure(const std::string& message) {
    failures_.push_back(message);
}

void report_output::finish() {
    if (!format_ || failures_.empty() || *format_ == diff::report_format::json) {
        out_.flush();
        return;
    }
    out_ << (*format_ == diff::report_format::markdown ? "## Failed sources\n\n"
                                                       : "Failed sources\n");
    // The messages already name their source ("source 'x': ...").
    for (const auto& message : failures_) {
        out_ << (*format_ == diff::report_format::markdown ? fmt::format("- {}\n", message)
                                                           : fmt::format("  {}\n", message));
    }
    out_.flush();
}

} // namespace lbtrack::app
