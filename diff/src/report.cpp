#include "lbtrack/diff/report.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace lbtrack::diff {

namespace {

/// A model's best-ranked row of one snapshot, by model key: the digest speaks of models, so
/// precision variants of one model (bf16, fp8) count as the model's best placing.
struct placing {
    std::optional<int> rank;
    std::string name;
};

std::map<std::string, placing> placings(const std::vector<entry>& entries) {
    std::map<std::string, placing> out;
    for (const auto& e : entries) {
        auto [it, inserted] = out.try_emplace(e.model_key, placing{e.rank, e.raw_name});
        if (!inserted && e.rank && (!it->second.rank || *e.rank < *it->second.rank)) {
            it->second = {e.rank, e.raw_name};
        }
    }
    return out;
}

/// What a digest line sorts by: the largest rank move on any board, a new or dropped model
/// counting as a move of its rank (entering at 3 is bigger news than entering at 150).
int weight(const board_position& p) {
    if (p.present_before && p.present_after) {
        return p.from && p.to ? std::abs(*p.from - *p.to) : 0;
    }
    const auto rank = p.present_after ? p.to : p.from;
    return rank ? std::max(1, 1000 / *rank) : 1;
}

} // namespace

std::vector<std::string> chart_models(const board_report& board) {
    std::vector<std::string> keys;
    const auto add = [&](const std::string& key) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            keys.push_back(key);
        }
    };
    for (std::size_t i = 0; i < board.standings.size() && i < max_bump_models; ++i) {
        add(board.standings[i].now.model_key);
    }
    for (std::size_t i = 0; i < board.diff.moved.size() && i < max_mover_models; ++i) {
        add(board.diff.moved[i].model_key);
    }
    return keys;
}

run_report build_report(const std::vector<board_snapshots>& boards, const diff_options& options,
                        time_point generated_at) {
    run_report report;
    report.generated_at = generated_at;

    struct model_lines {
        std::string name;
        std::vector<board_position> boards;
        bool changed = false;
        int weight = 0;
    };
    std::map<std::string, model_lines> by_model;
    std::vector<std::string> order; // first appearance, for a stable tie order

    for (const auto& board : boards) {
        board_report r;
        r.context = board.context;
        r.diff = board.diff ? *board.diff : compute_diff(board.before, board.after, options);
        r.standings = standings(board.context.from ? &board.before : nullptr, board.after,
                                r.diff.top_n > 0 ? r.diff.top_n : default_top_n, r.diff.renamed);
        if (board.context.from && !r.diff.added.empty()) {
            for (const auto& e : board.after) {
                if (e.score) {
                    r.field_scores.push_back(*e.score);
                }
            }
        }

        std::set<std::string> moved;
        for (const auto& m : r.diff.moved) {
            moved.insert(m.model_key);
        }
        const auto old_places = placings(board.before);
        const auto new_places = placings(board.after);
        std::set<std::string> keys;
        for (const auto& [key, p] : old_places) {
            keys.insert(key);
        }
        for (const auto& [key, p] : new_places) {
            keys.insert(key);
        }
        for (const auto& key : keys) {
            const auto was = old_places.find(key);
            const auto is = new_places.find(key);
            board_position pos;
            pos.source_id = board.context.source_id;
            pos.present_before = was != old_places.end();
            pos.present_after = is != new_places.end();
            if (pos.present_before) {
                pos.from = was->second.rank;
            }
            if (pos.present_after) {
                pos.to = is->second.rank;
            }
            auto [it, inserted] = by_model.try_emplace(key);
            if (inserted) {
                it->second.name = pos.present_after ? is->second.name : was->second.name;
                order.push_back(key);
            }
            // A board's first snapshot adds everything: that is not news about any model.
            const bool changed = board.context.from &&
                                 (pos.present_before != pos.present_after || moved.contains(key));
            if (changed) {
                it->second.changed = true;
                it->second.weight = std::max(it->second.weight, weight(pos));
            }
            it->second.boards.push_back(std::move(pos));
        }
        report.boards.push_back(std::move(r));
    }

    std::vector<std::pair<int, std::size_t>> picked; // weight, index in `order`
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& lines = by_model.at(order[i]);
        if (lines.changed && lines.boards.size() >= 2) {
            picked.emplace_back(lines.weight, i);
        }
    }
    std::stable_sort(picked.begin(), picked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [w, i] : picked) {
        auto& lines = by_model.at(order[i]);
        report.digest.push_back({order[i], lines.name, std::move(lines.boards)});
    }
    return report;
}

} // namespace lbtrack::diff
