#include "cli_test_support.hpp"

#include <filesystem>
#include <fstream>

namespace {

using namespace lbtrack::test;

class Replay : public cli_test {};

TEST_F(Replay, StoresOneSnapshotPerDistinctFileAndSaysSo) {
    const auto r = lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    // 13 data rows in each of the two distinct files.
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 26);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'unchanged'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM payload"), 2);
    EXPECT_NE(r.err.find("3 file(s): 2 stored (26 rows), 1 unchanged, 0 already stored, 0 failed"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("ignoring"), std::string::npos) << "notes.txt is not a dated file";
    // Snapshots are observed on the files' dates.
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE observed_at IN "
                    "('2025-07-01 00:00+00', '2025-07-02 00:00+00')"),
              2);
}

TEST_F(Replay, AgainStoresNothingNew) {
    ASSERT_EQ(lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")}).exit_code, 0);
    const auto fetches = count("SELECT count(*) FROM fetch_log");
    const auto r = lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 26);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log"), fetches);
    EXPECT_NE(r.err.find("0 stored (0 rows), 0 unchanged, 3 already stored"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("nothing new"), std::string::npos) << r.err;
}

TEST_F(Replay, ReportPrintsEachStoredDayAsMarkdown) {
    const auto r =
        lbtrack({"replay", "--source", "lmarena-text", "--report", "md", fixture("lmarena")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("First snapshot, 2025-07-01 (13 rows)."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Compared 2025-07-01 → 2025-07-02 (13 → 13 rows)."), std::string::npos)
        << r.out;
}

TEST_F(Replay, ABadDayInTheMiddleIsReportedAndTheNextDayComparesWithTheLastStoredOne) {
    // Days are prepared one ahead on a worker thread and the stored day is kept for the next
    // diff: a failed day must not shift either (its error is logged in its place, the day after
    // it is compared with the day before it, and so is a day that repeats an older one).
    temp_dir dir;
    const auto copy = [&](const std::string& from, const std::string& to) {
        std::filesystem::copy_file(fixture("lmarena") + "/" + from, dir.path() + "/" + to);
    };
    copy("2025-07-01.csv", "2025-07-01.csv");
    {
        std::ofstream bad(dir.path() + "/2025-07-02.csv");
        bad << "this,is,not\nthe,board\n";
    }
    copy("2025-07-02.csv", "2025-07-03.csv");
    copy("2025-07-01.csv", "2025-07-04.csv");
    const auto r = lbtrack({"replay", "--source", "lmarena-text", "--report", "md", dir.path()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed'"), 1);
    EXPECT_NE(r.out.find("First snapshot, 2025-07-01 (13 rows)."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Compared 2025-07-01 → 2025-07-03 (13 → 13 rows)."), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("Compared 2025-07-03 → 2025-07-04 (13 → 13 rows)."), std::string::npos)
        << r.out;
    // The 07-04 diff undoes the 07-03 one: o3 went 4 -> 1 on 07-02's data, back to 4 now.
    const auto back = r.out.find("Compared 2025-07-03 → 2025-07-04");
    ASSERT_NE(back, std::string::npos);
    EXPECT_NE(r.out.find("o3-2025-04-16", back), std::string::npos) << r.out;
    const auto failed = r.err.find("2025-07-02.csv");
    const auto next = r.err.find("2025-07-03.csv: stored");
    ASSERT_NE(failed, std::string::npos) << r.err;
    ASSERT_NE(next, std::string::npos) << r.err;
    EXPECT_LT(failed, next) << "the failed day's message comes in its place:\n" << r.err;
}

TEST_F(Replay, AWarningRepeatedDayAfterDayIsLoggedOnce) {
    // Every day repeats Gemini-2.5-Pro's row (at another position on 07-03); 07-03 also repeats
    // another model's row, a warning of its own.
    std::vector<std::string> lines;
    {
        std::ifstream in(fixture("lmarena") + "/2025-07-01.csv");
        for (std::string line; std::getline(in, line);) {
            lines.push_back(line);
        }
    }
    temp_dir dir;
    const auto write = [&](const std::string& day, const std::vector<std::string>& rows) {
        std::ofstream out(dir.path() + "/" + day + ".csv");
        for (const auto& row : rows) {
            out << row << "\n";
        }
    };
    auto day = lines;
    day.push_back(lines[1]);
    write("2025-07-01", day);
    day.back().replace(day.back().find("1472"), 4, "1473");
    day[1].replace(day[1].find("1472"), 4, "1473");
    write("2025-07-02", day);
    day = lines;
    day.insert(day.begin() + 5, lines[1]);
    day.push_back(lines[3]);
    write("2025-07-03", day);

    const auto r = lbtrack({"replay", "--source", "lmarena-text", dir.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto occurrences = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
            ++n;
        }
        return n;
    };
    EXPECT_EQ(occurrences(r.err, "('Gemini-2.5-Pro') exactly; kept once"), 1u) << r.err;
    EXPECT_NE(r.err.find("2025-07-01.csv: data row 14 repeats row 1"), std::string::npos) << r.err;
    EXPECT_EQ(occurrences(r.err, "('ChatGPT-4o-latest (2025-03-26)') exactly; kept once"), 1u)
        << r.err;
    EXPECT_NE(r.err.find("2 warning(s) repeating one already shown for an earlier day or version "
                         "were not shown again (-v shows every one)"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 3);

    // -v shows each (a second replay reads every day again and stores nothing new).
    const auto all = lbtrack({"-v", "replay", "--source", "lmarena-text", dir.path()});
    ASSERT_EQ(all.exit_code, 0) << all.err;
    EXPECT_EQ(occurrences(all.err, "('Gemini-2.5-Pro') exactly; kept once"), 3u) << all.err;
    EXPECT_EQ(all.err.find("not shown again"), std::string::npos) << all.err;
}

/// A board of the real lmarena-text config's columns: `rows` models, scores from `top` down.
void write_board(const std::string& path, int rows, int top) {
    std::ofstream out(path);
    out << "rank,model,arena_score,95_pct_ci,votes,organization,license,knowledge_cutoff\n";
    for (int i = 0; i < rows; ++i) {
        out << i + 1 << ",model-" << i << "," << top - i << ",+5/-5,1000,Org,MIT,2024\n";
    }
}

TEST_F(Replay, ATruncatedBoardIsRefusedUntilTheNextFetchConfirmsItsSize) {
    temp_dir dir;
    write_board(dir.path() + "/2025-07-01.csv", 13, 1500);
    write_board(dir.path() + "/2025-07-02.csv", 4, 1500); // the top 4, unchanged: truncated
    write_board(dir.path() + "/2025-07-03.csv", 4, 1500); // again: the board's new size
    const auto r = lbtrack({"replay", "--source", "lmarena-text", dir.path()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("2025-07-02.csv: 4 rows where the snapshot of 2025-07-01 had "
                         "13 (below the min_row_ratio of 0.5) and the rows left are unchanged: "
                         "refusing a collapsed board"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("accepted, since the fetch before this one had 4 rows too"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT collapsed_rows FROM fetch_log WHERE status = 'failed'"), 4);
    EXPECT_EQ(count("SELECT row_count FROM snapshot WHERE observed_at = '2025-07-03 00:00+00'"), 4);
}

TEST_F(Replay, ABoardThatShrankWithNewScoresIsANewReleaseNotACollapse) {
    // LiveBench 2024-09-01: 71 -> 26 rows, every model re-scored on a new question set.
    temp_dir dir;
    write_board(dir.path() + "/2025-07-01.csv", 13, 1500);
    write_board(dir.path() + "/2025-07-02.csv", 4, 1400);
    const auto r = lbtrack({"replay", "--source", "lmarena-text", dir.path()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("accepted, since most remaining rows have new values"), std::string::npos)
        << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
}

// arena-hard-auto's README has no board until 2024-04-16: such pages are recorded as holding no
// board, apart from failures (exit 0), and a second replay records nothing again. A plain run of
// a live page without its board fails the source.
TEST_F(Replay, APageWithoutItsBoardIsRecordedAsNoBoardNotAsAFailure) {
    temp_dir dir;
    const auto config = dir.path() + "/sources.toml";
    std::ofstream(config) << "[[source]]\nid = \"page\"\nurl = \"https://example.org/README.md\"\n"
                             "format = \"markdown\"\ntable_header = \"Model\"\n"
                             "[source.columns]\nmodel = \"Model\"\nscore = \"Score\"\n";
    const auto days = dir.path() + "/days";
    std::filesystem::create_directories(days);
    std::ofstream(days + "/2024-03-31.md") << "# arena\n\nComing soon.\n";
    std::ofstream(days + "/2024-04-16.md")
        << "# arena\n\n| Model | Score |\n|---|---|\n| a | 2 |\n";
    const auto replay = [&] {
        return run_lbtrack({"--config", config, "replay", "--source", "page", days}, env_);
    };
    const auto r = replay();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("1 stored (1 rows), 0 unchanged, 0 already stored, 0 failed, 1 without "
                         "a board"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'no_board'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 1);
    const auto again = replay();
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log"), 2);

    const auto mirror = dir.path() + "/mirror";
    std::filesystem::create_directories(mirror);
    std::filesystem::copy_file(days + "/2024-03-31.md", mirror + "/README.md");
    const auto run = run_lbtrack(
        {"--config", config, "run", "--mirror", "https://example.org/=file://" + mirror + "/"},
        env_);
    EXPECT_EQ(run.exit_code, 1) << run.err;
    EXPECT_NE(run.err.find("the page has no table matching the choice"), std::string::npos)
        << run.err;
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed'"), 1);
}

TEST_F(Replay, FolderWithoutDatedFilesIsAUsageError) {
    temp_dir empty;
    const auto r = lbtrack({"replay", "--source", "lmarena-text", empty.path()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("no files named YYYY-MM-DD"), std::string::npos) << r.err;
}

TEST_F(Replay, UnknownSourceIsAUsageError) {
    const auto r = lbtrack({"replay", "--source", "nope", fixture("lmarena")});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("unknown source 'nope'"), std::string::npos) << r.err;
}

} // namespace
