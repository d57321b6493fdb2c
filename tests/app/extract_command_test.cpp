#include "cli_test_support.hpp"

#include <fstream>

namespace {

using namespace lbtrack::test;

class ExtractCommand : public ::testing::Test {
protected:
    cli_result lbtrack(std::vector<std::string> args) {
        args.insert(args.begin(), {"--config", real_config(), "extract"});
        cli_env env;
        // A dry run needs no database: point at one that does not exist to prove it.
        env.database_url = "host=/nonexistent port=1 dbname=none connect_timeout=1";
        return run_lbtrack(args, env);
    }
};

TEST_F(ExtractCommand, PrintsTheRowsASourceWouldStoreWithoutADatabase) {
    const auto r = lbtrack({"--source", "lmarena-text", fixture("lmarena/2025-07-01.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Gemini-2.5-Pro"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("+5/-5"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("13 rows"), std::string::npos) << r.out;
}

TEST_F(ExtractCommand, JsonOutputCarriesKeysAndMetrics) {
    const auto r =
        lbtrack({"--source", "lmarena-text", "--json", fixture("lmarena/2025-07-02.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("{\"row\":1,\"name\":\"o3-2025-04-16\",\"model_key\":\"o3-2025-04-16\","
                         "\"organization\":\"OpenAI\",\"rank\":1,\"score\":1480,\"ci_plus\":5,"
                         "\"ci_minus\":5,\"votes\":29518,\"license\":\"Proprietary\","
                         "\"knowledge_cutoff\":\"\",\"metrics\":{\"rank_stylectrl\":1}}"),
              std::string::npos)
        << r.out;
}

TEST_F(ExtractCommand, PrintsAnyTableOfAPageWithoutASource) {
    const auto r = lbtrack({"--format", "md", "--table", "0", fixture("markdown/arena_linked.md")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(" rows, "), std::string::npos) << r.out;
}

TEST_F(ExtractCommand, SchemaDriftIsReportedWithMissingAndNewColumns) {
    temp_dir dir;
    const auto file = dir.path() + "/renamed.csv";
    std::ofstream(file)
        << "rank,rank_stylectrl,model,elo,95_pct_ci,votes,organization,license,"
           "knowledge_cutoff,url\n1,1,Gemini-2.5-Pro,1472,+5/-5,22146,Google,P,,u\n";
    const auto r = lbtrack({"--source", "lmarena-text", file});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("schema drift: missing column(s) arena_score; new column(s) elo"),
              std::string::npos)
        << r.err;
}

// A user accepts an upstream rename by listing the new name as an alias of the old one.
TEST_F(ExtractCommand, ColumnAliasAcceptsARename) {
    temp_dir dir;
    const auto config = dir.path() + "/sources.toml";
    std::ofstream(config) << "[[source]]\nid = \"arena\"\nurl = \"file:///x\"\nformat = \"csv\"\n"
                             "[source.columns]\nmodel = \"model\"\nscore = \"arena_score\"\n"
                             "[source.column_aliases]\narena_score = [\"elo\"]\n";
    const auto file = dir.path() + "/renamed.csv";
    std::ofstream(file) << "model,elo\nGemini-2.5-Pro,1472\no3,1450\n";
    cli_env env;
    const auto r = run_lbtrack({"--config", config, "extract", "--source", "arena", file}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1472"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 rows"), std::string::npos) << r.out;
}

} // namespace
