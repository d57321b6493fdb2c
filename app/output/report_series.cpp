#include "output/report_series.hpp"

#include "lbtrack/store/model_queries.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <algorithm>

namespace lbtrack::app {

namespace {

struct featured_model {
    std::string key;
    std::string name;
};

/// The leader first, then the largest real moves, then newcomers in rank order.
std::vector<featured_model> featured(const diff::board_diff& d) {
    std::vector<featured_model> out;
    const auto add = [&](const std::string& key, const std::string& name) {
        if (out.size() < max_chart_series &&
            std::none_of(out.begin(), out.end(), [&](const auto& f) { return f.key == key; })) {
            out.push_back({key, name});
        }
    };
    if (d.new_leader) {
        add(d.new_leader->to_key, d.new_leader->to_name);
    }
    for (const auto& m : d.moved) {
        add(m.model_key, m.name);
    }
    for (const auto& e : d.added) {
        add(e.model_key, e.raw_name);
    }
    return out;
}

} // namespace

void add_chart_series(pqxx::transaction_base& tx, diff::run_report& report,
                      std::chrono::days span) {
    for (auto& board : report.boards) {
        const auto models = featured(board.diff);
        if (models.empty()) {
            continue;
        }
        std::vector<std::string> keys;
        for (const auto& m : models) {
            keys.push_back(m.key);
        }
        const auto since = board.context.to - span;
        auto points = store::board_series(tx, board.context.source_id, keys, since);
        for (const auto& m : models) {
            diff::model_series series{m.key, m.name, {}};
            for (const auto& p : points[m.key]) {
                if (p.at <= board.context.to) {
                    series.points.push_back({p.at, p.rank, p.score});
                }
            }
            if (!series.points.empty()) {
                board.series.push_back(std::move(series));
            }
        }
    }
}

void add_last_changes(pqxx::transaction_base& tx, diff::run_report& report) {
    for (auto& board : report.unchanged) {
        // Strictly before a second past the run: the run itself stored nothing for the board.
        const auto latest = store::snapshot_before(tx, board.source_id,
                                                   report.generated_at + std::chrono::seconds(1));
        if (latest) {
            board.last_change = latest->observed_at;
        }
    }
}

} // namespace lbtrack::app
