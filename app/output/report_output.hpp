#pragma once
// Collects the outcomes of a run or replay and writes the requested report to stdout. A run
// writes one report for all its boards at the end (with the cross-board digest); a replay writes
// one per stored day as it goes, so a long backfill shows its changes while it runs, except in
// HTML: one page with a section per day, written at the end.

#include "pipeline/ingest_pipeline.hpp"

#include "lbtrack/diff/digest.hpp"
#include "lbtrack/diff/render.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::app {

/// Logs one outcome on stderr in one line, with counts of what changed.
void log_outcome(const ingest_outcome& outcome);

/// Colour in the text report only on a terminal, and never when NO_COLOR is set (no-color.org).
bool use_color(bool out_is_terminal);

enum class report_timing { at_finish, per_snapshot };

class report_output {
public:
    /// `format` none: no report at all.
    /// What is written is cut to `digest` (filters, row limit); build() is not, for the sinks.
    report_output(std::optional<diff::report_format> format, std::ostream& out,
                  diff::render_options render, report_timing timing = report_timing::at_finish,
                  diff::digest_options digest = {});

    /// Takes the outcome's snapshots (they can be a board's whole history of two days); an
    /// unchanged board is listed as checked.
    void add(ingest_outcome&& outcome);
    /// Whether add() renders the outcomes' rows (a report format was asked for).
    bool renders() const noexcept { return format_.has_value(); }
    void add_failure(const std::string& message);
    /// A change an earlier `run --notify` stored and never notified (awaiting_digest.hpp). When
    /// this run stored the same board again, the two become one change: from before the earlier
    /// snapshots to this run's, diffed with `options`.
    void add_earlier(diff::board_snapshots&& earlier, const diff::diff_options& options);

    /// The report of everything added (boards in the order added, each with the diff
    /// ingest_payload computed), with the digest.
    diff::run_report build(time_point now) const;

    /// Writes `report` (at_finish) or the failures (per_snapshot) and flushes.
    void finish(const diff::run_report& report);

private:
    std::optional<diff::report_format> format_;
    std::ostream& out_;
    diff::render_options render_;
    report_timing timing_;
    diff::digest_options digest_;
    std::vector<diff::board_snapshots> boards_;
    std::vector<std::string> failures_; ///< each message names its source
    std::vector<diff::unchanged_board> unchanged_;
    std::vector<diff::board_report> days_; ///< per_snapshot html: one section per day, one page
};

} // namespace lbtrack::app
