#include "diff_builders.hpp"

#include "lbtrack/diff/render.hpp"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <memory>
#include <string>
#include <vector>

namespace {

using namespace lbtrack;
using test::move;
using test::rescore;
using test::row;

// Upstream text that must reach the page as text: markup, an apostrophe, an ampersand.
const std::string evil = "<script>alert(1)</script>";
const std::string evil_escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";

time_point day(int y, unsigned m, unsigned d) {
    return time_point(std::chrono::sys_days(std::chrono::year(y) / m / d));
}

diff::top_change top(const std::string& name, std::optional<int> from, std::optional<int> to) {
    diff::top_change t;
    t.model_key = name;
    t.name = name;
    t.from = from;
    t.to = to;
    return t;
}

diff::metric_change metric_move(const std::string& name, const std::string& metric, double from,
                                double to, const std::string& from_unit, const std::string& unit) {
    diff::metric_change m;
    m.model_key = name;
    m.name = name;
    m.metric = metric;
    m.from = from;
    m.to = to;
    m.from_unit = from_unit;
    m.unit = unit;
    return m;
}

diff::metadata_change detail_change(const std::string& name, const std::string& field,
                                    const std::string& from, const std::string& to) {
    diff::metadata_change m;
    m.model_key = name;
    m.name = name;
    m.field = field;
    m.from = from;
    m.to = to;
    return m;
}

diff::leader_change leader(const std::string& from, const std::string& to) {
    diff::leader_change l;
    l.from_name = from;
    l.to_name = to;
    return l;
}

diff::board_position position(const std::string& source, std::optional<int> from,
                              std::optional<int> to, bool before, bool after) {
    diff::board_position p;
    p.source_id = source;
    p.from = from;
    p.to = to;
    p.present_before = before;
    p.present_after = after;
    return p;
}

diff::model_series series(const std::string& name, std::vector<std::optional<int>> ranks) {
    diff::model_series s;
    s.model_key = name;
    s.name = name;
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        diff::chart_point p;
        p.at = day(2025, 6, 1) + std::chrono::days(7 * i);
        p.rank = ranks[i];
        if (ranks[i]) {
            p.score = 1500 - 10.0 * *ranks[i];
        }
        s.points.push_back(p);
    }
    return s;
}

/// A row of today's top with its rank and score on the day before (none: new).
diff::standing standing(entry now, std::optional<int> rank_before,
                        std::optional<double> score_before) {
    diff::standing s;
    s.now = std::move(now);
    s.compared = true;
    s.listed_before = rank_before.has_value();
    s.rank_before = rank_before;
    s.score_before = score_before;
    s.score_changed = score_before && s.now.score && *score_before != *s.now.score;
    return s;
}

