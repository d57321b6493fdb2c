// Atom feeds built from stored snapshots: `/boards/ID/feed.atom` (one entry per snapshot: what
// changed since the one before), `/models/KEY/feed.atom` (one entry per arrival, departure or
// rank change of the model on any board) and `/feed.atom` (one entry per day with changes, every
// board's changes of that day).

#include "atom_feed.hpp"
#include "board_lookup.hpp"
#include "diff_html.hpp"
#include "http_error.hpp"
#include "page_html.hpp"
#include "pages.hpp"

#include "lbtrack/core/printable_text.hpp"
#include "lbtrack/diff/number_text.hpp"
#include "lbtrack/store/board_overview.hpp"
#include "lbtrack/store/model_details.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace lbtrack::serve {

namespace {

// Feed readers keep what they saw; a feed needs only the recent past. Each board entry diffs a
// snapshot against the one before, so 20 entries read 21 snapshots of the board.
constexpr std::size_t board_entries = 20;
constexpr std::size_t model_entries = 50;
constexpr std::size_t digest_days = 20;
/// Changes listed per kind inside an entry.
constexpr std::size_t entry_list = 15;

/// A snapshot as the cache knows it (id and identity version are all it needs).
store::snapshot_record record_of(const store::snapshot_time& t) {
    store::snapshot_record r;
    r.id = t.id;
    r.source_id = t.source_id;
    r.observed_at = t.observed_at;
    r.identity_version = t.identity_version;
    return r;
}

std::string board_at(const std::string& source_id, time_point at) {
    return board_href(source_id) + "?as_of=" + url_encode(when_param_of(at));
}

/// The time of a snapshot in an id: microseconds, exact, so two snapshots never share one.
std::string exact(time_point t) {
    return std::to_string(t.time_since_epoch().count());
}

/// One entry per snapshot of one board's `times` (oldest first), newest `limit` first.
std::vector<atom_entry> snapshot_entries(page_context& ctx,
                                         const std::vector<store::snapshot_time>& times,
                                         std::size_t limit, const std::string& title) {
    std::vector<atom_entry> entries;
    for (std::size_t i = times.size(); i > 0 && entries.size() < limit; --i) {
        const auto& t = times[i - 1];
        std::optional<store::snapshot_record> before;
        if (i > 1) {
            before = record_of(times[i - 2]);
        }
        const auto changes = ctx.cache.diff(ctx.tx, before, record_of(t));
        atom_entry e;
        e.id = stable_id(fmt::format("board {} snapshot {}", t.source_id, exact(t.observed_at)));
        e.updated = t.observed_at;
        e.link = board_at(t.source_id, t.observed_at);
        e.title = before ? fmt::format("{}, {}: {}", title, format_utc(t.observed_at),
                                       board_diff_summary(*changes))
                         : fmt::format("{}, {}: first snapshot, {} rows", title,
                                       format_utc(t.observed_at), changes->added.size());
        e.content_html = before ? board_diff_html(*changes, entry_list)
                                : "<p>The board's first stored snapshot.</p>";
        entries.push_back(std::move(e));
    }
    return entries;
}

std::map<std::string, std::string> board_titles(page_context& ctx) {
    std::map<std::string, std::string> titles;
    for (const auto& s : store::source_statuses(ctx.tx)) {
        titles.emplace(s.id, s.title);
    }
    return titles;
}

} // namespace

http_response board_feed(page_context& ctx, const request_target& target,
                         const std::string& source_id) {
    choose_format(target, {page_format::atom});
    target.allow_only({});
    const auto board = find_board(ctx, source_id);
    const auto times = store::snapshot_times(ctx.tx, board.id);
    atom_document feed;
    feed.id = stable_id("board " + board.id);
    feed.title = board.title + " (lbtrack)";
    feed.self = board_href(board.id) + "/feed.atom";
    feed.alternate = board_href(board.id);
    feed.entries = snapshot_entries(ctx, times, board_entries, board.title);
    return atom_response(atom_xml(feed));
}

