#include "diff_builders.hpp"

#include "lbtrack/diff/svg_chart.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace {

using namespace lbtrack;

time_point day(int y, unsigned m, unsigned d) {
    return time_point(std::chrono::sys_days(std::chrono::year(y) / m / d));
}

/// A weekly series from 2025-06-01; a missing rank has no score either.
diff::model_series weekly(const std::string& name, std::vector<std::optional<int>> ranks) {
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

diff::chart_options rank_chart() {
    diff::chart_options o;
    o.title = "Rank";
    o.value = diff::chart_value::rank;
    return o;
}

diff::chart_options score_chart() {
    diff::chart_options o;
    o.title = "Score";
    o.value = diff::chart_value::score;
    return o;
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

/// The y coordinate of the marker whose tooltip starts with `tooltip`.
std::optional<double> marker_y(const std::string& svg, const std::string& tooltip) {
    static const std::regex marker(
        R"re(<circle cx="[0-9.]+" cy="([0-9.]+)"[^>]*><title>([^<]*)</title>)re");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), marker);
         it != std::sregex_iterator(); ++it) {
        if ((*it)[2].str().starts_with(tooltip)) {
            return std::stod((*it)[1].str());
        }
    }
    return std::nullopt;
}

/// Every start tag is closed in order and every attribute value is quoted: enough of XML's
/// well-formedness to catch a broken escape or a forgotten close tag.
bool balanced(const std::string& svg) {
    std::vector<std::string> open;
    std::size_t at = 0;
    while ((at = svg.find('<', at)) != std::string::npos) {
        const auto end = svg.find('>', at);
        if (end == std::string::npos) {
            return false;
        }
        const std::string tag = svg.substr(at + 1, end - at - 1);
        at = end + 1;
        if (tag.starts_with('/')) {
            if (open.empty() || open.back() != tag.substr(1)) {
                return false;
            }
            open.pop_back();
            continue;
        }
        if (count(tag, "\"") % 2 != 0 || contains(tag, "<")) {
            return false;
        }
        if (!tag.ends_with('/')) {
            open.push_back(tag.substr(0, tag.find(' ')));
        }
    }
    return open.empty();
}

TEST(SvgChart, RankOneIsDrawnAboveRankFive) {
    const auto svg = diff::svg_chart({weekly("A", {1, 1}), weekly("B", {5, 5})}, rank_chart());
    const auto top = marker_y(svg, "A: rank 1 on 2025-06-01");
    const auto low = marker_y(svg, "B: rank 5 on 2025-06-01");
    ASSERT_TRUE(top && low) << svg;
    EXPECT_LT(*top, *low); // SVG y grows downwards
}

TEST(SvgChart, HigherScoreIsDrawnHigher) {
    const auto svg = diff::svg_chart({weekly("A", {1, 2}), weekly("B", {5, 3})}, score_chart());
    const auto high = marker_y(svg, "A: score 1490 on 2025-06-01");
    const auto low = marker_y(svg, "B: score 1450 on 2025-06-01");
    ASSERT_TRUE(high && low) << svg;
    EXPECT_LT(*high, *low);
}

TEST(SvgChart, IsAStandaloneAccessibleSvgDocument) {
    const auto svg = diff::svg_chart({weekly("A", {3, 1, 2})}, rank_chart());
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")) << svg;
    EXPECT_TRUE(contains(svg, "role=\"img\""));
    EXPECT_TRUE(contains(svg, ">\n<title>Rank</title>\n")); // the first child names the chart
    EXPECT_TRUE(contains(svg, "font-family=\"system-ui,"));
    EXPECT_FALSE(contains(svg, "<script"));
    EXPECT_FALSE(contains(svg, "<style"));
    EXPECT_FALSE(contains(svg, "href"));
    EXPECT_TRUE(balanced(svg)) << svg;
    EXPECT_EQ(count(svg, "<polyline"), 1u);
    EXPECT_EQ(count(svg, "</circle>"), 3u); // markers carry tooltips, legend dots do not
}