/// One board with every section, one without changes, a first snapshot and two failures.
diff::run_report full_report() {
    diff::run_report r;
    r.generated_at = day(2025, 7, 1) + std::chrono::hours(6);

    diff::board_report a;
    a.context.source_id = "arena";
    a.context.source_title = "Arena " + evil + " & O'Neil";
    a.context.from = day(2025, 6, 30);
    a.context.to = day(2025, 7, 1);
    a.context.from_rows = 3;
    a.context.to_rows = 3;
    auto& d = a.diff;
    d.top_n = 10;
    d.added = {row(evil, 4, 1421)};
    d.dropped = {row("Dropped One", 7, 1186.5)};
    d.moved = {move("Climber", 5, 2)};
    d.within_ci = {move("Tied Twin", 8, 9)};
    d.entered_top = {top(evil, std::nullopt, 4)};
    d.left_top = {top("Faller", 9, 12)};
    d.rescored = {rescore("Climber", 1448, 1462, true), rescore("O'Neil 7B", 1300, 1299.5, false)};
    d.metric_changes = {metric_move("Climber", "price", 0.7, 0.8, "元", "元"),
                        metric_move("O'Neil 7B", "cost " + evil, 3, 2.5, "元", "$" + evil)};
    d.metadata_changes = {detail_change("Climber", "license", "MIT", "Apache 2.0 " + evil)};
    d.new_leader = leader("Old Leader", "Climber");
    a.series = {series("Climber", {5, 4, 5, 2}), series(evil, {std::nullopt, std::nullopt, 4}),
                series("O'Neil 7B", {9, std::nullopt, 8, 8})};
    // Today's top: the leader up from 5 with +14, an unchanged row, the newcomer.
    a.standings = {standing(row("Climber", 2, 1462), 5, 1448),
                   standing(row("Steady", 3, 1450), 3, 1450),
                   standing(row(evil, 4, 1421), std::nullopt, std::nullopt)};
    a.field_scores = {1462, 1450, 1421, 1299.5};
    r.boards.push_back(a);

    diff::board_report quiet;
    quiet.context.source_id = "quiet";
    quiet.context.source_title = "Quiet Board";
    quiet.context.from = day(2025, 6, 30);
    quiet.context.to = day(2025, 7, 1);
    quiet.context.from_rows = 1200;
    quiet.context.to_rows = 1200;
    r.boards.push_back(quiet);

    diff::board_report first;
    first.context.source_id = "fresh";
    first.context.source_title = "Fresh Board";
    first.context.to = day(2025, 7, 1);
    first.context.to_rows = 2;
    first.diff.added = {row("Fresh Leader", 1, 80.1), row(evil, 2, 79.3)};
    first.diff.new_leader = leader("", "Fresh Leader");
    r.boards.push_back(first);

    diff::digest_line line;
    line.model_key = "Climber";
    line.name = "Climber";
    line.boards = {position("arena", 5, 2, true, true), position("quiet", 7, 7, true, true)};
    r.digest.push_back(line);
    diff::digest_line line2;
    line2.model_key = evil;
    line2.name = evil;
    line2.boards = {position("arena", std::nullopt, 4, false, true),
                    position("fresh", std::nullopt, 2, false, true)};
    r.digest.push_back(line2);
    diff::digest_line line3;
    line3.model_key = "Dropped One";
    line3.name = "Dropped One";
    line3.boards = {position("arena", 7, std::nullopt, true, false),
                    position("quiet", 30, 31, true, true)};
    r.digest.push_back(line3);

    r.failures = {"source 'broken': schema drift: missing column \"Model\", new column " + evil,
                  "source 'O'Neil': HTTP 503 after 3 attempts"};
    return r;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++n;
    }
    return n;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
    for (auto& c : s) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

TEST(RenderHtml, UpstreamTextIsEscapedEverywhere) {
    const auto html = diff::render_html(full_report());
    EXPECT_FALSE(contains(lower(html), "<script")) << html;
    // Board title, new model, top N, metric name and unit, metadata, digest, chart legends and
    // tooltips, failure message.
    EXPECT_GE(count(html, evil_escaped), 10u) << html;
    EXPECT_TRUE(contains(html, "Arena " + evil_escaped + " &amp; O&#39;Neil")) << html;
    EXPECT_TRUE(contains(html, "O&#39;Neil 7B")) << html;
    EXPECT_TRUE(contains(html, "2.5$" + evil_escaped)) << html;
    EXPECT_TRUE(contains(html, "missing column &quot;Model&quot;, new column " + evil_escaped))
        << html;
}

