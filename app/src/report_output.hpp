#pragma once
// Collects the outcomes of a run or replay and writes the requested report to stdout: Markdown
// and text as one document, JSON as one object per line (JSON Lines) per changed board.

#include "ingest_pipeline.hpp"

#include "lbtrack/diff/render.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace lbtrack::app {

/// Logs one outcome on stderr in one line, with counts of what changed.
void log_outcome(const ingest_outcome& outcome);

class report_output {
public:
    /// `format` empty: no report at all. Throws lbtrack::usage_error for an unknown format.
    report_output(const std::string& format, std::ostream& out);

    void add(const ingest_outcome& outcome);
    void add_failure(const std::string& message);
    /// Writes the failures section (text and Markdown) and flushes.
    void finish();

private:
    std::optional<diff::report_format> format_;
    std::ostream& out_;
    std::vector<std::string> failures_; ///< each message names its source
};

} // namespace lbtrack::app