TEST(SvgChart, RankTicksAreIntegers) {
    const auto svg = diff::svg_chart({weekly("A", {1, 7, 23})}, rank_chart());
    static const std::regex label(R"re(text-anchor="end" fill="#555">([^<]*)</text>)re");
    std::vector<std::string> labels;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label);
         it != std::sregex_iterator(); ++it) {
        labels.push_back((*it)[1].str());
    }
    ASSERT_GE(labels.size(), 3u) << svg;
    EXPECT_EQ(labels.front(), "1"); // the best rank is always labelled
    for (const auto& l : labels) {
        EXPECT_EQ(l.find_first_not_of("0123456789"), std::string::npos) << l;
    }
}

TEST(SvgChart, FirstAndLastDatesInFullInnerTicksShort) {
    const auto svg = diff::svg_chart({weekly("A", {1, 2, 3, 4, 5, 6, 7, 8, 9})}, rank_chart());
    EXPECT_TRUE(contains(svg, ">2025-06-01</text>")) << svg;
    EXPECT_TRUE(contains(svg, ">2025-07-27</text>")) << svg;
    EXPECT_TRUE(std::regex_search(svg, std::regex(R"(>0[67]-[0-9]{2}</text>)"))) << svg;
}

TEST(SvgChart, MissingValueBreaksTheLine) {
    const auto svg = diff::svg_chart({weekly("A", {1, 2, std::nullopt, 3, 4})}, rank_chart());
    EXPECT_EQ(count(svg, "<polyline"), 2u) << svg;
    EXPECT_EQ(count(svg, "</circle>"), 4u);
    EXPECT_FALSE(contains(svg, "on 2025-06-15<")); // the gap has no marker
}

TEST(SvgChart, LonePointIsAMarkerWithoutLine) {
    const auto svg = diff::svg_chart(
        {weekly("A", {std::nullopt, 4, std::nullopt}), weekly("B", {2})}, rank_chart());
    EXPECT_EQ(count(svg, "<polyline"), 0u) << svg;
    EXPECT_EQ(count(svg, "</circle>"), 2u);
    EXPECT_TRUE(contains(svg, "<title>A: rank 4 on 2025-06-08</title>"));
    EXPECT_FALSE(contains(svg, "no data"));
}

TEST(SvgChart, NamesAndTitleAreEscapedInLegendAndTooltips) {
    auto options = rank_chart();
    options.title = "Top <b> & \"friends\"";
    const auto svg = diff::svg_chart(
        {weekly("<script>alert(1)</script>", {1, 2}), weekly("O'Neil & Sons", {3, 4})}, options);
    EXPECT_FALSE(contains(svg, "<script")) << svg;
    EXPECT_FALSE(contains(svg, "<b>"));
    EXPECT_TRUE(contains(svg, "<title>Top &lt;b&gt; &amp; &quot;friends&quot;</title>"));
    EXPECT_TRUE(contains(svg, "<title>&lt;script&gt;alert(1)&lt;/script&gt;: rank 1 on "
                              "2025-06-01</title>"));
    EXPECT_TRUE(contains(svg, ">&lt;script&gt;alert(1)&lt;/script&gt;</text>")); // legend
    EXPECT_TRUE(contains(svg, ">O&#39;Neil &amp; Sons</text>"));
    EXPECT_TRUE(balanced(svg)) << svg;
}

TEST(SvgChart, BytesXmlCannotHoldAreReplaced) {
    const auto svg =
        diff::svg_chart({weekly(std::string("bad\x01name\xff", 9), {1, 2})}, rank_chart());
    EXPECT_FALSE(contains(svg, "\x01"));
    EXPECT_FALSE(contains(svg, "\xff"));
    EXPECT_TRUE(contains(svg, ">badname\xEF\xBF\xBD</text>")) << svg;
}