TEST(RenderHtml, IsOneSelfContainedDocument) {
    const auto html = diff::render_html(full_report());
    EXPECT_TRUE(html.starts_with("<!doctype html>\n")) << html;
    EXPECT_EQ(count(html, "<html"), 1u);
    EXPECT_EQ(count(html, "</html>"), 1u);
    EXPECT_TRUE(contains(html, "<meta charset=\"utf-8\">"));
    EXPECT_TRUE(contains(html, "<meta name=\"viewport\""));
    EXPECT_EQ(count(html, "<style>"), 1u);
    // Nothing to load: no external scripts, styles, images, fonts or frames.
    for (const char* needle :
         {"<link", "<img", "<iframe", "src=", "url(", "@import", "href=\"http", "href=\"//"}) {
        EXPECT_FALSE(contains(lower(html), needle)) << needle;
    }
    // The only absolute URL is the SVG namespace name, which is never fetched.
    EXPECT_EQ(count(html, "http://") + count(html, "https://"),
              count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
}

TEST(RenderHtml, SummaryAndDigest) {
    const auto html = diff::render_html(full_report());
    EXPECT_TRUE(contains(html, "<title>lbtrack report — 2025-07-01</title>")) << html;
    EXPECT_TRUE(contains(html, "<h2>Summary</h2>"));
    EXPECT_TRUE(contains(html, "3 boards checked, 3 with a new snapshot, 2 with changes;"));
    EXPECT_TRUE(contains(html, "2 sources failed"));
    // arena: 1 new, 1 dropped, 1 moved, 2 score changes.
    EXPECT_TRUE(contains(html, "<td class=\"num\">1</td><td class=\"num\">1</td><td "
                               "class=\"num\">1</td><td class=\"num\">2</td>"))
        << html;
    EXPECT_TRUE(contains(html, "<h2>Across boards</h2>"));
    EXPECT_TRUE(contains(html, "<td class=\"up\">▲3 (5→2)</td>"));
    EXPECT_TRUE(contains(html, "<td class=\"new\">new at 4</td>"));
    EXPECT_TRUE(contains(html, "<td class=\"gone\">dropped (was 7)</td>"));
    EXPECT_TRUE(contains(html, "<td class=\"zero\">= 7</td>"));
    EXPECT_TRUE(contains(html, "<td class=\"down\">▼1 (30→31)</td>"));
}

TEST(RenderHtml, EveryBoardSectionWithItsFigures) {
    const auto html = diff::render_html(full_report());
    EXPECT_TRUE(contains(html, "Compared 2025-06-30 → 2025-07-01 (3 → 3 rows)."));
    EXPECT_TRUE(contains(html, "<strong>New leader:</strong> Climber (was Old Leader)"));
    EXPECT_TRUE(contains(html, "<h3>New models (1)</h3>"));
    EXPECT_TRUE(contains(html, "<td class=\"num\">4</td><td>" + evil_escaped +
                                   "</td><td class=\"num\">1421</td>"));
    EXPECT_TRUE(contains(html, "<h3>Dropped models (1)</h3>"));
    EXPECT_TRUE(contains(html, "<td>Dropped One</td><td class=\"num\">1186.5</td>"));
    EXPECT_TRUE(contains(html, "<h3>Rank moves (1)</h3>"));
    EXPECT_TRUE(contains(html, "<td class=\"num up\">▲3</td>"));
    EXPECT_TRUE(contains(html, "<summary>Ties within CI (1)</summary>"));
    EXPECT_TRUE(contains(html, "confidence intervals"));
    EXPECT_TRUE(contains(html, "<td class=\"num down\">▼1</td>")); // Tied Twin 8 → 9
    EXPECT_TRUE(contains(html, "<h3>Top 10 (1 in, 1 out)</h3>"));
    EXPECT_TRUE(contains(html, "<td class=\"up\">entered</td><td class=\"num\">new</td>"));
    EXPECT_TRUE(contains(html, "<td>Faller</td><td class=\"down\">left</td>"));
    EXPECT_TRUE(contains(html, "<h3>Score changes (2)</h3>"));
    EXPECT_TRUE(contains(html, "<td class=\"num\">+14</td><td><span class=\"badge\">beyond CI"));
    EXPECT_TRUE(contains(html, "<td class=\"num\">-0.5</td><td></td>"));
    EXPECT_TRUE(contains(html, "<h3>Metric changes (2)</h3>"));
    EXPECT_TRUE(contains(html, "<td class=\"num\">0.7元</td><td class=\"num\">0.8元</td>"
                               "<td class=\"num\">+0.1</td>"));
    EXPECT_TRUE(contains(html, "unit changed"));
    EXPECT_TRUE(contains(html, "<h3>Details changed (1)</h3>"));
    EXPECT_TRUE(contains(html, "<td>license</td><td>MIT</td><td>Apache 2.0 " + evil_escaped));
    EXPECT_TRUE(contains(html, "<h3>Top 3 on 2025-07-01</h3>"));

    EXPECT_TRUE(contains(html, "Compared 2025-06-30 → 2025-07-01 (1200 → 1200 rows).</p>\n"
                               "<p>No changes.</p>"));

    EXPECT_TRUE(contains(html, "First snapshot, 2025-07-01 (2 rows)."));
    EXPECT_TRUE(contains(html, "<strong>Leader:</strong> Fresh Leader"));
    EXPECT_TRUE(contains(html, "<summary>All 2 models of the first snapshot</summary>"));

    EXPECT_TRUE(contains(html, "<h2 id=\"failures\">Failed sources (2)</h2>"));
    EXPECT_TRUE(contains(html, "<li>source &#39;O&#39;Neil&#39;: HTTP 503 after 3 attempts</li>"));
}

TEST(RenderHtml, StandingsWithTheirChangeOpenTheBoard) {
    const auto html = diff::render_html(full_report());
    EXPECT_TRUE(contains(html, "<th class=\"num\">Δ</th><th>Model</th><th class=\"num\">Score</th>"
                               "<th class=\"num\">Δ score</th>"))
        << html;
    EXPECT_TRUE(contains(html, "<td class=\"num\">2</td><td class=\"num up\">▲3</td><td>Climber"
                               "</td><td class=\"num\">1462</td><td class=\"num\">+14</td>"));
    EXPECT_TRUE(contains(html, "<td class=\"num zero\">=</td><td>Steady</td><td class=\"num\">"
                               "1450</td><td class=\"num zero\">=</td>"));
    EXPECT_TRUE(contains(html, "<td class=\"num new\">new</td><td>" + evil_escaped + "</td>"));
    // Standings and charts come before the lists of changes, which can be long.
    const auto standings = html.find("<h3>Top 3 on 2025-07-01</h3>");
    const auto charts = html.find("<div class=\"charts\">");
    const auto lists = html.find("<h3>New models (1)</h3>");
    ASSERT_NE(charts, std::string::npos);
    EXPECT_LT(standings, charts);
    EXPECT_LT(charts, lists);
}

TEST(RenderHtml, ChartsAnswerWhoLeadsWhoArrivedAndWhoMoved) {
    auto report = full_report();
    auto html = diff::render_html(report);
    // Today's top over time (the standings with history: Climber, and the newcomer's one
    // point), where the newcomer landed, and the largest move as rank and score.
    EXPECT_EQ(count(html, "<svg "), 4u) << html;
    EXPECT_TRUE(contains(html, "<title>Today&#39;s top 3 over time</title>"));
    EXPECT_TRUE(contains(html, "<title>Where the newcomers landed</title>"));
    EXPECT_TRUE(contains(html, "<title>Largest moves: rank</title>"));
    EXPECT_TRUE(contains(html, "<title>Largest moves: score</title>"));

    // No history: the newcomers chart alone (it needs today's board only).
    report.boards[0].series.clear();
    html = diff::render_html(report);
    EXPECT_EQ(count(html, "<svg "), 1u);
    EXPECT_TRUE(contains(html, "<title>Where the newcomers landed</title>"));
    report.boards[0].diff.added.clear();
    EXPECT_EQ(count(diff::render_html(report), "<svg"), 0u);
}

TEST(RenderHtml, RowLimitAndScopeAreSaid) {
    auto report = full_report();
    report.boards[0].diff.omitted.rescored = 12;
    report.digest_omitted = 3;
    report.scope = "top 10";
    const auto html = diff::render_html(report);
    EXPECT_TRUE(contains(html, "<p class=\"muted\">Limited to: top 10.</p>")) << html;
    // The heading and the summary count every change; the line under the table the rest.
    EXPECT_TRUE(contains(html, "<h3>Score changes (14)</h3>"));
    EXPECT_TRUE(contains(html, "<td class=\"num\">14</td>"));
    EXPECT_TRUE(contains(html, "… and 12 more, not listed (--max-rows).</p>"));
    EXPECT_TRUE(contains(html, "… and 3 more, not listed (--max-rows).</p>\n</section>"));
    EXPECT_TRUE(contains(html, "<p>No changes within the report's limits.</p>"));
}

TEST(RenderHtml, EmptyRunSaysSo) {
    diff::run_report report;
    report.generated_at = day(2025, 7, 1);
    const auto html = diff::render_html(report);
    EXPECT_TRUE(contains(
        html, "0 boards checked, 0 with a new snapshot, 0 with changes; no source failed."));
    EXPECT_TRUE(contains(html, "No board got a new snapshot in this run."));
    EXPECT_FALSE(contains(html, "Across boards"));
    EXPECT_FALSE(contains(html, "Failed sources"));
    EXPECT_TRUE(html.ends_with("</html>\n"));
}

TEST(RenderHtml, SameReportSamePage) {
    EXPECT_EQ(diff::render_html(full_report()), diff::render_html(full_report()));
}

struct gumbo_output_deleter {
    void operator()(GumboOutput* output) const {
        gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
};
using gumbo_ptr = std::unique_ptr<GumboOutput, gumbo_output_deleter>;

void collect(const GumboNode* node, GumboTag tag, std::vector<const GumboNode*>& out) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
        return;
    }
    if (node->v.element.tag == tag) {
        out.push_back(node);
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        collect(static_cast<const GumboNode*>(children.data[i]), tag, out);
    }
}

