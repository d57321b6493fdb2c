#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/csv_reader.hpp"
#include "lbtrack/ingest/extract.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using lbtrack::entry;
using lbtrack::parse_error;
using lbtrack::schema_drift_error;
using lbtrack::source;
using lbtrack::ingest::extract_entries;
using lbtrack::ingest::read_csv;

const std::string origin = "lmarena_text.csv";

// The shape of fboulnois/llm-leaderboard-csv lmarena_text.csv (columns as of 2025-07).
const std::string lmarena_header = "rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,"
                                   "organization,license,knowledge_cutoff,url\n";

const std::string lmarena_csv =
    lmarena_header +
    "1,1,Gemini-2.5-Pro,1472,+5/-5,22146,Google,Proprietary,,"
    "http://aistudio.google.com/app/prompts/new_chat?model=gemini-2.5-pro\n"
    "2,3,Qwen/Qwen3-235B-A22B,1374.5,+5.2/-4.1,\"12,327\",Alibaba,Apache 2.0,2024/12,"
    "https://huggingface.co/Qwen/Qwen3-235B-A22B\n"
    "3,-,\"Vendor, \"\"Preview\"\" Model\",1350,\u00b13,N/A,Vendor,N/A,-,https://example.org\n"
    "41,35,ChatGPT-4o-latest (2024-09-03),1354,+4/-4,48669,OpenAI,Proprietary,2023/10,"
    "https://x.com/OpenAI/status/1834302946486304951\n";

source lmarena_source() {
    source src;
    src.id = "lmarena-text";
    src.format = "csv";
    src.columns.model = "model";
    src.columns.rank = "rank";
    src.columns.score = "arena_score";
    src.columns.ci = "95_pct_ci";
    src.columns.votes = "votes";
    src.columns.organization = "organization";
    src.columns.license = "license";
    src.columns.knowledge_cutoff = "knowledge_cutoff";
    src.columns.metrics = {{"rank_stylectrl", "rank_stylectrl"}};
    return src;
}

std::vector<entry> extract(const std::string& csv, const source& src = lmarena_source()) {
    return extract_entries(read_csv(csv, src.id, origin), src, origin);
}

/// Extracts `csv`, expecting a parse_error at `row`/`column` whose message names the source,
/// the origin, the position and contains `fragment`.
void expect_parse_error(const std::string& csv, std::size_t row, std::size_t column,
                        const std::string& fragment, const source& src = lmarena_source()) {
    try {
        extract(csv, src);
        ADD_FAILURE() << "no parse_error for:\n" << csv;
    } catch (const parse_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.source_id(), src.id);
        EXPECT_EQ(e.origin(), origin);
        EXPECT_EQ(e.row(), row) << what;
        EXPECT_EQ(e.column(), column) << what;
        EXPECT_NE(what.find("source '" + src.id + "'"), std::string::npos) << what;
        EXPECT_NE(what.find(origin), std::string::npos) << what;
        EXPECT_NE(what.find("row " + std::to_string(row)), std::string::npos) << what;
        EXPECT_NE(what.find("column " + std::to_string(column)), std::string::npos) << what;
        EXPECT_NE(what.find(fragment), std::string::npos) << what;
    }
}

TEST(Extract, MapsEveryLmarenaColumn) {
    const auto entries = extract(lmarena_csv);
    ASSERT_EQ(entries.size(), 4u);

    const auto& gemini = entries[0];
    EXPECT_EQ(gemini.row, 1u);
    EXPECT_EQ(gemini.raw_name, "Gemini-2.5-Pro");
    EXPECT_EQ(gemini.model_key, "gemini-2.5-pro");
    EXPECT_EQ(gemini.variant, "");
    EXPECT_EQ(gemini.rank, 1);
    EXPECT_EQ(gemini.score, 1472.0);
    EXPECT_EQ(gemini.ci_plus, 5.0);
    EXPECT_EQ(gemini.ci_minus, 5.0);
    EXPECT_EQ(gemini.votes, 22146);
    EXPECT_EQ(gemini.organization, "Google");
    EXPECT_EQ(gemini.license, "Proprietary");
    EXPECT_EQ(gemini.knowledge_cutoff, "");
    EXPECT_EQ(gemini.metrics, (std::vector<lbtrack::metric>{{"rank_stylectrl", 1, ""}}));

    const auto& qwen = entries[1];
    EXPECT_EQ(qwen.row, 2u);
    EXPECT_EQ(qwen.raw_name, "Qwen/Qwen3-235B-A22B");
    EXPECT_EQ(qwen.model_key, "qwen/qwen3-235b-a22b"); // the spelling key, before resolution
    EXPECT_EQ(qwen.score, 1374.5);
    EXPECT_EQ(qwen.ci_plus, 5.2);
    EXPECT_EQ(qwen.ci_minus, 4.1);
    EXPECT_EQ(qwen.votes, 12327);
    EXPECT_EQ(qwen.license, "Apache 2.0");
    EXPECT_EQ(qwen.knowledge_cutoff, "2024/12");

    const auto& chatgpt = entries[3];
    EXPECT_EQ(chatgpt.row, 4u);
    EXPECT_EQ(chatgpt.raw_name, "ChatGPT-4o-latest (2024-09-03)");
    EXPECT_EQ(chatgpt.model_key, "chatgpt-4o-latest-(2024-09-03)");
    EXPECT_EQ(chatgpt.rank, 41);
    EXPECT_EQ(chatgpt.knowledge_cutoff, "2023/10");
    EXPECT_EQ(chatgpt.metrics, (std::vector<lbtrack::metric>{{"rank_stylectrl", 35, ""}}));
}

