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
    EXPECT_NE(r.out.find("{\"row\":1,\"name\":\"o3-2025-04-16\",\"model_key\":\"o3-0416\","
                         "\"provisional\":false,\"variant\":\"\","
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

// The real config's Open LLM Leaderboard source on a row set in its API's shape: nested fields
// as columns, and one model in two precisions kept as two variants instead of a duplicate.
TEST_F(ExtractCommand, OpenLlmLeaderboardMappingKeepsPrecisionVariants) {
    const auto r = lbtrack({"--source", "open-llm-leaderboard", "--json",
                            fixture("json/open_llm_leaderboard_formatted.json")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The org prefix and the vendor word are not identity; the precision column is spelled as
    // boards spell it in names.
    EXPECT_NE(r.out.find("\"name\":\"meta-llama/Meta-Llama-3.1-8B-Instruct\",\"model_key\":"
                         "\"llama3.1-8b-instruct\",\"provisional\":false,\"variant\":\"bf16\""),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\"variant\":\"fp16\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"score\":47.98"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"ifeval\":0.8638"), std::string::npos) << r.out;
}

// Each quirk of the republished arena tables, asserted on the extracted values: linked names,
// two rank columns, "+5/-4" CI, "12,327" votes, 暂无数据 and "2023/10" cutoffs, an escaped pipe.
TEST_F(ExtractCommand, ArenaMarkdownQuirksBecomeValues) {
    temp_dir dir;
    const auto config = dir.path() + "/sources.toml";
    std::ofstream(config) << "[[source]]\nid = \"arena-md\"\nurl = \"file:///x\"\n"
                             "format = \"markdown\"\ntable_header = \"模型名\"\n"
                             "link_text_columns = [\"模型名\"]\n[source.columns]\n"
                             "model = \"模型名\"\nrank = \"排名(UB)\"\nscore = \"分数\"\n"
                             "ci = \"置信区间\"\nvotes = \"票数\"\norganization = \"服务商\"\n"
                             "knowledge_cutoff = \"知识截止日期\"\n[source.metrics]\n"
                             "rank_stylectrl = \"排名(StyleCtrl)\"\n";
    const auto r = run_lbtrack({"--config", config, "extract", "--source", "arena-md", "--json",
                                fixture("markdown/arena_linked.md")},
                               cli_env{});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("{\"row\":1,\"name\":\"Gemini-2.5-Pro\",\"model_key\":\"gemini2.5-pro\","),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\"variant\":\"\",\"organization\":\"Google\",\"rank\":1,\"score\":1477,"
                         "\"ci_plus\":5,\"ci_minus\":5,\"votes\":12327,\"license\":\"\","
                         "\"knowledge_cutoff\":\"\",\"metrics\":{\"rank_stylectrl\":1}}"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\"ci_plus\":5,\"ci_minus\":4,\"votes\":18205"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\"knowledge_cutoff\":\"2023/10\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"name\":\"GPT|Pipe Edition\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"organization\":\"A & B\""), std::string::npos) << r.out;
}

} // namespace