std::vector<const GumboNode*> elements(const GumboOutput& doc, GumboTag tag) {
    std::vector<const GumboNode*> out;
    collect(doc.root, tag, out);
    return out;
}

std::string text_of(const GumboNode* node) {
    std::string out;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (child->type == GUMBO_NODE_TEXT) {
            out += child->v.text.text;
        } else if (child->type == GUMBO_NODE_ELEMENT) {
            out += text_of(child);
        }
    }
    return out;
}

TEST(RenderHtml, ParsesAsHtml5WithoutErrorsOrScripts) {
    const auto html = diff::render_html(full_report());
    const gumbo_ptr doc(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->errors.length, 0u);
    ASSERT_EQ(doc->document->type, GUMBO_NODE_DOCUMENT);
    EXPECT_TRUE(doc->document->v.document.has_doctype);
    EXPECT_EQ(doc->document->v.document.doc_type_quirks_mode, GUMBO_DOCTYPE_NO_QUIRKS);

    EXPECT_TRUE(elements(*doc, GUMBO_TAG_SCRIPT).empty());
    EXPECT_EQ(elements(*doc, GUMBO_TAG_HTML).size(), 1u);
    EXPECT_EQ(elements(*doc, GUMBO_TAG_STYLE).size(), 1u);

    // The page title is the first <title>; the others are inside the SVG charts.
    const auto titles = elements(*doc, GUMBO_TAG_TITLE);
    ASSERT_FALSE(titles.empty());
    EXPECT_EQ(titles.front()->v.element.tag_namespace, GUMBO_NAMESPACE_HTML);
    EXPECT_EQ(text_of(titles.front()), "lbtrack report — 2025-07-01");

    const auto svgs = elements(*doc, GUMBO_TAG_SVG);
    ASSERT_EQ(svgs.size(), 4u); // the bump, newcomers, and movers' rank and score charts
    for (const auto* svg : svgs) {
        EXPECT_EQ(svg->v.element.tag_namespace, GUMBO_NAMESPACE_SVG);
        const GumboAttribute* role = gumbo_get_attribute(&svg->v.element.attributes, "role");
        ASSERT_NE(role, nullptr);
        EXPECT_STREQ(role->value, "img");
    }

    // The hostile model name is text in table cells, not markup.
    bool found = false;
    for (const auto* td : elements(*doc, GUMBO_TAG_TD)) {
        found = found || text_of(td) == evil;
    }
    EXPECT_TRUE(found);
}

} // namespace
