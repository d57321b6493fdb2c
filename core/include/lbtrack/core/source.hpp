#pragma once
// A leaderboard source as configured in config/sources.toml.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lbtrack {

/// Which upstream column feeds which field of an Entry. An empty name means "not published by
/// this board"; every non-empty name is required in the payload's header (a missing one is
/// schema drift).
struct column_map {
    std::string model; ///< required: the raw model name
    std::string rank;  ///< empty: rank derived from `score` (competition ranking 1-2-2-4)
    std::string score; ///< the board's primary score
    std::string ci;    ///< confidence interval as "+5/-5"
    std::string votes; ///< number of votes or samples
    std::string organization;
    std::string license;
    std::string knowledge_cutoff;
    /// The variant key of boards that list one model several times, e.g. a precision column
    /// ("bfloat16", "float16"): rows of one model differing here are variants, not duplicates.
    std::string variant;
    /// Further numeric columns kept by name, e.g. {"rank_stylectrl", "rank_stylectrl"}:
    /// first the metric name we store, second the upstream column.
    std::vector<std::pair<std::string, std::string>> metrics;
};

struct source {
    std::string id;     ///< stable key used on the command line and in the database
    std::string title;  ///< human-readable name for reports
    std::string url;    ///< http, https or file URL of the payload
    std::string format; ///< "csv", "json", "html" or "markdown"
    /// Whole-transfer limit. Default 60 s: the CSVs we know are < 100 KiB, so a slower transfer
    /// means a stuck server, and one stuck board must not hold the daily run for long.
    std::chrono::seconds timeout{60};
    /// A new snapshot with fewer than this fraction of the previous snapshot's rows is refused as
    /// a collapse (a half-rendered page, a truncated export). Default 0.5: boards do shed rows,
    /// but never half of them from one day to the next in the histories we have seen.
    double min_row_ratio = 0.5;
    column_map columns;
    /// Accepted alternative spellings of upstream columns, e.g. {"arena_score", {"score"}}: when
    /// the mapped name is missing, the first alternative present is used instead. This is how a
    /// user accepts an upstream rename without losing the history under the old name.
    std::map<std::string, std::vector<std::string>> column_aliases;

    /// json: RFC 6901 pointer to the array of rows ("" = the document is the array).
    std::string rows_pointer;
    /// html, markdown: which table of the page, by 0-based index...
    std::optional<std::size_t> table_index;
    /// ...or the first table whose header has a cell equal to this.
    std::string table_header;
    /// markdown: columns whose cells are read as the text of their first link, so
    /// "[Gemini-2.5-Pro](http://...)" gives "Gemini-2.5-Pro".
    std::vector<std::string> link_text_columns;
    /// markdown: columns whose cells are read as their text outside links, for boards whose link
    /// is a decoration: "Qwen3-14B☛[去体验](url)" gives "Qwen3-14B☛" (extraction then drops the
    /// "☛"). A column named in both lists takes its link text.
    std::vector<std::string> text_without_link_columns;
};

} // namespace lbtrack
