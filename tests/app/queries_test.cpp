// The query commands on the replayed LMArena fixtures (tests/data/lmarena, 2025-07-01 and
// 2025-07-02; the third day repeats the second): `board --as-of` and `movers --since`, in their
// formats. The expected ranks are the CSVs' own (checked by hand, as in diff_command_test).

#include "cli_test_support.hpp"

namespace {

using namespace lbtrack::test;

class Queries : public cli_test {
protected:
    void SetUp() override {
        cli_test::SetUp();
        ASSERT_EQ(lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")}).exit_code, 0);
    }
};

TEST_F(Queries, BoardAsOfADateIsTheSnapshotInForceThen) {
    const auto r = lbtrack({"board", "--source", "lmarena-text", "--as-of", "2025-07-01", "--top",
                            "3", "--format", "csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "rank,model,variant,score,ci,votes,organization,key\n"
                     "1,Gemini-2.5-Pro,,1472,+5/-5,22146,Google,gemini2.5-pro\n"
                     "2,Gemini-2.5-Pro-Preview-05-06,,1446,+6/-6,13688,Google,"
                     "gemini2.5-pro-preview-0506\n"
                     "3,ChatGPT-4o-latest (2025-03-26),,1430,+4/-4,28115,OpenAI,"
                     "chatgpt4o-latest-0326\n");
    // The latest snapshot, with its change against the one before (07-01): o3 rose from 4
    // with +52, the rest as the README of the fixtures says.
    const auto latest =
        lbtrack({"board", "--source", "lmarena-text", "--top", "1", "--format", "json"});
    EXPECT_EQ(latest.out,
              "[\n{\"rank\":1,\"rank_change\":3,\"model\":\"o3-2025-04-16\",\"variant\":\"\","
              "\"score\":1480,\"score_change\":52,\"ci\":\"+5/-5\",\"votes\":29518,"
              "\"organization\":\"OpenAI\",\"key\":\"o3-0416\"}\n]\n");
    const auto md = lbtrack({"board", "--source", "lmarena-text", "--top", "3", "--format", "md"});
    EXPECT_NE(md.out.find("## LMArena text leaderboard — as of 2025-07-02"), std::string::npos)
        << md.out;
    EXPECT_NE(md.out.find("(13 rows, top 3); Δ against 2025-07-01"), std::string::npos) << md.out;
    EXPECT_NE(md.out.find("| 1 | ▲3 | o3-2025-04-16 |  | 1480 | +52 | +5/-5 | 29518 | OpenAI | "
                          "o3-0416 |"),
              std::string::npos)
        << md.out;
    EXPECT_NE(md.out.find("| 2 | ▼1 | Gemini-2.5-Pro |  | 1472 | = |"), std::string::npos)
        << md.out;
    EXPECT_NE(md.out.find("| 3 | new | Grok-4-0709 |  | 1438 |  |"), std::string::npos) << md.out;
    const auto before = lbtrack({"board", "--source", "lmarena-text", "--as-of", "2025-06-01"});
    EXPECT_EQ(before.exit_code, 1);
    EXPECT_NE(before.err.find("no snapshot at or before 2025-06-01"), std::string::npos)
        << before.err;
}

TEST_F(Queries, BoardComparesWithSinceAndShowsLicenseAndMetricsOnRequest) {
    // --since the latest snapshot itself: nothing changed against it.
    const auto same = lbtrack({"board", "--source", "lmarena-text", "--since", "2025-07-02",
                               "--top", "2", "--format", "csv"});
    ASSERT_EQ(same.exit_code, 0) << same.err;
    EXPECT_EQ(same.out, "rank,rank_change,model,variant,score,score_change,ci,votes,organization,"
                        "key\n"
                        "1,0,o3-2025-04-16,,1480,0,+5/-5,29518,OpenAI,o3-0416\n"
                        "2,0,Gemini-2.5-Pro,,1472,0,+5/-5,23003,Google,gemini2.5-pro\n");
    // The license column and the board's metrics (lmarena-text maps rank_stylectrl).
    const auto wide = lbtrack({"board", "--source", "lmarena-text", "--as-of", "2025-07-01",
                               "--top", "1", "--license", "--metrics", "--format", "csv"});
    ASSERT_EQ(wide.exit_code, 0) << wide.err;
    EXPECT_EQ(wide.out, "rank,model,variant,score,ci,votes,license,rank_stylectrl,organization,"
                        "key\n"
                        "1,Gemini-2.5-Pro,,1472,+5/-5,22146,Proprietary,1,Google,gemini2.5-pro\n");
    EXPECT_EQ(lbtrack({"board", "--source", "lmarena-text", "--since", "tomorrow"}).exit_code, 2);
}

TEST_F(Queries, MoversSinceADateAreTheLargestRankMovesFirst) {
    const auto r =
        lbtrack({"movers", "--since", "2025-07-01", "--source", "lmarena-text", "--format", "csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "model,variant,source,from,to,change,since,until\n"
                     "o3-2025-04-16,,lmarena-text,4,1,3,2025-07-01,2025-07-02\n"
                     "Gemini-2.5-Pro,,lmarena-text,1,2,-1,2025-07-01,2025-07-02\n"
                     "ChatGPT-4o-latest (2025-03-26),,lmarena-text,3,4,-1,2025-07-01,2025-07-02\n"
                     "o3-mini,,lmarena-text,10,9,1,2025-07-01,2025-07-02\n"
                     "o3-mini-high,,lmarena-text,9,10,-1,2025-07-01,2025-07-02\n");
    const auto top = lbtrack({"movers", "--since", "2025-07-01", "--max-rows", "1"});
    // Every other board of the real config has no snapshot here.
    const auto config = read_file(real_config());
    std::size_t boards = 0;
    for (auto at = config.find("\n[[source]]\n"); at != std::string::npos;
         at = config.find("\n[[source]]\n", at + 1)) {
        ++boards;
    }
    EXPECT_NE(top.out.find("Largest rank moves since 2025-07-01 23:59 UTC (1 of 5; no earlier "
                           "snapshot to compare on " +
                           std::to_string(boards - 1) + " board(s))"),
              std::string::npos)
        << top.out;
    // A span back from "now" reaching before the first snapshot compares from the first one.
    const auto span =
        lbtrack({"movers", "--since", "3650d", "--source", "lmarena-text", "--format", "csv"});
    EXPECT_EQ(span.out, r.out);
    // --max-rows 0: every move. --top means the board's top N everywhere; movers has none.
    EXPECT_NE(lbtrack({"movers", "--since", "2025-07-01", "--max-rows", "0"}).out.find("(5 of 5;"),
              std::string::npos);
    EXPECT_EQ(lbtrack({"movers", "--since", "2025-07-01", "--top", "1"}).exit_code, 2);

    // The same moves when a snapshot was stored under other identity rules: then both boards
    // are read and keyed again instead of joined by their stored models in the server.
    {
        pqxx::connection conn(db_url_);
        pqxx::work tx(conn);
        EXPECT_EQ(tx.exec("UPDATE snapshot SET identity_version = 'older rules' WHERE "
                          "observed_at = '2025-07-01 00:00+00'")
                      .affected_rows(),
                  1u);
        tx.commit();
    }
    const auto rekeyed =
        lbtrack({"movers", "--since", "2025-07-01", "--source", "lmarena-text", "--format", "csv"});
    EXPECT_EQ(rekeyed.out, r.out);
    const auto rekeyed_top = lbtrack({"movers", "--since", "2025-07-01", "--max-rows", "1"});
    EXPECT_EQ(rekeyed_top.out, top.out);
    EXPECT_NE(lbtrack({"movers", "--since", "2025-07-01", "--max-rows", "0"}).out.find("(5 of 5;"),
              std::string::npos);
}

TEST_F(Queries, HistoryAsMarkdownAndAsAnSvgChart) {
    const auto md = lbtrack({"history", "o3-2025-04-16", "--format", "md"});
    ASSERT_EQ(md.exit_code, 0) << md.err;
    EXPECT_NE(md.out.find("## o3-2025-04-16 (`o3-0416`)"), std::string::npos) << md.out;
    EXPECT_NE(md.out.find("| `lmarena-text` | 2025-07-01T00:00:00Z | 4 | 1428 |"),
              std::string::npos)
        << md.out;
    EXPECT_NE(md.out.find("| `lmarena-text` | 2025-07-02T00:00:00Z | 1 | 1480 |"),
              std::string::npos)
        << md.out;
    const auto svg = lbtrack({"history", "o3-2025-04-16", "--format", "svg"});
    ASSERT_EQ(svg.exit_code, 0) << svg.err;
    EXPECT_EQ(svg.out.rfind("<svg", 0), 0u) << svg.out.substr(0, 200);
    EXPECT_NE(svg.out.find("o3-2025-04-16: rank on every board"), std::string::npos);
    EXPECT_NE(svg.out.find("lmarena-text"), std::string::npos); // the legend names the board
    EXPECT_NE(svg.out.find("</svg>"), std::string::npos);
    const auto bad = lbtrack({"history", "o3-2025-04-16", "--format", "svg", "--chart", "votes"});
    EXPECT_EQ(bad.exit_code, 2);
}

} // namespace
