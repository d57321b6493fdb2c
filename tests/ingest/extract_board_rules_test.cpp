// Extraction rules that real boards needed beyond a plain column mapping (source.hpp):
// optional columns, "#N" positions, computed scores, lower-is-better, bracketed and bound CIs,
// medals and reference rows, and leaving malformed rows out.

#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/csv_reader.hpp"
#include "lbtrack/ingest/extract.hpp"
#include "lbtrack/ingest/payload_parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using lbtrack::entry;
using lbtrack::malformed_row_policy;
using lbtrack::parse_error;
using lbtrack::schema_drift_error;
using lbtrack::source;
using lbtrack::ingest::extract_entries;
using lbtrack::ingest::read_csv;

const std::string origin = "board.csv";

source board(const std::string& model = "model") {
    source src;
    src.id = "board";
    src.format = "csv";
    src.columns.model = model;
    return src;
}

std::vector<entry> extract(const std::string& csv, const source& src,
                           std::vector<std::string>* warnings = nullptr) {
    return extract_entries(
        read_csv(csv, src.id, origin, src.malformed_rows == malformed_row_policy::skip), src,
        origin, warnings);
}

/// The parse_error extracting `csv` raises; fails the test when there is none.
parse_error error_of(const std::string& csv, const source& src) {
    try {
        extract(csv, src);
    } catch (const parse_error& e) {
        return e;
    }
    ADD_FAILURE() << "no parse_error for:\n" << csv;
    return parse_error(src.id, origin, 0, 0, "none");
}

/// `e` names the source, the file, `row` and `column`, and says `fragment`.
void expect_names(const parse_error& e, std::size_t row, std::size_t column,
                  const std::string& fragment) {
    const std::string what = e.what();
    EXPECT_EQ(e.source_id(), "board") << what;
    EXPECT_EQ(e.origin(), origin) << what;
    EXPECT_EQ(e.row(), row) << what;
    EXPECT_EQ(e.column(), column) << what;
    EXPECT_NE(what.find("source 'board'"), std::string::npos) << what;
    EXPECT_NE(what.find(origin), std::string::npos) << what;
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
}

std::vector<std::optional<int>> ranks(const std::vector<entry>& entries) {
    std::vector<std::optional<int>> r;
    for (const auto& e : entries) {
        r.push_back(e.rank);
    }
    return r;
}

// --- optional_columns -----------------------------------------------------------------------

// LMArena before 2024-10-16 has no rank_stylectrl; alpacaeval-2 before 2024-03-20 no
// length_controlled_winrate.
TEST(ExtractBoardRules, OptionalColumnAbsentLeavesTheFieldEmpty) {
    auto src = board();
    src.columns.rank = "rank";
    src.columns.score = "arena_score";
    src.columns.metrics = {{"rank_stylectrl", "rank_stylectrl"}};
    src.optional_columns = {"rank_stylectrl"};
    const auto before = extract("rank,model,arena_score\n1,a,1300\n2,b,1250\n", src);
    ASSERT_EQ(before.size(), 2u);
    EXPECT_TRUE(before[0].metrics.empty());
    EXPECT_EQ(before[1].rank, 2);
    const auto after = extract("rank,rank_stylectrl,model,arena_score\n1,2,a,1300\n", src);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].metrics, (std::vector<lbtrack::metric>{{"rank_stylectrl", 2, ""}}));
}