TEST(SvgChart, NoDataWhenNothingToPlot) {
    const auto empty = diff::svg_chart({}, rank_chart());
    EXPECT_TRUE(contains(empty, ">no data</text>")) << empty;
    EXPECT_TRUE(balanced(empty));

    // Series whose points all lack the charted value: a legend, but nothing plotted.
    const auto unranked =
        diff::svg_chart({weekly("A", {std::nullopt, std::nullopt})}, rank_chart());
    EXPECT_TRUE(contains(unranked, ">no data</text>"));
    EXPECT_EQ(count(unranked, "</circle>"), 0u);
    EXPECT_EQ(count(unranked, "<polyline"), 0u);
}

TEST(SvgChart, SameInputSameOutput) {
    const std::vector<diff::model_series> series = {weekly("A", {1, 2, 3}),
                                                    weekly("B", {4, std::nullopt, 2})};
    EXPECT_EQ(diff::svg_chart(series, rank_chart()), diff::svg_chart(series, rank_chart()));
    EXPECT_EQ(diff::svg_chart(series, score_chart()), diff::svg_chart(series, score_chart()));
}

TEST(SvgChart, CoordinatesHaveAtMostOneDecimal) {
    const auto svg = diff::svg_chart({weekly("A", {1, 3, 2, 7, 5, 6})}, score_chart());
    EXPECT_FALSE(std::regex_search(svg, std::regex(R"([0-9]\.[0-9]{2})"))) << svg;
}

/// The y coordinate of the tick labelled `label` on the value axis (its text's baseline).
std::optional<double> tick_y(const std::string& svg, const std::string& label) {
    const std::regex tick(R"re(<text x="[0-9.]+" y="([0-9.]+)" text-anchor="end" fill="#555">)re" +
                          label + "</text>");
    std::smatch m;
    if (std::regex_search(svg, m, tick)) {
        return std::stod(m[1].str());
    }
    return std::nullopt;
}

TEST(SvgChart, LongRankRangesKeepTheTopReadable) {
    // Issue 15: ranks 1 to 140 on a linear axis squeezed the top ten into a few pixels.
    const auto svg = diff::svg_chart({weekly("A", {1, 140}), weekly("B", {10, 60})}, rank_chart());
    const auto one = tick_y(svg, "1");
    const auto ten = tick_y(svg, "10");
    const auto hundred = tick_y(svg, "100");
    ASSERT_TRUE(one && ten && hundred) << svg;
    // Logarithmic: ranks 1-10 take as much height as 10-100.
    EXPECT_NEAR(*ten - *one, *hundred - *ten, 1.0);
    EXPECT_GT(*ten - *one, 60.0); // of a plot of about 180
    // A short range stays linear: rank 83 to 89 evenly.
    const auto near = diff::svg_chart({weekly("A", {83, 89})}, rank_chart());
    EXPECT_FALSE(tick_y(near, "1").has_value()) << near;
}

TEST(SvgChart, ScoreChartShadesThePublishedCi) {
    auto with_ci = weekly("A", {3, 2, 1});
    for (auto& p : with_ci.points) {
        p.ci_plus = 6;
        p.ci_minus = 5;
    }
    const auto svg = diff::svg_chart({with_ci, weekly("B", {5, 4, 4})}, score_chart());
    EXPECT_EQ(count(svg, "<polygon"), 1u) << svg; // one band, for the series with a CI
    EXPECT_TRUE(contains(svg, "fill-opacity=\"0.15\""));
    EXPECT_TRUE(balanced(svg));
    // The band fits in the plot: the axis reaches the highest upper bound (1490 + 6).
    EXPECT_TRUE(tick_y(svg, "1500").has_value()) << svg;
    // Rank charts draw no band.
    EXPECT_EQ(count(diff::svg_chart({with_ci}, rank_chart()), "<polygon"), 0u);
}

