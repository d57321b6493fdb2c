#include "commands.hpp"
#include "output/table_output.hpp"
#include "when.hpp"

#include "lbtrack/core/csv_text.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_out.hpp"
#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/diff/svg_chart.hpp"
#include "lbtrack/ingest/model_resolver.hpp"
#include "lbtrack/ingest/model_suggestions.hpp"
#include "lbtrack/settings/model_registry_file.hpp"
#include "lbtrack/store/model_queries.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>

namespace lbtrack::app {

namespace {

/// An optional number as text, `none` when absent.
template <typename T>
std::string text_of(const std::optional<T>& v, const char* none) {
    return v ? fmt::format("{}", *v) : none;
}

time_point parse_observed(const std::string& iso) {
    // "2025-06-01T00:00:00Z", as model_history writes it.
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s);
    const auto day = std::chrono::sys_days(std::chrono::year(y) / mo / d);
    return time_point(day) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(s);
}

/// One line per board (and variant) of the model's history.
std::string history_chart(const std::string& name, const std::vector<store::history_point>& rows,
                          diff::chart_value value) {
    std::map<std::string, diff::model_series> lines;
    for (const auto& p : rows) {
        const auto label = p.variant.empty() ? p.source_id : p.source_id + " (" + p.variant + ")";
        auto& series = lines[label];
        series.model_key = label;
        series.name = label;
        series.points.push_back({parse_observed(p.observed_at), p.rank, p.score});
    }
    std::vector<diff::model_series> series;
    for (auto& [label, s] : lines) {
        series.push_back(std::move(s));
    }
    diff::chart_options options;
    options.title = fmt::format("{}: {} on every board", name,
                                value == diff::chart_value::rank ? "rank" : "score");
    options.value = value;
    options.width = 720;
    options.height = 320;
    return diff::svg_chart(series, options);
}

/// The error for a name no stored model has, with the close names this database knows,
/// nearest first: a typo or a missing date tag ("claude opus 4" for claude-opus-4-20250514) is
/// the usual reason.
error no_such_model(pqxx::transaction_base& tx, const std::string& typed_name,
                    const std::string& resolved_key) {
    std::vector<std::string> keys;
    for (const auto& m : store::stored_models(tx, false, {})) {
        keys.push_back(m.key);
    }
    // Near the resolved key, and near the name as typed: a cut-short name can parse into a
    // key further from the stored one than the typed text is.
    auto close = ingest::nearest_models(resolved_key, keys, 5);
    std::string typed = typed_name;
    std::ranges::transform(typed, typed.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (auto& key : ingest::nearest_models(typed, keys, 5)) {
        if (close.size() < 5 && std::ranges::find(close, key) == close.end()) {
            close.push_back(std::move(key));
        }
    }
    return error(fmt::format(
        "history: no stored model is '{}' (it resolves to '{}'); {}", typed_name, resolved_key,
        close.empty() ? std::string("see `lbtrack models`")
                      : fmt::format("did you mean: {}?", fmt::join(close, ", "))));
}

/// One model's object of the JSON array, its history one entry per line.
void print_json(const store::model_ref& model, const std::vector<store::history_point>& rows,
                bool first, std::ostream& out) {
    out << fmt::format("{}\n{{\"model\":{},\"name\":{},\"history\":[", first ? "" : ",",
                       json_dump(model.key), json_dump(model.name));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& p = rows[r];
        const ordered_json point{{"source", p.source_id},         {"observed_at", p.observed_at},
                                 {"variant", p.variant},          {"rank", json_or_null(p.rank)},
                                 {"score", json_number(p.score)}, {"printed_name", p.printed_name}};
        out << (r ? ",\n" : "\n") << json_dump(point);
    }
    out << "\n]}";
}

void print_csv(const store::model_ref& model, const std::vector<store::history_point>& rows,
               bool first, std::ostream& out) {
    if (first) {
        out << "model,source,observed_at,variant,rank,score,printed_name\n";
    }
    for (const auto& p : rows) {
        out << fmt::format("{},{},{},{},{},{},{}\n", csv_field(model.key), csv_field(p.source_id),
                           p.observed_at, csv_field(p.variant), text_of(p.rank, ""),
                           text_of(p.score, ""), csv_field(p.printed_name));
    }
}

void print_markdown(const store::model_ref& model, const std::vector<store::history_point>& rows,
                    bool first, std::ostream& out) {
    output_table t{{"Source", "Observed (UTC)", "Rank", "Score", "Variant", "As printed"},
                   {false, false, true, true, false, false}};
    for (const auto& p : rows) {
        t.add_row({"`" + p.source_id + "`", p.observed_at, text_of(p.rank, "–"),
                   text_of(p.score, "–"), p.variant, p.printed_name});
    }
    out << fmt::format("{}## {} (`{}`)\n\n", first ? "" : "\n", printable_text(model.name),
                       printable_text(model.key));
    print_table(t, output_format::md, out);
}

/// Names as stored upstream: control characters escaped (printable_text).
void print_text(const store::model_ref& model, const std::vector<store::history_point>& rows,
                std::ostream& out) {
    out << fmt::format("{} ({}): {} entr{}\n", printable_text(model.name),
                       printable_text(model.key), rows.size(), rows.size() == 1 ? "y" : "ies");
    out << fmt::format("  {:<24} {:<20} {:>5} {:>9}  {:<8} {}\n", "SOURCE", "OBSERVED (UTC)",
                       "RANK", "SCORE", "VARIANT", "AS PRINTED");
    for (const auto& p : rows) {
        out << fmt::format("  {:<24} {:<20} {:>5} {:>9}  {:<8} {}\n", printable_text(p.source_id),
                           p.observed_at, text_of(p.rank, ""), text_of(p.score, ""),
                           printable_text(p.variant), printable_text(p.printed_name));
    }
}

} // namespace

int history_command(const history_options& options, environment& env) {
    const ingest::model_resolver resolver(
        settings::registry_for(options.files.config, options.files.models));
    const auto resolution = resolver.resolve(options.model);
    auto conn = env.database.open();
    pqxx::read_transaction tx(*conn);

    // The name as resolved now; else a stored key or display name as typed; else any entry
    // printed with exactly this name (a model kept apart from its resolution).
    const auto found = store::find_models(tx, resolution.key, options.model);
    if (found.empty()) {
        throw no_such_model(tx, options.model, resolution.key);
    }
    std::optional<time_point> since;
    if (!options.since.empty()) {
        since = parse_when(options.since, env.now());
    }
    if (options.format == output_format::svg) {
        if (found.size() > 1) {
            spdlog::warn("history: '{}' matches {} models; the chart shows the first, {}",
                         options.model, found.size(), found[0].key);
        }
        env.out << history_chart(found[0].name,
                                 store::model_history(tx, found[0].id, options.sources, since),
                                 options.chart);
        env.out.flush();
        return 0;
    }
    const bool json = options.format == output_format::json;
    if (json) {
        env.out << "[";
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
        const auto& model = found[i];
        const auto rows = store::model_history(tx, model.id, options.sources, since);
        switch (options.format) {
        case output_format::json:
            print_json(model, rows, i == 0, env.out);
            break;
        case output_format::csv:
            print_csv(model, rows, i == 0, env.out);
            break;
        case output_format::md:
            print_markdown(model, rows, i == 0, env.out);
            break;
        default:
            print_text(model, rows, env.out);
        }
    }
    if (json) {
        env.out << "\n]\n";
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