TEST(ExtractBoardRules, OptionalScoreAbsentLeavesNoScore) {
    auto src = board("name");
    src.columns.score = "length_controlled_winrate";
    src.optional_columns = {"length_controlled_winrate"};
    const auto entries = extract("name,win_rate\nx,50\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_FALSE(entries[0].score.has_value());
    EXPECT_FALSE(entries[0].rank.has_value());
}

TEST(ExtractBoardRules, RequiredColumnsStayRequiredBesideOptionalOnes) {
    auto src = board();
    src.columns.score = "score";
    src.columns.votes = "votes";
    src.optional_columns = {"votes"};
    try {
        extract("model,points\na,1\n", src);
        FAIL() << "no schema drift";
    } catch (const schema_drift_error& e) {
        EXPECT_EQ(e.missing(), std::vector<std::string>{"score"});
        EXPECT_EQ(e.unexpected(), std::vector<std::string>{"points"});
    }
}

TEST(ExtractBoardRules, AliasesApplyToOptionalColumns) {
    auto src = board();
    src.columns.score = "score";
    src.columns.votes = "votes";
    src.optional_columns = {"votes"};
    src.column_aliases = {{"votes", {"num_battles"}}};
    const auto entries = extract("model,score,num_battles\na,1,700\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].votes, 700);
}

// --- "#N" column references ---------------------------------------------------------------

// alpacaeval-2-ids (src file, 2024): the first column has an empty header and holds the id.
TEST(ExtractBoardRules, PositionReferenceReadsAColumnWithAnEmptyHeader) {
    auto src = board("#1");
    src.columns.score = "win_rate";
    const auto entries =
        extract(",win_rate,mode\ngpt4_turbo,50.0,minimal\nNullModel,76.9,x\n", src);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].raw_name, "gpt4_turbo");
    EXPECT_EQ(entries[1].raw_name, "NullModel");
    EXPECT_EQ(entries[1].rank, 1);
}

TEST(ExtractBoardRules, PositionReferenceIgnoresTheHeaderText) {
    auto src = board("#2");
    src.columns.score = "#3";
    const auto entries = extract("a,b,c\nx,m,7\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].raw_name, "m");
    EXPECT_EQ(entries[0].score, 7.0);
}

TEST(ExtractBoardRules, PositionPastTheHeaderIsSchemaDrift) {
    auto src = board("#1");
    src.columns.score = "#4";
    EXPECT_THROW(extract("m,s\nx,1\n", src), schema_drift_error);
    src.optional_columns = {"#4"};
    EXPECT_EQ(extract("m,s\nx,1\n", src).size(), 1u);
}

TEST(ExtractBoardRules, BadCellInAPositionColumnNamesIt) {
    auto src = board("#1");
    src.columns.score = "#2";
    expect_names(error_of(",\nx,abc\n", src), 2, 2, "column '#2': 'abc' is not a number");
}

// --- score_mean_of --------------------------------------------------------------------------

// LiveBench publishes only per-task columns.
TEST(ExtractBoardRules, MeanOfEveryOtherColumnRanksTheBoard) {
    auto src = board();
    src.score_mean_of = {"*"};
    const auto entries = extract("model,math,coding,reasoning\n"
                                 "a,60,70,80\n"
                                 "b,90,90,90\n"
                                 "c,70,70,70\n",
                                 src);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_DOUBLE_EQ(*entries[0].score, 70.0);
    EXPECT_DOUBLE_EQ(*entries[1].score, 90.0);
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{2, 1, 2}));
}

