#include "lbtrack/diff/digest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

namespace lbtrack::diff {

namespace {

/// Keeps the first `max_rows` of `list` (all when 0) and returns how many were cut.
template <typename T>
std::size_t cut(std::vector<T>& list, std::size_t max_rows) {
    if (max_rows == 0 || list.size() <= max_rows) {
        return 0;
    }
    const auto n = list.size() - max_rows;
    list.resize(max_rows);
    return n;
}

void limit(board_diff& d, std::size_t max_rows) {
    d.omitted.added += cut(d.added, max_rows);
    d.omitted.dropped += cut(d.dropped, max_rows);
    d.omitted.moved += cut(d.moved, max_rows);
    d.omitted.within_ci += cut(d.within_ci, max_rows);
    d.omitted.rescored += cut(d.rescored, max_rows);
    d.omitted.metric_changes += cut(d.metric_changes, max_rows);
    d.omitted.metadata_changes += cut(d.metadata_changes, max_rows);
}

bool filters_anything(const notify_rules& r) {
    return !r.models.empty() || r.top > 0 || r.min_rank_move > 1 || r.min_score_change > 0 ||
           r.significant_only;
}

} // namespace

std::string scope_text(const notify_rules& r) {
    std::vector<std::string> parts;
    if (r.top > 0) {
        parts.push_back(fmt::format("top {}", r.top));
    }
    if (!r.models.empty()) {
        parts.push_back(fmt::format("models matching {}", fmt::join(r.models, ", ")));
    }
    if (r.min_rank_move > 1) {
        parts.push_back(fmt::format("moves of {}+ places", r.min_rank_move));
    }
    if (r.min_score_change > 0) {
        parts.push_back(fmt::format("score changes of {}+", r.min_score_change));
    }
    if (r.significant_only) {
        parts.push_back("score changes beyond CI only");
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

run_report digest(const run_report& report, const digest_options& options) {
    run_report out = report;
    out.scope = scope_text(options.rules);
    const bool filtering = filters_anything(options.rules);
    std::set<std::string> reported; // model keys some board still lists as new, dropped, moved
    for (auto& b : out.boards) {
        if (filtering) {
            auto overhauls = std::move(b.diff.overhauls);
            b.diff = filter_changes(std::move(b.diff), options.rules);
            // A method change is about the whole board, the rows kept included: it is why their
            // score changes are not listed.
            b.diff.overhauls = std::move(overhauls);
        }
        add_listed_models(b.diff, reported);
        limit(b.diff, options.max_rows);
    }
    if (filtering) {
        std::erase_if(out.digest,
                      [&](const digest_line& line) { return !reported.contains(line.model_key); });
    }
    out.digest_omitted = cut(out.digest, options.max_rows);
    return out;
}

} // namespace lbtrack::diff
