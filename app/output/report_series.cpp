#include "output/report_series.hpp"

#include "lbtrack/store/model_queries.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <algorithm>

namespace lbtrack::app {

namespace {

/// The board's latest spelling of each charted model: from its standing or its move.
std::string name_of(const diff::board_report& board, const std::string& key) {
    for (const auto& s : board.standings) {
        if (s.now.model_key == key) {
            return s.now.raw_name;
        }
    }
    for (const auto& m : board.diff.moved) {
        if (m.model_key == key) {
            return m.name;
        }
    }
    return key;
}

} // namespace

void add_chart_series(pqxx::transaction_base& tx, diff::run_report& report,
                      std::chrono::days span) {
    for (auto& board : report.boards) {
        // Which models the charts draw is the report's business (diff::chart_models).
        const auto keys = diff::chart_models(board);
        if (keys.empty()) {
            continue;
        }
        const auto since = board.context.to - span;
        auto points = store::board_series(tx, board.context.source_id, keys, since);
        for (const auto& key : keys) {
            diff::model_series series{key, name_of(board, key), {}};
            for (const auto& p : points[key]) {
                if (p.at <= board.context.to) {
                    series.points.push_back({p.at, p.rank, p.score, p.ci_plus, p.ci_minus});
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