TEST(ExtractBoardRules, StarLeavesOutEveryMappedColumn) {
    auto src = board();
    src.columns.organization = "org";
    src.columns.votes = "n";
    src.columns.metrics = {{"price", "price"}};
    src.score_mean_of = {"*"};
    const auto entries = extract("model,org,t1,n,price,t2\na,X,10,1000,5,20\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_DOUBLE_EQ(*entries[0].score, 15.0); // t1 and t2 only
}

TEST(ExtractBoardRules, ColumnNamedBesideStarCountsOnce) {
    auto src = board();
    src.score_mean_of = {"t1", "*"};
    const auto entries = extract("model,t1,t2\na,10,40\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_DOUBLE_EQ(*entries[0].score, 25.0);
}

TEST(ExtractBoardRules, MeanOfNamedAndPositionColumns) {
    auto src = board();
    src.score_mean_of = {"t1", "#4"};
    const auto entries = extract("model,t1,t2,\na,10,99,30\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_DOUBLE_EQ(*entries[0].score, 20.0);
}

TEST(ExtractBoardRules, MeanColumnsMissingFromTheHeaderAreSchemaDrift) {
    auto src = board();
    src.score_mean_of = {"t1", "t9"};
    EXPECT_THROW(extract("model,t1\na,1\n", src), schema_drift_error);
}

TEST(ExtractBoardRules, ColumnEmptyInEveryRowIsLeftOutOfTheMean) {
    auto src = board();
    src.score_mean_of = {"*"};
    const auto entries = extract("model,t1,dropped,t2\na,10,,20\nb,30,,40\n", src);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_DOUBLE_EQ(*entries[0].score, 15.0);
    EXPECT_DOUBLE_EQ(*entries[1].score, 35.0);
}

TEST(ExtractBoardRules, RowMissingACountedColumnIsStoredUnscoredAndUnranked) {
    auto src = board();
    src.score_mean_of = {"*"};
    const auto entries = extract("model,t1,t2\n"
                                 "a,10,20\n"
                                 "partial,90,\n"
                                 "b,30,40\n",
                                 src);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_FALSE(entries[1].score.has_value());
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{2, std::nullopt, 1}));
}

// LiveBench 2024-07-18: `spatial` was run for 7 of 56 models the day it appeared. A column with a
// value in fewer than half of the rows is left out of every row's mean, so the others keep a
// score (and one comparable over the same tasks).
TEST(ExtractBoardRules, ColumnPresentInFewerThanHalfTheRowsIsLeftOutOfTheMean) {
    auto src = board();
    src.score_mean_of = {"*"};
    const auto entries = extract("model,t1,new_task\n"
                                 "a,10,99\n"
                                 "b,20,\n"
                                 "c,30,\n",
                                 src);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_DOUBLE_EQ(*entries[0].score, 10.0);
    EXPECT_DOUBLE_EQ(*entries[1].score, 20.0);
    EXPECT_DOUBLE_EQ(*entries[2].score, 30.0);
    // In half of the rows or more it counts, and the row without it is unscored.
    const auto half = extract("model,t1,new_task\na,10,99\nb,20,\n", src);
    EXPECT_DOUBLE_EQ(*half[0].score, 54.5);
    EXPECT_FALSE(half[1].score.has_value());
}

TEST(ExtractBoardRules, NonNumericCellInAMeanColumnNamesRowAndColumn) {
    auto src = board();
    src.score_mean_of = {"*"};
    expect_names(error_of("model,t1,t2\na,10,20\nb,30,pending\n", src), 3, 3,
                 "column 't2': 'pending' is not a number");
}

TEST(ExtractBoardRules, NonNumericCellInAColumnLeftOutOfTheMeanIsStillAnError) {
    auto src = board();
    src.score_mean_of = {"*"};
    expect_names(error_of("model,t1,rare\na,1,\nb,2,\nc,3,oops\n", src), 4, 3,
                 "column 'rare': 'oops' is not a number");
}

TEST(ExtractBoardRules, PublishedRankIsKeptBesideAComputedScore) {
    auto src = board();
    src.columns.rank = "rank";
    src.score_mean_of = {"*"};
    const auto entries = extract("rank,model,t1\n5,a,10\n6,b,20\n", src);
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{5, 6}));
    EXPECT_DOUBLE_EQ(*entries[1].score, 20.0);
}

// --- higher_is_better -----------------------------------------------------------------------

// Vectara's hallucination rate: lower is better.
TEST(ExtractBoardRules, LowerIsBetterRanksFromTheLowestScoreUp) {
    auto src = board();
    src.columns.score = "rate";
    src.higher_is_better = false;
    const auto entries = extract("model,rate\n"
                                 "a,3.3 %\n"
                                 "b,1.5 %\n"
                                 "c,3.3 %\n"
                                 "none,N/A\n"
                                 "d,9.0 %\n",
                                 src);
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{2, 1, 2, std::nullopt, 4}));
}

// --- confidence intervals -------------------------------------------------------------------

