#include "commands.hpp"
#include "pipeline/ingest_pipeline.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/file_bytes.hpp"
#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/ingest/mirror.hpp"
#include "lbtrack/ingest/payload_parser.hpp"
#include "lbtrack/settings/config.hpp"
#include "lbtrack/settings/model_registry_file.hpp"

#include <fmt/format.h>

#include <ostream>

namespace lbtrack::app {

namespace {

std::string read_input(const std::string& input, environment& env, const source& src,
                       const std::vector<std::string>& mirrors) {
    if (input.find("://") != std::string::npos) {
        std::vector<ingest::mirror_rule> rules;
        for (const auto& spec : mirrors) {
            rules.push_back(ingest::parse_mirror_rule(spec));
        }
        return env.fetcher.fetch({src.id, ingest::apply_mirrors(input, rules), src.timeout}).body;
    }
    auto bytes = read_file_bytes(input);
    if (!bytes) {
        throw usage_error(fmt::format("extract: cannot read '{}'", input));
    }
    return std::move(*bytes);
}

std::string opt(const std::optional<double>& v) {
    return v ? fmt::format("{}", *v) : "";
}

/// One extracted row as JSON; `units` only when a metric has one, so unitless output is as before.
ordered_json entry_json(const entry& e) {
    ordered_json metrics = ordered_json::object();
    ordered_json units = ordered_json::object();
    for (const auto& m : e.metrics) {
        metrics[m.name] = json_number(m.value);
        if (!m.unit.empty()) {
            units[m.name] = m.unit;
        }
    }
    ordered_json j = {{"row", e.row},
                      {"name", e.raw_name},
                      {"model_key", e.model_key},
                      {"provisional", e.facts().provisional},
                      {"variant", e.variant},
                      {"organization", e.organization},
                      {"rank", json_or_null(e.rank)},
                      {"score", json_number(e.score)},
                      {"ci_plus", json_number(e.ci_plus)},
                      {"ci_minus", json_number(e.ci_minus)},
                      {"votes", json_or_null(e.votes)},
                      {"license", e.license},
                      {"knowledge_cutoff", e.knowledge_cutoff},
                      {"metrics", std::move(metrics)}};
    if (!units.empty()) {
        j["units"] = std::move(units);
    }
    return j;
}

void print_entries(const std::vector<entry>& entries, bool json, std::ostream& out) {
    if (json) {
        std::vector<ordered_json> rows;
        rows.reserve(entries.size());
        for (const auto& e : entries) {
            rows.push_back(entry_json(e));
        }
        out << json_array_by_line(rows);
        return;
    }
    out << fmt::format("{:>4}  {:<44} {:>5} {:>9} {:>11} {:>8}  {}\n", "ROW", "MODEL", "RANK",
                       "SCORE", "CI", "VOTES", "ORGANIZATION");
    for (const auto& e : entries) {
        // Validated text holds no control character; escaped anyway, as every table printed.
        const auto name = printable_text(
            e.variant.empty() ? e.raw_name : fmt::format("{} [{}]", e.raw_name, e.variant));
        out << fmt::format("{:>4}  {:<44} {:>5} {:>9} {:>11} {:>8}  {}\n", e.row, name,
                           e.rank ? std::to_string(*e.rank) : "", opt(e.score),
                           e.ci_plus ? fmt::format("+{}/-{}", *e.ci_plus, e.ci_minus.value_or(0))
                                     : "",
                           e.votes ? std::to_string(*e.votes) : "", printable_text(e.organization));
    }
    out << fmt::format("{} rows\n", entries.size());
}

/// A raw row as an object keyed by the header. A header can repeat (two untitled columns): the
/// later one is keyed "name (2)", "name (3)", so no cell is lost to a repeated key.
ordered_json row_object(const std::vector<std::string>& header,
                        const std::vector<std::string>& cells) {
    ordered_json row = ordered_json::object();
    for (std::size_t c = 0; c < header.size() && c < cells.size(); ++c) {
        std::string key = header[c];
        for (int n = 2; row.contains(key); ++n) {
            key = fmt::format("{} ({})", header[c], n);
        }
        row[key] = cells[c];
    }
    return row;
}

void print_table(const ingest::table& t, bool json, std::ostream& out) {
    if (json) {
        std::vector<ordered_json> rows;
        rows.reserve(t.rows.size());
        for (const auto& cells : t.rows) {
            rows.push_back(row_object(t.header, cells));
        }
        out << json_array_by_line(rows);
        return;
    }
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        // Raw cells, not validated: a cell holding ESC[2J, 0x9b or a line break is escaped
        // (printable_text), so it neither drives the terminal nor starts a forged row.
        for (const auto& cell : cells) {
            text += (text.empty() ? "" : " | ") + printable_text(cell);
        }
        out << text << '\n';
    };
    line(t.header);
    for (const auto& row : t.rows) {
        line(row);
    }
    out << fmt::format("{} rows, {} columns\n", t.rows.size(), t.header.size());
}

} // namespace

int extract_command(const extract_options& options, environment& env) {
    source src;
    if (!options.source.empty()) {
        src = settings::load_config(options.files.config).find(options.source);
    } else {
        if (options.format.empty() || options.input.empty()) {
            throw usage_error("extract: give --source ID, or --format FORMAT and a FILE");
        }
        src.id = "extract";
        src.format = options.format == "md" ? "markdown" : options.format;
    }
    if (!options.format.empty()) {
        src.format = options.format == "md" ? "markdown" : options.format;
    }
    if (options.table_index) {
        src.table_index = options.table_index;
        src.table_header.clear();
    }
    if (!options.pointer.empty()) {
        src.rows_pointer = options.pointer;
    }
    const std::string input = options.input.empty() ? src.url : options.input;
    const auto bytes = read_input(input, env, src, options.mirrors);
    if (options.source.empty()) {
        print_table(ingest::parse_payload(bytes, src, input), options.json, env.out);
        return 0;
    }
    // The same parse -> extract -> validate -> normalize as a run, as if observed now.
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    const auto entries = entries_of_payload(src, bytes, input, env.now(), resolver);
    print_entries(entries, options.json, env.out);
    return 0;
}

} // namespace lbtrack::app
