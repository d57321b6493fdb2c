#include "lbtrack/settings/config.hpp"

#include "toml_reader.hpp"

#include "lbtrack/core/errors.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <map>
#include <set>

namespace lbtrack::settings {

namespace {

column_map read_columns(const std::filesystem::path& file, const toml::table& columns,
                        const std::string& prefix) {
    toml_reader r(file, columns, prefix);
    r.reject_unknown({"model", "rank", "score", "ci", "ci_lower", "ci_upper", "votes",
                      "organization", "license", "knowledge_cutoff", "variant"});
    column_map map;
    map.model = r.required_string("model");
    if (map.model.find_first_not_of(" \t") == std::string::npos) {
        throw config_error(r.file(), line_of(*columns.get("model")), r.qualified("model"),
                           "names no column: give the header of the model column, or \"#N\" "
                           "for the Nth column (one with an empty header)");
    }
    map.rank = r.optional_string("rank");
    map.score = r.optional_string("score");
    map.ci = r.optional_string("ci");
    map.ci_lower = r.optional_string("ci_lower");
    map.ci_upper = r.optional_string("ci_upper");
    if (map.ci_lower.empty() != map.ci_upper.empty()) {
        throw config_error(r.file(), line_of(columns), prefix,
                           "ci_lower and ci_upper go together (the interval's two bounds)");
    }
    map.votes = r.optional_string("votes");
    map.organization = r.optional_string("organization");
    map.license = r.optional_string("license");
    map.knowledge_cutoff = r.optional_string("knowledge_cutoff");
    map.variant = r.optional_string("variant");
    return map;
}

/// Which source it is and where it is fetched from.
void read_identity(const toml_reader& r, const toml::table& table, source& src) {
    src.id = r.required_string("id");
    if (src.id.empty() ||
        src.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos) {
        throw config_error(
            r.file(), line_of(*table.get("id")), r.qualified("id"),
            fmt::format("'{}' must be lowercase letters, digits, '-' or '_'", src.id));
    }
    src.title = r.optional_string("title", src.id);
    src.url = r.required_string("url");
    src.format = r.required_string("format");
    src.enabled = r.optional_bool("enabled", true);
    static const std::set<std::string> formats{"csv", "json", "html", "markdown"};
    if (!formats.contains(src.format)) {
        throw config_error(r.file(), line_of(*table.get("format")), r.qualified("format"),
                           fmt::format("unsupported format '{}' (supported: {})", src.format,
                                       fmt::join(formats, ", ")));
    }
}

/// Where the board is in the payload: a JSON Pointer, a page's table, its header or heading.
void read_location(const toml_reader& r, const toml::table& table, source& src) {
    src.rows_pointer = r.optional_string("rows_pointer");
    if (!src.rows_pointer.empty() && src.rows_pointer.front() != '/') {
        throw config_error(r.file(), line_of(*table.get("rows_pointer")),
                           r.qualified("rows_pointer"),
                           "must be a JSON Pointer: empty or starting with '/'");
    }
    if (table.get("table_index") != nullptr) {
        src.table_index = static_cast<std::size_t>(r.optional_integer("table_index", 0, 0, 1000));
    }
    src.table_header = r.optional_string_list("table_header");
    src.table_heading = r.optional_string_list("table_heading");
    src.json_key_column = r.optional_string("json_key_column", src.json_key_column);
    src.optional_columns = r.optional_string_list("optional_columns");
    src.score_mean_of = r.optional_string_list("score_mean_of");
    src.reference_rows = r.optional_string_list("reference_rows");
}

/// How rows are read and settled: score order, repeated and malformed rows, layout, links,
/// column aliases.
void read_row_rules(const std::filesystem::path& file, const toml_reader& r, source& src) {
    src.higher_is_better =
        r.optional_choice("score_order", {"higher", "lower"}, "higher") == "higher";
    static const std::map<std::string, duplicate_policy> duplicates{
        {"keep-first", duplicate_policy::keep_first},
        {"keep-best", duplicate_policy::keep_best},
        {"refuse", duplicate_policy::refuse}};
    src.duplicates = duplicates.at(
        r.optional_choice("duplicates", {"keep-first", "keep-best", "refuse"}, "keep-first"));
    src.malformed_rows = r.optional_choice("malformed_rows", {"fail", "skip"}, "fail") == "skip"
                             ? malformed_row_policy::skip
                             : malformed_row_policy::fail;
    src.layout = r.optional_choice("layout", {"rows", "wide"}, "rows") == "wide"
                     ? table_layout::wide
                     : table_layout::rows;
    src.link_text_columns = r.optional_string_list("link_text_columns");
    src.text_without_link_columns = r.optional_string_list("text_without_link_columns");
    if (const auto* aliases = r.optional_table("column_aliases")) {
        toml_reader a(file, *aliases, r.qualified("column_aliases"));
        for (const auto& [name, node] : *aliases) {
            const std::string key(name.str());
            src.column_aliases.emplace(key, a.optional_string_list(key));
        }
    }
}

/// The columns the entries are made of, and the metrics kept beside them.
void read_mapping(const std::filesystem::path& file, const toml_reader& r, const toml::table& table,
                  source& src) {
    const auto* columns = r.optional_table("columns");
    if (columns == nullptr) {
        throw config_error(r.file(), line_of(table), r.qualified("columns"), "is required");
    }
    src.columns = read_columns(file, *columns, r.qualified("columns"));
    if (src.columns.score.empty() && src.columns.rank.empty() && src.score_mean_of.empty()) {
        throw config_error(r.file(), line_of(*columns), r.qualified("columns"),
                           "maps neither a score nor a rank (nor score_mean_of): nothing to "
                           "rank the board by");
    }
    if (const auto* metrics = r.optional_table("metrics")) {
        toml_reader m(file, *metrics, r.qualified("metrics"));
        for (const auto& [name, node] : *metrics) {
            const std::string key(name.str());
            src.columns.metrics.emplace_back(key, m.required_string(key));
        }
    }
}

source read_source(const std::filesystem::path& file, const toml::table& table, std::size_t index) {
    toml_reader r(file, table, fmt::format("source[{}]", index));
    r.reject_unknown({"id",
                      "title",
                      "url",
                      "format",
                      "timeout_seconds",
                      "max_age_hours",
                      "min_row_ratio",
                      "columns",
                      "metrics",
                      "column_aliases",
                      "rows_pointer",
                      "table_index",
                      "table_header",
                      "link_text_columns",
                      "text_without_link_columns",
                      "enabled",
                      "optional_columns",
                      "score_mean_of",
                      "score_order",
                      "duplicates",
                      "malformed_rows",
                      "layout",
                      "reference_rows",
                      "json_key_column",
                      "table_heading"});
    source src;
    read_identity(r, table, src);
    read_location(r, table, src);
    read_row_rules(file, r, src);
    src.timeout = std::chrono::seconds(r.optional_integer("timeout_seconds", 60, 1, 3600));
    src.max_age = std::chrono::hours(r.optional_integer("max_age_hours", 0, 0, 24 * 366));
    src.min_row_ratio = r.optional_ratio("min_row_ratio", src.min_row_ratio);
    read_mapping(file, r, table, src);
    return src;
}

} // namespace

const source& config::find(const std::string& id) const {
    for (const auto& src : sources) {
        if (src.id == id) {
            return src;
        }
    }
    std::vector<std::string> ids;
    for (const auto& src : sources) {
        ids.push_back(src.id);
    }
    throw usage_error(fmt::format("unknown source '{}' in {} (known: {})", id, file.string(),
                                  fmt::join(ids, ", ")));
}

std::vector<const source*> config::select(const std::vector<std::string>& ids) const {
    std::vector<const source*> selected;
    if (ids.empty()) {
        for (const auto& src : sources) {
            selected.push_back(&src);
        }
    }
    for (const auto& id : ids) {
        selected.push_back(&find(id));
    }
    return selected;
}

std::vector<const source*> config::to_fetch(const std::vector<std::string>& ids) const {
    if (!ids.empty()) {
        return select(ids); // named on the command line: fetched even when disabled
    }
    std::vector<const source*> selected;
    for (const auto& src : sources) {
        if (src.enabled) {
            selected.push_back(&src);
        }
    }
    return selected;
}

config load_config(const std::filesystem::path& file) {
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        const auto& where = e.source();
        throw config_error(file.string(), where.begin.line, "", std::string(e.description()));
    }
    config cfg;
    cfg.file = file;
    toml_reader top(file, root, "");
    top.reject_unknown({"source", "fetch", "notify"});
    if (const auto* fetch = top.optional_table("fetch")) {
        toml_reader f(file, *fetch, "fetch");
        f.reject_unknown(
            {"max_attempts", "initial_backoff_ms", "max_retry_after_seconds", "max_bytes"});
        auto& retry = cfg.fetch.retry;
        retry.max_attempts = static_cast<int>(f.optional_integer("max_attempts", 4, 1, 10));
        retry.initial_backoff =
            std::chrono::milliseconds(f.optional_integer("initial_backoff_ms", 1000, 0, 60000));
        retry.max_retry_after =
            std::chrono::seconds(f.optional_integer("max_retry_after_seconds", 120, 0, 3600));
        cfg.fetch.max_bytes = static_cast<std::size_t>(
            f.optional_integer("max_bytes", 64 << 20, 1024, std::int64_t{1} << 32));
    }
    const auto* sources = root.get("source");
    if (sources == nullptr || !sources->is_array_of_tables()) {
        throw config_error(file.string(), 0, "source", "expected one or more [[source]] tables");
    }
    std::set<std::string> seen;
    std::size_t index = 0;
    for (const auto& node : *sources->as_array()) {
        auto src = read_source(file, *node.as_table(), index++);
        if (!seen.insert(src.id).second) {
            throw config_error(file.string(), line_of(node), "id",
                               fmt::format("duplicate source id '{}'", src.id));
        }
        cfg.sources.push_back(std::move(src));
    }
    if (const auto* notify = root.get("notify")) {
        if (!notify->is_array_of_tables()) {
            throw config_error(file.string(), line_of(*notify), "notify",
                               "expected [[notify]] tables");
        }
        cfg.notify = read_notify_sinks(file, *notify->as_array());
    }
    return cfg;
}

} // namespace lbtrack::settings