TEST(ExtractBoardRules, BracketedIntervalInTheCiColumn) {
    auto src = board();
    src.columns.score = "score";
    src.columns.ci = "CI";
    const auto entries = extract("model,score,CI\na,82.63,\"(-1.81, +2.42)\"\n", src);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].ci_plus, 2.42);
    EXPECT_EQ(entries[0].ci_minus, 1.81);
}

// arena-hard-auto-csv 2024-07-03 and LMArena's catalog: bounds in columns of their own.
TEST(ExtractBoardRules, BoundColumnsAreStoredAsHalfWidthsAroundTheScore) {
    auto src = board();
    src.columns.score = "score";
    src.columns.ci_lower = "rating_q025";
    src.columns.ci_upper = "rating_q975";
    const auto entries = extract("model,score,rating_q025,rating_q975\n"
                                 "a,82.63,80.82,85.05\n"
                                 "b,1300,1290.5,1304\n"
                                 "unscored,,1,2\n",
                                 src);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].ci_plus, 2.42); // 85.05 - 82.63, without binary noise
    EXPECT_EQ(entries[0].ci_minus, 1.81);
    EXPECT_EQ(entries[1].ci_plus, 4.0);
    EXPECT_EQ(entries[1].ci_minus, 9.5);
    EXPECT_FALSE(entries[2].ci_plus || entries[2].ci_minus); // no score: no CI
}

TEST(ExtractBoardRules, UpperBoundBelowTheScoreNamesRowAndColumn) {
    auto src = board();
    src.columns.score = "score";
    src.columns.ci_lower = "lo";
    src.columns.ci_upper = "hi";
    expect_names(error_of("model,score,lo,hi\na,10,9,11\nb,10,9,9.5\n", src), 3, 4,
                 "column 'hi': upper bound 9.5 is below the score 10");
    expect_names(error_of("model,score,lo,hi\nb,10,10.5,11\n", src), 2, 3,
                 "column 'lo': lower bound 10.5 is above the score 10");
}

// --- ranks as published: medals, "-", reference rows ------------------------------------------

// SuperCLUE (2023-12 .. 2026): medals for the first three, "-" for GPT-4 shown unranked.
TEST(ExtractBoardRules, MedalsAndDashInTheRankColumn) {
    auto src = board("模型");
    src.columns.rank = "排名";
    src.columns.score = "总分";
    const auto entries = extract("排名,模型,总分\n"
                                 "\U0001F3C5\uFE0F ,A,79.02\n"
                                 " \U0001F948,B,76.54\n"
                                 "\U0001F949\t,C,75.04\n"
                                 "-,GPT-4,90.6\n"
                                 "4,D,74\n"
                                 "\U0001F947,E,99\n",
                                 src);
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{1, 2, 3, std::nullopt, 4, 1}));
    EXPECT_EQ(entries[3].score, 90.6); // stored nevertheless
}

TEST(ExtractBoardRules, ReferenceRowsAreStoredUnrankedAndTakeNoPlace) {
    auto src = board();
    src.columns.score = "score";
    src.reference_rows = {"Human", "Random"};
    const auto entries = extract("model,score\n"
                                 "Human,95\n"
                                 "a,80\n"
                                 "Random,25\n"
                                 "b,70\n",
                                 src);
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{std::nullopt, 1, std::nullopt, 2}));
    EXPECT_EQ(entries[0].score, 95.0);
}

TEST(ExtractBoardRules, ReferenceRowsLoseAPublishedRank) {
    auto src = board();
    src.columns.rank = "rank";
    src.reference_rows = {"Human"};
    const auto entries = extract("rank,model\n1,Human\n2,a\n", src);
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{std::nullopt, 2}));
}

// SuperCLUE 2023-07-24 marks its 人类 ("human") row with "🧝" in the rank column.
TEST(ExtractBoardRules, RankCellOfAReferenceRowIsNotRead) {
    auto src = board("模型");
    src.columns.rank = "排名";
    src.reference_rows = {"人类"};
    const auto entries = extract("排名,模型\n\U0001F9DD,人类\n\U0001F3C5,A\n", src);
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{std::nullopt, 1}));
    src.reference_rows.clear();
    expect_names(error_of("排名,模型\n\U0001F9DD,人类\n", src), 2, 1,
                 "column '排名': '\U0001F9DD' is not a whole number");
}

