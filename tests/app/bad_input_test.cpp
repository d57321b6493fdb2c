#include "cli_test_support.hpp"

#include <filesystem>
#include <fstream>

namespace {

using namespace lbtrack::test;

const char* const header = lmarena_csv_header;

struct bad_case {
    const char* name;
    std::string csv;
    const char* expected; ///< part of the error: row and column where it applies
};

class BadInput : public cli_test, public ::testing::WithParamInterface<bad_case> {};

// A malformed day fails that source with the file, row and column named, exit 1, and nothing
// of it is stored; the snapshots replayed before it are untouched.
TEST_P(BadInput, FailsTheSourceAndKeepsEarlierSnapshots) {
    ASSERT_EQ(lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")}).exit_code, 0);
    temp_dir dir;
    const auto file = dir.path() + "/2025-07-04.csv";
    std::ofstream(file) << GetParam().csv;

    const auto r = lbtrack({"replay", "--source", "lmarena-text", dir.path()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("source 'lmarena-text'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(GetParam().expected), std::string::npos) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 26);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed'"), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, BadInput,
    ::testing::Values(
        bad_case{"unterminated_quote",
                 std::string(header) + "1,1,\"Gemini-2.5-Pro,1472,+5/-5,22146,Google,P,,u\n",
                 "row 2, column 3"},
        bad_case{"wrong_column_count",
                 std::string(header) + "1,1,Gemini-2.5-Pro,1472,+5/-5,22146,Google,P,,u\n"
                                       "2,2,o3,1400,+5/-5,100,OpenAI,P,u\n",
                 "row 3, column 10"},
        bad_case{"missing_column",
                 "rank,rank_stylectrl,model,score,95_pct_ci,votes,organization,license,"
                 "knowledge_cutoff,url\n1,1,Gemini-2.5-Pro,1472,+5/-5,22146,Google,P,,u\n",
                 "schema drift: missing column(s) arena_score; new column(s) score"},
        bad_case{"non_numeric_score",
                 std::string(header) + "1,1,Gemini-2.5-Pro,1472,+5/-5,22146,Google,P,,u\n"
                                       "2,2,o3,high,+5/-5,100,OpenAI,P,,u\n",
                 "row 3, column 4"}),
    [](const auto& info) { return std::string(info.param.name); });

// Two rows of one model with different values (BFCL 2025-02-11 lists CALM-8B twice): by default
// the day is stored with the first row and a warning naming both; `duplicates = "refuse"`
// refuses the file, naming both rows, and stores nothing of it.
TEST_F(cli_test, ConflictingDuplicateKeepsTheFirstRowUnlessTheSourceRefuses) {
    temp_dir dir;
    const std::string rows = std::string(header) +
                             "1,1,Yi-34B-Chat,1134,+6/-6,15917,01 AI,Yi License,,u\n"
                             "2,2,Yi-34B-Chat,1133,+6/-6,15917,01 AI,Yi License,,u\n";
    std::ofstream(dir.path() + "/2025-07-04.csv") << rows;
    const auto kept = lbtrack({"replay", "--source", "lmarena-text", dir.path()});
    ASSERT_EQ(kept.exit_code, 0) << kept.err;
    EXPECT_NE(kept.err.find("data rows 1 ('Yi-34B-Chat') and 2 ('Yi-34B-Chat') are the same model "
                            "'yi-34b-chat' with different values; kept row 1 (the first"),
              std::string::npos)
        << kept.err;
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM entry WHERE score = 1134"), 1);

    temp_dir strict;
    const auto config = strict.path() + "/sources.toml";
    std::ofstream(config) << "[[source]]\nid = \"strict\"\nurl = \"file:///x.csv\"\n"
                             "format = \"csv\"\nduplicates = \"refuse\"\n[source.columns]\n"
                             "model = \"model\"\nrank = \"rank\"\nscore = \"arena_score\"\n";
    std::ofstream(strict.path() + "/2025-07-04.csv") << rows;
    const auto refused =
        run_lbtrack({"--config", config, "replay", "--source", "strict", strict.path()}, env_);
    EXPECT_EQ(refused.exit_code, 1) << refused.err;
    EXPECT_NE(refused.err.find("2025-07-04.csv: data rows 1 ('Yi-34B-Chat') and 2 ('Yi-34B-Chat') "
                               "are the same model"),
              std::string::npos)
        << refused.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE source_id = 'strict'"), 0);
}

// The real export of 2025-07 lists "Yi-34B-Chat" twice with identical cells: stored once, with a
// warning, instead of failing the whole board every day.
TEST_F(cli_test, ExactlyRepeatedRowIsStoredOnceWithAWarning) {
    temp_dir dir;
    std::ofstream(dir.path() + "/2025-07-04.csv")
        << header << "1,1,Yi-Large,1235,+6/-6,16624,01 AI,Proprietary,Unknown,u\n"
        << "2,2,Yi-34B-Chat,1134,+6/-6,15917,01 AI,Yi License,2023/6,u\n"
        << "2,2,Yi-34B-Chat,1134,+6/-6,15917,01 AI,Yi License,2023/6,u\n";
    const auto r = lbtrack({"replay", "--source", "lmarena-text", dir.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("data row 3 repeats row 2 ('Yi-34B-Chat') exactly; kept once"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 2);
    EXPECT_EQ(count("SELECT row_count FROM snapshot"), 2);
}

TEST_F(cli_test, BadConfigExitsTwoNamingFileLineAndKey) {
    temp_dir dir;
    const auto config = dir.path() + "/sources.toml";
    std::ofstream(config) << "[[source]]\nid = \"x\"\nurl = \"file:///x\"\nformat = \"xlsx\"\n";
    const auto r = run_lbtrack({"--config", config, "run"}, env_);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(config + ":4: key 'source[0].format'"), std::string::npos) << r.err;
}

TEST_F(cli_test, UnreachableDatabaseExitsThree) {
    temp_dir dir;
    cli_env env;
    // A socket directory with no server in it: libpq fails at once.
    env.database_url = "host=" + dir.path() + " port=5 dbname=nope connect_timeout=2";
    const auto r = run_lbtrack({"--config", real_config(), "run"}, env);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("cannot connect to PostgreSQL"), std::string::npos) << r.err;
}

TEST_F(cli_test, UnknownCommandLineOptionExitsTwo) {
    const auto r = lbtrack({"run", "--no-such-flag"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
}

} // namespace
