#include "commands.hpp"
#include "output/table_output.hpp"
#include "when.hpp"

#include "lbtrack/core/csv_text.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/json_text.hpp"
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
        // The close names this database knows, nearest first: a typo or a missing date tag
        // ("claude opus 4" for claude-opus-4-20250514) is the usual reason.
        std::vector<std::string> keys;
        for (const auto& m : store::stored_models(tx, false, {})) {
            keys.push_back(m.key);
        }
        // Near the resolved key, and near the name as typed: a cut-short name can parse into a
        // key further from the stored one than the typed text is.
        auto close = ingest::nearest_models(resolution.key, keys, 5);
        std::string typed = options.model;
        std::ranges::transform(typed, typed.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        for (auto& key : ingest::nearest_models(typed, keys, 5)) {
            if (close.size() < 5 && std::ranges::find(close, key) == close.end()) {
                close.push_back(std::move(key));
            }
        }
        throw error(fmt::format("history: no stored model is '{}' (it resolves to '{}'); {}",
                                options.model, resolution.key,
                                close.empty()
                                    ? std::string("see `lbtrack models`")
                                    : fmt::format("did you mean: {}?", fmt::join(close, ", "))));
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
        const auto& [id, key, name] = found[i];
        const auto rows = store::model_history(tx, id, options.sources, since);
        if (json) {
            env.out << fmt::format("{}\n{{\"model\":{},\"name\":{},\"history\":[", i ? "," : "",
                                   json_quote(key), json_quote(name));
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const auto& p = rows[r];
                env.out << fmt::format(
                    "{}\n{{\"source\":{},\"observed_at\":{},\"variant\":{},\"rank\":{},"
                    "\"score\":{},\"printed_name\":{}}}",
                    r ? "," : "", json_quote(p.source_id), json_quote(p.observed_at),
                    json_quote(p.variant), text_of(p.rank, "null"), text_of(p.score, "null"),
                    json_quote(p.printed_name));
            }
            env.out << "\n]}";
            continue;
        }
        if (options.format == output_format::csv) {
            if (i == 0) {
                env.out << "model,source,observed_at,variant,rank,score,printed_name\n";
            }
            for (const auto& p : rows) {
                env.out << fmt::format("{},{},{},{},{},{},{}\n", csv_field(key),
                                       csv_field(p.source_id), p.observed_at, csv_field(p.variant),
                                       text_of(p.rank, ""), text_of(p.score, ""),
                                       csv_field(p.printed_name));
            }
            continue;
        }
        if (options.format == output_format::md) {
            output_table t{{"Source", "Observed (UTC)", "Rank", "Score", "Variant", "As printed"},
                           {false, false, true, true, false, false},
                           {}};
            for (const auto& p : rows) {
                t.rows.push_back({"`" + p.source_id + "`", p.observed_at, text_of(p.rank, "–"),
                                  text_of(p.score, "–"), p.variant, p.printed_name});
            }
            env.out << fmt::format("{}## {} (`{}`)\n\n", i ? "\n" : "", printable_text(name),
                                   printable_text(key));
            print_table(t, output_format::md, env.out);
            continue;
        }
        // Names as stored upstream: control characters escaped (printable_text).
        env.out << fmt::format("{} ({}): {} entr{}\n", printable_text(name), printable_text(key),
                               rows.size(), rows.size() == 1 ? "y" : "ies");
        env.out << fmt::format("  {:<24} {:<20} {:>5} {:>9}  {:<8} {}\n", "SOURCE",
                               "OBSERVED (UTC)", "RANK", "SCORE", "VARIANT", "AS PRINTED");
        for (const auto& p : rows) {
            env.out << fmt::format("  {:<24} {:<20} {:>5} {:>9}  {:<8} {}\n",
                                   printable_text(p.source_id), p.observed_at, text_of(p.rank, ""),
                                   text_of(p.score, ""), printable_text(p.variant),
                                   printable_text(p.printed_name));
        }
    }
    if (json) {
        env.out << "\n]\n";
    }
    env.out.flush();
    return 0;
}

} // namespace lbtrack::app
