// The report filters and row limit of run, diff and replay (issue 15 item 4): --top,
// --min-rank-move, --significant-only, --model and --max-rows, with the meanings of the
// [[notify]] rules, on the LMArena fixtures (tests/data/lmarena: 07-01 -> 07-02, whose changes its
// README lists: 1 new, 1 dropped, 2 moves, 3 ties within CI, 5 score changes of which 2 beyond
// CI, 3 rank_stylectrl changes).

#include "cli_test_support.hpp"
#include "support/http_test_server.hpp"

#include <regex>

namespace {

using namespace lbtrack::test;

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

/// The rows of the Markdown table under `heading` (### …), first column each.
std::vector<std::string> first_cells(const std::string& md, const std::string& heading) {
    std::vector<std::string> cells;
    const auto at = md.find(heading);
    if (at == std::string::npos) {
        return cells;
    }
    std::istringstream lines(md.substr(at));
    std::string line;
    bool body = false;
    while (std::getline(lines, line)) {
        if (line.starts_with("|---")) {
            body = true;
            continue;
        }
        if (body && !line.starts_with("| ")) {
            break;
        }
        if (body) {
            cells.push_back(line.substr(2, line.find(" |", 2) - 2));
        }
    }
    return cells;
}

class ReportLimits : public cli_test {
protected:
    void SetUp() override {
        cli_test::SetUp();
        ASSERT_EQ(lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")}).exit_code, 0);
    }

    std::string diff(std::vector<std::string> limits) {
        std::vector<std::string> args{"diff", "--source", "lmarena-text", "--format", "md"};
        args.insert(args.end(), limits.begin(), limits.end());
        const auto r = lbtrack(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return r.out;
    }
};

TEST_F(ReportLimits, WithoutLimitsEverythingIsListed) {
    const auto md = diff({});
    EXPECT_FALSE(has(md, "Limited to")) << md;
    EXPECT_TRUE(has(md, "### Rank moves (2)")) << md;
    EXPECT_TRUE(has(md, "### Score changes (5)")) << md;
    EXPECT_EQ(first_cells(md, "### Score changes").size(), 5u) << md;
    EXPECT_FALSE(has(md, "not listed (--max-rows)")) << md;
}

TEST_F(ReportLimits, TopKeepsChangesWithinTheBoardsTopN) {
    const auto md = diff({"--top", "3"});
    EXPECT_TRUE(has(md, "_Limited to: top 3._")) << md;
    // The top-N section is about the same N: o3 rose 4 -> 1 into it, ChatGPT-4o-latest fell
    // 3 -> 4 out of it.
    EXPECT_TRUE(has(md, "### Top 3 (2 in, 2 out)")) << md;
    EXPECT_TRUE(has(md, "| ChatGPT-4o-latest (2025-03-26) | left | 3 | 4 |")) << md;
    // Moves from or to the top 3 stay; the o3-mini pair's reshuffle at 9-10 does not.
    EXPECT_EQ(first_cells(md, "### Rank moves").size(), 2u) << md;
    EXPECT_TRUE(has(md, "_1 rank change(s) within the board's confidence intervals")) << md;
    // Score and metric changes of rows ranked 3 or better now: o3 alone.
    EXPECT_EQ(first_cells(md, "### Score changes"), std::vector<std::string>{"o3-2025-04-16"})
        << md;
    EXPECT_EQ(first_cells(md, "### Metric changes"), std::vector<std::string>{"o3-2025-04-16"})
        << md;
    // 0 is every rank, as for the [[notify]] rule.
    EXPECT_EQ(diff({"--top", "0"}), diff({}));
}

TEST_F(ReportLimits, MinRankMoveLeavesOutSmallMoves) {
    const auto md = diff({"--min-rank-move", "2"});
    EXPECT_TRUE(has(md, "_Limited to: moves of 2+ places._")) << md;
    EXPECT_EQ(first_cells(md, "### Rank moves"), std::vector<std::string>{"o3-2025-04-16"}) << md;
    EXPECT_TRUE(has(md, "### Score changes (5)")) << md; // other lists untouched
}

TEST_F(ReportLimits, SignificantOnlyKeepsScoreChangesBeyondTheBoardsCi) {
    const auto md = diff({"--significant-only"});
    EXPECT_TRUE(has(md, "_Limited to: score changes beyond CI only._")) << md;
    const auto rows = first_cells(md, "### Score changes");
    EXPECT_EQ(rows.size(), 2u) << md;
    const std::regex score_row(R"(\n\| [^|\n]+ \| [0-9.]+ \| [0-9.]+ \| [-+0-9.]+ \| ([a-z]*) \|)");
    const auto section = md.substr(md.find("### Score changes"));
    std::size_t checked = 0;
    for (auto it = std::sregex_iterator(section.begin(), section.end(), score_row);
         it != std::sregex_iterator(); ++it, ++checked) {
        EXPECT_EQ((*it)[1], "yes") << md; // every one listed is beyond CI
    }
    EXPECT_EQ(checked, rows.size()) << md;
}

TEST_F(ReportLimits, ModelKeepsOnlyMatchingModels) {
    const auto md = diff({"--model", "o3*"});
    EXPECT_TRUE(has(md, "_Limited to: models matching o3\\*._")) << md;
    EXPECT_TRUE(has(md, "**New leader:** o3-2025-04-16")) << md;
    EXPECT_FALSE(has(md, "### New models")) << md; // Grok-4-0709
    EXPECT_FALSE(has(md, "### Dropped models")) << md;
    for (const auto& heading : {"### Rank moves", "### Score changes", "### Metric changes"}) {
        const auto rows = first_cells(md, heading);
        EXPECT_FALSE(rows.empty()) << heading << md;
        for (const auto& name : rows) {
            EXPECT_TRUE(name.starts_with("o3")) << heading << ": " << name;
        }
    }
    // Repeatable, any case: either pattern.
    const auto two = diff({"--model", "O3-2025*", "--model", "grok*"});
    EXPECT_TRUE(has(two, "| 3 | Grok-4-0709 | 1438 |")) << two;
    EXPECT_EQ(first_cells(two, "### Score changes"), std::vector<std::string>{"o3-2025-04-16"});
    // Nothing matches: the board says so rather than "No changes".
    const auto none = diff({"--model", "no-such-model"});
    EXPECT_TRUE(has(none, "No changes within the report's limits.")) << none;
}

TEST_F(ReportLimits, MaxRowsKeepsTheFirstRowsOfEachListAndCountsTheRest) {
    const auto md = diff({"--max-rows", "1"});
    EXPECT_FALSE(has(md, "Limited to")) << md;        // a length, not a filter
    EXPECT_TRUE(has(md, "### Rank moves (2)")) << md; // the heading counts every one
    EXPECT_EQ(first_cells(md, "### Rank moves"), std::vector<std::string>{"o3-2025-04-16"}) << md;
    EXPECT_TRUE(has(md, "### Score changes (5)")) << md;
    // The changes beyond CI first, the largest of them first.
    EXPECT_EQ(first_cells(md, "### Score changes"), std::vector<std::string>{"o3-2025-04-16"});
    EXPECT_TRUE(has(md, "_… and 4 more, not listed (--max-rows)._")) << md;
    EXPECT_TRUE(has(md, "_… and 1 more, not listed (--max-rows)._")) << md;
    EXPECT_TRUE(has(md, "_… and 2 more, not listed (--max-rows)._")) << md; // metrics
    EXPECT_TRUE(has(md, "_3 rank change(s) within the board's confidence intervals")) << md;
    // The default is ten rows, which this board never reaches; 0 is every row.
    EXPECT_EQ(diff({"--max-rows", "0"}), diff({}));
    const auto json =
        lbtrack({"diff", "--source", "lmarena-text", "--format", "json", "--max-rows", "1"});
    EXPECT_TRUE(has(json.out, "\"omitted\":{\"added\":0,\"dropped\":0,\"moved\":1,\"within_ci\":2,"
                              "\"rescored\":4,\"metric_changes\":2,\"metadata_changes\":0}"))
        << json.out;
}

TEST_F(ReportLimits, BadLimitsAreUsageErrors) {
    for (const auto* command : {"run", "diff", "replay"}) {
        for (const std::vector<std::string>& bad : {std::vector<std::string>{"--top", "-1"},
                                                    {"--min-rank-move", "0"},
                                                    {"--max-rows", "many"}}) {
            std::vector<std::string> args{command, "--source", "lmarena-text"};
            args.insert(args.end(), bad.begin(), bad.end());
            if (std::string(command) == "replay") {
                args.push_back(fixture("lmarena"));
            }
            EXPECT_EQ(lbtrack(args).exit_code, 2) << command << " " << bad[0];
        }
    }
}

class RunLimits : public cli_test {
protected:
    std::vector<std::string> run_args(std::vector<std::string> limits) {
        std::vector<std::string> args{"run",
                                      "--source",
                                      "lmarena-text",
                                      "--mirror",
                                      std::string(upstream_prefix) + "=" + server_.base_url() + "/",
                                      "--report",
                                      "md"};
        args.insert(args.end(), limits.begin(), limits.end());
        return args;
    }
    http_test_server server_;
};

TEST_F(RunLimits, RunAndReplayReportTheSameDayAlike) {
    server_.route("/lmarena_text.csv", {200, read_file(fixture("lmarena/2025-07-01.csv")), {}});
    ASSERT_EQ(lbtrack(run_args({})).exit_code, 0);
    server_.route("/lmarena_text.csv", {200, read_file(fixture("lmarena/2025-07-02.csv")), {}});
    const auto run = lbtrack(run_args({"--top", "3", "--max-rows", "1", "--significant-only"}));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(has(run.out, "_Limited to: top 3; score changes beyond CI only._")) << run.out;
    EXPECT_TRUE(has(run.out, "### Top 3 (2 in, 2 out)")) << run.out;
    EXPECT_EQ(first_cells(run.out, "### Score changes"), std::vector<std::string>{"o3-2025-04-16"});
    // The same day replayed into another database gives the same board section (but for the
    // times compared: a run's snapshot is dated by its fetch).
    cli_env env = env_;
    env.database_url = fresh_database("run_limits_replay");
    const auto replay = run_lbtrack({"--config", real_config(), "replay", "--source",
                                     "lmarena-text", "--report", "md", "--top", "3", "--max-rows",
                                     "1", "--significant-only", fixture("lmarena")},
                                    env);
    ASSERT_EQ(replay.exit_code, 0) << replay.err;
    const auto section = [](const std::string& md) {
        const auto board = md.rfind("## LMArena text leaderboard");
        const auto at = md.find("\n\n", md.find("Compared ", board));
        auto text = md.substr(at, md.find("\n## ", at) - at);
        while (text.ends_with('\n')) {
            text.pop_back();
        }
        return text;
    };
    EXPECT_EQ(section(replay.out), section(run.out));
}

} // namespace