TEST(Extract, MissingValueWordsBecomeNoValue) {
    const auto entries = extract(lmarena_csv);
    const auto& vendor = entries[2];
    EXPECT_EQ(vendor.raw_name, "Vendor, \"Preview\" Model");
    EXPECT_EQ(vendor.ci_plus, 3.0); // "±3"
    EXPECT_EQ(vendor.ci_minus, 3.0);
    EXPECT_FALSE(vendor.votes.has_value()); // "N/A"
    EXPECT_EQ(vendor.license, "");          // "N/A"
    EXPECT_EQ(vendor.knowledge_cutoff, ""); // "-"
    EXPECT_TRUE(vendor.metrics.empty());    // rank_stylectrl "-"
}

TEST(Extract, EveryNumericFieldAcceptsEveryMissingWord) {
    for (const std::string word :
         {"", "N/A", "n/a", "NA", "-", "\u2014", "\u6682\u65e0\u6570\u636e", "null", "None"}) {
        const auto csv = lmarena_header + word + "," + word + ",m," + word + "," + word + "," +
                         word + "," + word + "," + word + "," + word + ",u\n";
        const auto entries = extract(csv);
        ASSERT_EQ(entries.size(), 1u) << word;
        const auto& e = entries[0];
        EXPECT_FALSE(e.rank || e.score || e.ci_plus || e.ci_minus || e.votes) << word;
        EXPECT_TRUE(e.metrics.empty()) << word;
        EXPECT_EQ(e.organization + e.license + e.knowledge_cutoff, "") << word;
    }
}

TEST(Extract, DecimalRankAndPaddedCellsAreAccepted) {
    const auto entries = extract(lmarena_header + " 1.0 , 2 , Model A ,1400.25, +5/-5 ,\" 1,000 \","
                                                  " Org ,MIT, 2024 ,u\n");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].rank, 1);
    EXPECT_EQ(entries[0].raw_name, "Model A");
    EXPECT_EQ(entries[0].model_key, "model-a");
    EXPECT_EQ(entries[0].score, 1400.25);
    EXPECT_EQ(entries[0].votes, 1000);
    EXPECT_EQ(entries[0].organization, "Org");
    EXPECT_EQ(entries[0].knowledge_cutoff, "2024");
}

TEST(Extract, RenamedColumnIsSchemaDrift) {
    std::string csv = lmarena_csv;
    csv.replace(csv.find("arena_score"), std::string("arena_score").size(), "score");
    try {
        extract(csv);
        FAIL() << "no schema_drift_error";
    } catch (const schema_drift_error& e) {
        EXPECT_EQ(e.source_id(), "lmarena-text");
        EXPECT_EQ(e.missing(), std::vector<std::string>{"arena_score"});
        EXPECT_EQ(e.unexpected(), (std::vector<std::string>{"score", "url"}));
        const std::string what = e.what();
        EXPECT_NE(what.find(origin), std::string::npos) << what;
        EXPECT_NE(what.find("missing column(s) arena_score"), std::string::npos) << what;
        EXPECT_NE(what.find("new column(s) score, url"), std::string::npos) << what;
    }
}

TEST(Extract, EveryMissingColumnIsNamedIncludingMetrics) {
    const std::string csv = "position,model,elo,votes\n1,m,1000,5\n";
    try {
        extract(csv);
        FAIL() << "no schema_drift_error";
    } catch (const schema_drift_error& e) {
        EXPECT_EQ(e.missing(),
                  (std::vector<std::string>{"rank", "arena_score", "95_pct_ci", "organization",
                                            "license", "knowledge_cutoff", "rank_stylectrl"}));
        EXPECT_EQ(e.unexpected(), (std::vector<std::string>{"position", "elo"}));
    }
}