TEST(BumpChart, OneLanePerRankOfTheTopNAndOneBelow) {
    // B is in today's top 3 but was 9th four weeks ago: drawn in the lane below the top 3.
    const auto svg = diff::svg_bump_chart(
        {weekly("A", {1, 1, 2}), weekly("B", {9, 4, 1}), weekly("C <&>", {2, 2, 3})},
        {.title = "Top 3", .top_n = 3});
    EXPECT_TRUE(balanced(svg)) << svg;
    for (const char* lane : {">1</text>", ">2</text>", ">3</text>", ">&gt; 3</text>"}) {
        EXPECT_TRUE(contains(svg, lane)) << lane << svg;
    }
    const auto below = marker_y(svg, "B: rank 9");
    const auto fourth = marker_y(svg, "B: rank 4");
    const auto first = marker_y(svg, "B: rank 1");
    ASSERT_TRUE(below && fourth && first) << svg;
    EXPECT_EQ(*below, *fourth); // every rank below the top N shares one lane
    EXPECT_LT(*first, *below);
    EXPECT_TRUE(contains(svg, "fill=\"#fff\" stroke=\"")); // hollow there
    // Labelled at the line's end, escaped, instead of a legend.
    EXPECT_TRUE(contains(svg, ">C &lt;&amp;&gt;</text>"));
    EXPECT_EQ(count(svg, "<polyline"), 3u);
}

TEST(BumpChart, TiedEndsGetLabelsThatDoNotOverlap) {
    const auto svg = diff::svg_bump_chart(
        {weekly("A", {1, 2}), weekly("B", {3, 2}), weekly("C", {2, 2})}, {.top_n = 3});
    static const std::regex label(R"re(<text x="[0-9.]+" y="([0-9.]+)" fill="#222">)re");
    std::vector<double> ys;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label);
         it != std::sregex_iterator(); ++it) {
        ys.push_back(std::stod((*it)[1].str()));
    }
    ASSERT_EQ(ys.size(), 3u) << svg;
    std::sort(ys.begin(), ys.end());
    EXPECT_GE(ys[1] - ys[0], 12.0);
    EXPECT_GE(ys[2] - ys[1], 12.0);
    // The document is tall enough for the lowest label.
    const std::regex height(R"re(height="([0-9.]+)" role="img")re");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(svg, m, height));
    EXPECT_LT(ys.back(), std::stod(m[1].str()));
}

entry newcomer(const std::string& name, int rank, double score, std::optional<double> ci) {
    entry e = test::row(name, rank, score);
    e.ci_plus = ci;
    e.ci_minus = ci;
    return e;
}

TEST(NewcomersChart, EachNewcomerWithItsCiOverTheField) {
    std::vector<double> field;
    for (int i = 0; i < 150; ++i) {
        field.push_back(800 + 4 * i); // 800 .. 1396
    }
    entry unscored = newcomer("Unscored", 50, 0, std::nullopt);
    unscored.score.reset();
    const auto svg = diff::svg_newcomers_chart(
        {newcomer("New <b>", 6, 1386, 6), newcomer("Second", 34, 1318, std::nullopt), unscored},
        field, {.leader_score = 1396, .cutoff_score = 1380, .top_n = 10, .omitted = 2});
    EXPECT_TRUE(balanced(svg)) << svg;
    EXPECT_TRUE(contains(svg, ">#6 New &lt;b&gt;</text>")) << svg;
    EXPECT_TRUE(contains(svg, "<title>New &lt;b&gt;: score 1386 (+6/-6), rank 6</title>"));
    EXPECT_TRUE(contains(svg, ">#1</text>"));
    EXPECT_TRUE(contains(svg, ">#10</text>"));
    EXPECT_TRUE(contains(svg, "and 2 more"));
    // The axis starts near the lowest newcomer, not at the bottom of the field: the models
    // below are counted.
    EXPECT_TRUE(contains(svg, "below the axis</text>")) << svg;
    EXPECT_TRUE(contains(svg, "all 150 models"));
    EXPECT_FALSE(contains(svg, "Unscored"));
    // Without a scored newcomer there is nothing to place.
    EXPECT_EQ(diff::svg_newcomers_chart({unscored}, field, {}), "");
}

} // namespace
