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
/// schema drift) unless the source lists it in `optional_columns`. A name of the form "#N"
/// (N >= 1) is the Nth column whatever its header says, for a column with an empty header
/// (alpacaeval's id column, seen 2024).
struct column_map {
    std::string model; ///< required: the raw model name
    std::string rank;  ///< empty: rank derived from the score (competition ranking 1-2-2-4)
    std::string score; ///< the board's primary score; empty: none, or computed (score_mean_of)
    std::string ci;    ///< confidence interval: "+5/-5", "±3", "(-1.8, +2.4)", "(-1.1 / +1.1)"
    /// The interval as two absolute bounds in columns of their own (LMArena's catalog:
    /// rating_q025 / rating_q975); stored as half-widths around the score.
    std::string ci_lower;
    std::string ci_upper;
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

/// What a snapshot does with two rows of one model and variant that differ in some value (rows
/// repeated exactly are always kept once). Upstream glitches of this kind are common on real
/// boards (BFCL 2025-02-11 lists CALM-8B twice): refusing the whole day loses every other row.
enum class duplicate_policy {
    keep_first, ///< default: the first row is stored, a warning names both rows
    keep_best,  ///< the row with the better score (or rank) is stored, with a warning
    refuse,     ///< the snapshot is refused, naming both rows
};

/// What a row that cannot be read (a cell that is not a number, a short row) does.
enum class malformed_row_policy {
    fail, ///< default: the payload is refused with source, file, row and column
    skip, ///< the row is left out with a warning naming file, line and reason; counted
};

/// How the payload's cells are laid out.
enum class table_layout {
    rows, ///< a row per model (every board but one)
    /// A row per publication date, a column per model (lmarena-elo-wide): the board is the
    /// newest date's row, read as a table with the columns "model" and "value"; a value of 0 or
    /// an empty cell means the model was not on the board that day.
    wide,
};

struct source {
    std::string id;     ///< stable key used on the command line and in the database
    std::string title;  ///< human-readable name for reports
    std::string url;    ///< http, https or file URL of the payload
    std::string format; ///< "csv", "json", "html" or "markdown"
    /// Fetched by a plain `lbtrack run`. False for boards whose upstream is archived or frozen:
    /// they stay in the config for `replay`, `extract` and `run --source ID`.
    bool enabled = true;
    /// Whole-transfer limit. Default 60 s: the CSVs we know are < 100 KiB, so a slower transfer
    /// means a stuck server, and one stuck board must not hold the daily run for long.
    std::chrono::seconds timeout{60};
    /// `lbtrack sources` exits 1 when the last fetch is older than this (or there is none), so
    /// monitoring sees a board the daily run stopped reaching. 0 (default): no age check.
    std::chrono::hours max_age{0};
    /// A new snapshot with fewer than this fraction of the previous snapshot's rows is refused as
    /// a collapse (a half-rendered page, a truncated export). Default 0.5: boards do shed rows,
    /// but never half of them from one day to the next in the histories we have seen.
    double min_row_ratio = 0.5;
    column_map columns;
    /// Mapped upstream columns that may be absent (present only in some versions of the board:
    /// LMArena's rank_stylectrl from 2024-10, AlpacaEval's length_controlled_winrate from
    /// 2024-03): stored where present, absent elsewhere, never schema drift.
    std::vector<std::string> optional_columns;
    /// A score computed as the mean of these columns, for boards that publish none (LiveBench).
    /// Entries are column names, "#N" positions or "*" (every column no other mapping uses).
    /// Used when no score column is mapped (or an optional one is absent). Only the columns
    /// that hold a value in at least half of the payload's rows count; a row missing one of
    /// those gets no score and so no derived rank (it is still stored). Half rather than "any
    /// row": LiveBench 2024-07-18 ran its new `spatial` task for 7 of 56 models, and requiring
    /// every column with a value somewhere left 49 of those 56 rows unscored for a day; a mean
    /// over whatever each row has would instead average different tasks within one day. Over
    /// the 158 LiveBench files the rule leaves 49 of 10,057 rows unscored (models with 2-4 of
    /// 18+ tasks, or one task missing), against 98 for "any row". A cell in these columns that
    /// is not a number is a malformed row, counted or not. The mean is rounded to one decimal
    /// more than its cells were printed with (LiveBench: 3 decimals, means at 4).
    std::vector<std::string> score_mean_of;
    /// False for boards where a lower score is better (a hallucination rate): derived ranks
    /// then go from the lowest score up.
    bool higher_is_better = true;
    duplicate_policy duplicates = duplicate_policy::keep_first;
    malformed_row_policy malformed_rows = malformed_row_policy::fail;
    table_layout layout = table_layout::rows;
    /// Raw names of reference rows shown beside the ranking but not ranked (SuperCLUE's 人类
    /// "human", "Random" baselines): stored, never given a rank, and left out of derived ranks.
    std::vector<std::string> reference_rows;
    /// Accepted alternative spellings of upstream columns, e.g. {"arena_score", {"score"}}: when
    /// the mapped name is missing, the first alternative present is used instead. This is how a
    /// user accepts an upstream rename without losing the history under the old name.
    std::map<std::string, std::vector<std::string>> column_aliases;

    /// json: RFC 6901 pointer to the rows ("" = the document itself): an array of objects, or an
    /// object whose members are the rows, keyed by model (LMArena's catalog, EvalPlus).
    std::string rows_pointer;
    /// json, rows in an object's members: the column that holds each member's name.
    std::string json_key_column = "key";
    /// html, markdown: which table of the page, by 0-based index...
    std::optional<std::size_t> table_index;
    /// ...or the first table whose header has a cell equal to one of these (a board that renamed
    /// the column: lmarena's blog posts say "Model" in some posts, "Model Name" in others). In
    /// TOML a string or an array of strings.
    std::vector<std::string> table_header;
    /// html, markdown: ...or the first table whose nearest heading, caption or <summary> before
    /// it contains this text (ceval's "zero-shot" table, cmmlu's "Five-shot"), case-insensitive.
    /// In Markdown the paragraph right above a table counts as its caption (arena-hard-auto's
    /// "Hard Prompt, Style Control, and Gemini-2.5 as Judge:" above a code block). Every rule set
    /// (index, header, heading) must hold for the table chosen.
    std::vector<std::string> table_heading;
    /// markdown: columns whose cells are read as the text of their first link, so
    /// "[Gemini-2.5-Pro](http://...)" gives "Gemini-2.5-Pro".
    std::vector<std::string> link_text_columns;
    /// markdown: columns whose cells are read as their text outside links, for boards whose link
    /// is a decoration: "Qwen3-14B☛[去体验](url)" gives "Qwen3-14B☛" (extraction then drops the
    /// "☛"). A column named in both lists takes its link text.
    std::vector<std::string> text_without_link_columns;
};

} // namespace lbtrack
