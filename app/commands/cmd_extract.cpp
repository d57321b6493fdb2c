#include "commands.hpp"
#include "pipeline/ingest_pipeline.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/file_bytes.hpp"
#include "lbtrack/core/json_text.hpp"
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

void print_entries(const std::vector<entry>& entries, bool json, std::ostream& out) {
    if (json) {
        out << "[";
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& e = entries[i];
            std::string metrics;
            std::string units; // only metrics with a unit, so unitless output stays unchanged
            for (const auto& m : e.metrics) {
                metrics +=
                    fmt::format("{}{}:{}", metrics.empty() ? "" : ",", json_quote(m.name), m.value);
                if (!m.unit.empty()) {
                    units += fmt::format("{}{}:{}", units.empty() ? "" : ",", json_quote(m.name),
                                         json_quote(m.unit));
                }
            }
            if (!units.empty()) {
                units = fmt::format(",\"units\":{{{}}}", units);
            }
            out << fmt::format(
                "{}\n{{\"row\":{},\"name\":{},\"model_key\":{},\"provisional\":{},\"variant\":{},"
                "\"organization\":{},"
                "\"rank\":{},"
                "\"score\":{},\"ci_plus\":{},\"ci_minus\":{},\"votes\":{},\"license\":{},"
                "\"knowledge_cutoff\":{},\"metrics\":{{{}}}{}}}",
                i ? "," : "", e.row, json_quote(e.raw_name), json_quote(e.model_key),
                e.facts().provisional ? "true" : "false", json_quote(e.variant),
                json_quote(e.organization), e.rank ? std::to_string(*e.rank) : "null",
                e.score ? fmt::format("{}", *e.score) : "null",
                e.ci_plus ? fmt::format("{}", *e.ci_plus) : "null",
                e.ci_minus ? fmt::format("{}", *e.ci_minus) : "null",
                e.votes ? std::to_string(*e.votes) : "null", json_quote(e.license),
                json_quote(e.knowledge_cutoff), metrics, units);
        }
        out << "\n]\n";
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

void print_table(const ingest::table& t, bool json, std::ostream& out) {
    if (json) {
        out << "[";
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            out << (r ? ",\n{" : "\n{");
            for (std::size_t c = 0; c < t.header.size(); ++c) {
                out << (c ? "," : "") << json_quote(t.header[c]) << ":" << json_quote(t.rows[r][c]);
            }
            out << "}";
        }
        out << "\n]\n";
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