TEST(Extract, HeaderNamesMatchAfterTrimming) {
    const std::string csv = " rank , rank_stylectrl ,model ,arena_score,95_pct_ci,votes,"
                            "organization,license,knowledge_cutoff, url \n"
                            "1,1,m,1000,+1/-1,5,o,l,,u\n";
    const auto entries = extract(csv);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].score, 1000.0);
}

TEST(Extract, NonNumericScoreNamesLineAndColumn) {
    expect_parse_error(lmarena_header + "1,1,a,1472,+5/-5,1,o,l,,u\n2,2,b,abc,+5/-5,1,o,l,,u\n", 3,
                       4, "column 'arena_score': 'abc' is not a number");
}

TEST(Extract, ErrorLineFollowsMultilineCells) {
    // The first record spans lines 2-3, so the bad second record is on line 4.
    expect_parse_error(lmarena_header +
                           "1,1,\"a\nb\",1472,+5/-5,1,o,l,,u\n2,2,c,1400,+5/-5,many,o,l,,u\n",
                       4, 6, "column 'votes': 'many' is not a whole number");
}

TEST(Extract, FractionalRankIsAnError) {
    expect_parse_error(lmarena_header + "1.5,1,a,1472,+5/-5,1,o,l,,u\n", 2, 1,
                       "column 'rank': '1.5' is not a whole number");
}

TEST(Extract, MalformedConfidenceIntervalIsAnError) {
    expect_parse_error(lmarena_header + "1,1,a,1472,5/5,1,o,l,,u\n", 2, 5,
                       "column '95_pct_ci': '5/5' is not a confidence interval");
}

TEST(Extract, NonNumericMetricIsAnError) {
    expect_parse_error(lmarena_header + "1,first,a,1472,+5/-5,1,o,l,,u\n", 2, 2,
                       "column 'rank_stylectrl': 'first' is not a number");
}

TEST(Extract, EmptyModelNameIsAnError) {
    expect_parse_error(lmarena_header + "1,1,  ,1472,+5/-5,1,o,l,,u\n", 2, 3,
                       "column 'model': empty model name");
}

TEST(Extract, ModelNameWithoutKeyIsAnError) {
    expect_parse_error(lmarena_header + "1,1,__,1472,+5/-5,1,o,l,,u\n", 2, 3, "empty key");
}

TEST(Extract, RanksDerivedFromScoreByCompetitionRanking) {
    source src;
    src.id = "derived";
    src.columns.model = "name";
    src.columns.score = "score";
    const auto entries = extract("name,score\n"
                                 "c,1400\n"
                                 "a,1500\n"
                                 "unscored,N/A\n"
                                 "b,1400\n"
                                 "d,1300\n",
                                 src);
    ASSERT_EQ(entries.size(), 5u);
    EXPECT_EQ(entries[0].rank, 2); // c
    EXPECT_EQ(entries[1].rank, 1); // a
    EXPECT_FALSE(entries[2].rank.has_value());
    EXPECT_EQ(entries[3].rank, 2); // b, tied with c
    EXPECT_EQ(entries[4].rank, 4); // d: two rows share rank 2, so 3 is skipped
    EXPECT_EQ(entries[2].row, 3u);
}

TEST(Extract, UnmappedOptionalColumnsStayEmpty) {
    source src;
    src.id = "minimal";
    src.columns.model = "model";
    const auto entries = extract("model,extra\nm,1\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_FALSE(entries[0].rank || entries[0].score || entries[0].votes || entries[0].ci_plus);
    EXPECT_TRUE(entries[0].metrics.empty());
}

TEST(Extract, MappingWithoutModelColumnIsRefused) {
    source src;
    src.id = "no-model";
    EXPECT_THROW(extract("model\nm\n", src), lbtrack::validation_error);
}

TEST(Extract, LmarenaFixtureFile) {
    const auto path = std::filesystem::path(LBTRACK_TEST_DATA_DIR) / "lmarena" / "2025-07-02.csv";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const auto src = lmarena_source();
    const auto entries =
        extract_entries(read_csv(bytes.str(), src.id, path.string()), src, path.string());
    ASSERT_EQ(entries.size(), 13u);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        EXPECT_EQ(entries[i].row, i + 1);
        EXPECT_FALSE(entries[i].model_key.empty());
        EXPECT_TRUE(entries[i].rank.has_value());
        EXPECT_TRUE(entries[i].score.has_value());
        EXPECT_EQ(entries[i].metrics.size(), 1u);
    }
}

} // namespace