http_response digest_feed(page_context& ctx, const request_target& target) {
    choose_format(target, {page_format::atom});
    target.allow_only({});
    const auto times = store::snapshot_times(ctx.tx); // by board, then time
    const auto titles = board_titles(ctx);
    // Each snapshot's diff against the one before on its board, grouped by the UTC day observed.
    std::map<std::chrono::sys_days, std::vector<std::size_t>, std::greater<>> days;
    for (std::size_t i = 0; i < times.size(); ++i) {
        days[std::chrono::floor<std::chrono::days>(times[i].observed_at)].push_back(i);
    }
    atom_document feed;
    feed.id = stable_id("digest");
    feed.title = "Every board (lbtrack)";
    feed.self = "/feed.atom";
    feed.alternate = "/";
    for (const auto& [day, indexes] : days) {
        if (feed.entries.size() >= digest_days) {
            break;
        }
        atom_entry e;
        e.id = stable_id(fmt::format("digest {}", date_text(time_point(day))));
        e.link = "/";
        std::set<std::string> boards;
        for (const auto i : indexes) {
            const auto& t = times[i];
            const bool has_before = i > 0 && times[i - 1].source_id == t.source_id;
            std::optional<store::snapshot_record> before;
            if (has_before) {
                before = record_of(times[i - 1]);
            }
            const auto changes = ctx.cache.diff(ctx.tx, before, record_of(t));
            boards.insert(t.source_id);
            e.updated = std::max(e.updated, t.observed_at);
            const auto title = titles.contains(t.source_id) ? titles.at(t.source_id) : t.source_id;
            e.content_html += fmt::format(
                "<h3>{}</h3>\n<p>{}</p>\n{}",
                html_link(board_at(t.source_id, t.observed_at), title),
                esc(has_before ? board_diff_summary(*changes)
                               : fmt::format("first snapshot, {} rows", changes->added.size())),
                has_before ? board_diff_html(*changes, entry_list) : "");
        }
        e.title = fmt::format("Leaderboards on {}: {} board{} changed", date_text(e.updated),
                              boards.size(), boards.size() == 1 ? "" : "s");
        feed.entries.push_back(std::move(e));
    }
    return atom_response(atom_xml(feed));
}

http_response model_feed(page_context& ctx, const request_target& target,
                         const std::string& model_key) {
    choose_format(target, {page_format::atom});
    target.allow_only({});
    const auto model = store::model_by_key(ctx.tx, model_key);
    if (!model) {
        throw not_found(fmt::format("no model '{}'", printable_text(model_key)));
    }
    const auto observations = store::model_observations(ctx.tx, model->id);
    // Where the model is, per board and variant: snapshot id -> its row.
    std::map<std::pair<std::string, std::string>,
             std::map<std::int64_t, const store::model_observation*>>
        lines;
    std::set<std::string> boards;
    for (const auto& o : observations) {
        lines[{o.source_id, o.variant}][o.snapshot_id] = &o;
        boards.insert(o.source_id);
    }
    const auto name_with = [&](const std::string& variant) {
        return variant.empty() ? model->display_name
                               : fmt::format("{} ({})", model->display_name, variant);
    };
    std::vector<atom_entry> events;
    for (const auto& board : boards) {
        const auto times = store::snapshot_times(ctx.tx, board);
        for (const auto& [line, rows] : lines) {
            if (line.first != board) {
                continue;
            }
            const store::model_observation* was = nullptr;
            for (const auto& t : times) {
                const auto it = rows.find(t.id);
                const auto* now = it == rows.end() ? nullptr : it->second;
                std::string what;
                if (now != nullptr && was == nullptr) {
                    what = fmt::format("{} is on {} at rank {}", name_with(line.second), board,
                                       now->rank ? std::to_string(*now->rank) : "–");
                } else if (now == nullptr && was != nullptr) {
                    what = fmt::format("{} left {}", name_with(line.second), board);
                } else if (now != nullptr && now->rank && was->rank && *now->rank != *was->rank) {
                    what = fmt::format("{} on {}: rank {} → {} ({})", name_with(line.second), board,
                                       *was->rank, *now->rank,
                                       diff::rank_delta_text(*was->rank, *now->rank));
                }
                if (!what.empty()) {
                    const auto* row = now != nullptr ? now : was;
                    atom_entry e;
                    e.id = stable_id(fmt::format("model {} board {} variant {} snapshot {}",
                                                 model->key, board, line.second,
                                                 exact(t.observed_at)));
                    e.title = fmt::format("{} ({})", what, format_utc(t.observed_at));
                    e.updated = t.observed_at;
                    e.link = board_at(board, t.observed_at);
                    e.content_html = fmt::format(
                        "<p>{}</p><p>Printed as {}; score {}. {}</p>", esc(what),
                        esc(row->printed_name),
                        esc(row->score ? diff::number_text(*row->score) : std::string("–")),
                        html_link(model_href(model->key), "All boards of this model"));
                    events.push_back(std::move(e));
                }
                was = now;
            }
        }
    }
    std::ranges::stable_sort(events, std::greater<>{}, &atom_entry::updated);
    if (events.size() > model_entries) {
        events.resize(model_entries);
    }
    atom_document feed;
    feed.id = stable_id("model " + model->key);
    feed.title = model->display_name + " on every board (lbtrack)";
    feed.self = model_href(model->key) + "/feed.atom";
    feed.alternate = model_href(model->key);
    feed.entries = std::move(events);
    feed.empty_updated = model->first_seen;
    return atom_response(atom_xml(feed));
}

} // namespace lbtrack::serve