// --- malformed_rows -------------------------------------------------------------------------

std::string fixture(const std::string& name) {
    const auto path = std::filesystem::path(LBTRACK_TEST_DATA_DIR) / "csv" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

source evalplus_like() {
    auto src = board();
    src.columns.score = "pass@1_plus";
    src.columns.metrics = {{"pass@1_base", "pass@1_base"}};
    return src;
}

TEST(ExtractBoardRules, MalformedRowFailsByDefaultNamingSourceFileRowAndColumn) {
    const auto src = evalplus_like();
    try {
        extract(fixture("skip_malformed_rows.csv"), src);
        FAIL() << "no parse_error";
    } catch (const parse_error& e) {
        // The CSV reader's own error: the short row on line 3, its 5th field missing.
        expect_names(e, 3, 5, "expected 5 fields as in the header, found 4");
    }
}

TEST(ExtractBoardRules, SkipLeavesOutMalformedRowsWithWarningsAndACount) {
    auto src = evalplus_like();
    src.malformed_rows = malformed_row_policy::skip;
    std::vector<std::string> warnings;
    const auto entries = extract(fixture("skip_malformed_rows.csv"), src, &warnings);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].raw_name, "Coder-A");
    EXPECT_EQ(entries[1].raw_name, "Coder-C");
    EXPECT_EQ(entries[1].row, 3u); // its place among the data rows, as read
    EXPECT_EQ(ranks(entries), (std::vector<std::optional<int>>{1, 2}));
    ASSERT_EQ(warnings.size(), 4u);
    EXPECT_EQ(warnings[0], "board.csv, line 3, column 5: row left out (malformed_rows = skip): "
                           "expected 5 fields as in the header, found 4");
    EXPECT_EQ(warnings[1], "board.csv, line 5, column 2: row left out (malformed_rows = skip): "
                           "column 'pass@1_base': 'not run' is not a number");
    EXPECT_EQ(warnings[2], "board.csv, line 6, column 6: row left out (malformed_rows = skip): "
                           "expected 5 fields as in the header, found 6");
    EXPECT_EQ(warnings[3], "board.csv: skipped 3 of 5 rows");
}

TEST(ExtractBoardRules, BadCellFailsByDefaultWithItsPosition) {
    const auto src = evalplus_like();
    expect_names(error_of("model,pass@1_base,pass@1_plus\na,1,2\nb,x,3\n", src), 3, 2,
                 "column 'pass@1_base': 'x' is not a number");
}

TEST(ExtractBoardRules, SkipWithNothingMalformedWarnsNothing) {
    auto src = evalplus_like();
    src.malformed_rows = malformed_row_policy::skip;
    std::vector<std::string> warnings;
    const auto entries = extract("model,pass@1_base,pass@1_plus\na,1,2\n", src, &warnings);
    EXPECT_EQ(entries.size(), 1u);
    EXPECT_TRUE(warnings.empty());
}

// What the pipeline uses: parse_payload keeps ragged CSV rows only under `skip`.
TEST(ExtractBoardRules, PayloadParserKeepsRaggedRowsOnlyUnderSkip) {
    auto src = evalplus_like();
    const std::string csv = "model,pass@1_base,pass@1_plus\na,1,2\nb,1\n";
    EXPECT_THROW(lbtrack::ingest::parse_payload(csv, src, origin), parse_error);
    src.malformed_rows = malformed_row_policy::skip;
    std::vector<std::string> warnings;
    const auto entries =
        extract_entries(lbtrack::ingest::parse_payload(csv, src, origin), src, origin, &warnings);
    EXPECT_EQ(entries.size(), 1u);
    EXPECT_EQ(warnings.size(), 2u);
}

} // namespace
