#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/json_rows.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using lbtrack::parse_error;
using lbtrack::ingest::read_json_rows;
using lbtrack::ingest::table;
using cells_t = std::vector<std::string>;
using rows_t = std::vector<cells_t>;
using lines_t = std::vector<std::size_t>;

std::string fixture(const std::string& name) {
    const auto path = std::filesystem::path(LBTRACK_TEST_DATA_DIR) / "json" / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

table read(std::string_view json, const std::string& pointer = "") {
    return read_json_rows(json, pointer, "test-board", "board.json");
}

/// Reads `json` at `pointer`, expecting a parse_error at `row`/`column` whose message names the
/// source and the origin and contains `fragment`.
void expect_parse_error(std::string_view json, const std::string& pointer, std::size_t row,
                        std::size_t column, const std::string& fragment) {
    try {
        read(json, pointer);
        ADD_FAILURE() << "no parse_error for: " << json;
    } catch (const parse_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.source_id(), "test-board");
        EXPECT_EQ(e.origin(), "board.json");
        EXPECT_EQ(e.row(), row) << what;
        EXPECT_EQ(e.column(), column) << what;
        EXPECT_NE(what.find("source 'test-board'"), std::string::npos) << what;
        EXPECT_NE(what.find("board.json"), std::string::npos) << what;
        EXPECT_NE(what.find(fragment), std::string::npos) << what;
    }
}

TEST(JsonRows, OpenLlmLeaderboardV2HeaderKeepsUnicodeKeysInFirstSeenOrder) {
    const auto t = read(fixture("open_llm_leaderboard_v2.json"));
    // The second model spells "Average \u2b06\ufe0f": once unescaped it is the same column.
    EXPECT_EQ(t.header,
              (cells_t{"eval_name", "Precision", "Type", "Model", "fullname", "Average ⬆️",
                       "#Params (B)", "Hub License", "Available on the hub", "IFEval", "BBH",
                       "MATH Lvl 5", "GPQA", "MUSR", "MMLU-PRO"}));
    EXPECT_EQ(t.row_lines, (lines_t{2, 19, 36}));
}

TEST(JsonRows, OpenLlmLeaderboardV2Rows) {
    const auto t = read(fixture("open_llm_leaderboard_v2.json"));
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0], (cells_t{"Qwen_Qwen2.5-72B-Instruct_bfloat16", "bfloat16",
                                  "💬 chat models (RLHF, DPO, IFT, ...)",
                                  "<a target=\"_blank\" href=\"https://huggingface.co/Qwen/"
                                  "Qwen2.5-72B-Instruct\">Qwen/Qwen2.5-72B-Instruct</a>",
                                  "Qwen/Qwen2.5-72B-Instruct", "47.98", "72.706", "other", "true",
                                  "86.38", "61.87", "59.82", "16.67", "17.17", "51.4"}));
    EXPECT_EQ(t.rows[1][4], "meta-llama/Meta-Llama-3.1-70B-Instruct");
    EXPECT_EQ(t.rows[1][5], "43.41");
    // Numbers as written, null as empty, false as "false".
    EXPECT_EQ(t.rows[2],
              (cells_t{"tiny_model_float16", "float16", "🟢 pretrained",
                       "<a href=\"https://huggingface.co/org/tiny\">org/tiny</a>", "org/tiny",
                       "3.5e0", "0.135", "", "false", "7.0", "1e-3", "0", "0.0", "2.10", "-0.5"}));
}

TEST(JsonRows, RowsAtANestedPointerFlattenObjectsAndKeepArraysRaw) {
    const auto t = read(fixture("rows_at_data_rows.json"), "/data/rows");
    EXPECT_EQ(t.header, (cells_t{"model", "scores.mmlu", "scores.gsm8k", "tags", "params",
                                 "scores.humaneval", "scores.detail.pass@1", "verified"}));
    EXPECT_EQ(t.rows, (rows_t{
                          {"alpha-7b", "71.0", "", "[\"open\", \"7B\"]", "7e9", "", "", ""},
                          {"beta \"chat\"", "65.5", "", "", "", "40", "0.4", "false"},
                          {"gamma", "", "", "[ ]", "", "", "", ""},
                      }));
    EXPECT_EQ(t.row_lines, (lines_t{6, 7, 12}));
}

TEST(JsonRows, PointerIntoAnArrayAndEscapedKeys) {
    const auto t = read(R"({"results": [{"a/b": {"m~n": [{"x": 1}]}}]})", "/results/0/a~1b/m~0n");
    EXPECT_EQ(t.header, (cells_t{"x"}));
    EXPECT_EQ(t.rows, (rows_t{{"1"}}));
}

TEST(JsonRows, EmptyArrayGivesAnEmptyTable) {
    const auto t = read(R"({"rows": []})", "/rows");
    EXPECT_TRUE(t.header.empty());
    EXPECT_TRUE(t.rows.empty());
    EXPECT_TRUE(t.row_lines.empty());
}

TEST(JsonRows, BomSkippedAndCrlfLinesCounted) {
    const auto t = read("\xEF\xBB\xBF[\r\n{\"a\": 1},\r\n{\"a\": 2}\r\n]");
    EXPECT_EQ(t.header, (cells_t{"a"}));
    EXPECT_EQ(t.rows, (rows_t{{"1"}, {"2"}}));
    EXPECT_EQ(t.row_lines, (lines_t{2, 3}));
}

TEST(JsonRows, StringsAreUnescaped) {
    const auto t = read(R"([{"name": "caf\u00e9 \"x\"\n", "\u00e9": true}])");
    EXPECT_EQ(t.header, (cells_t{"name", "é"}));
    EXPECT_EQ(t.rows, (rows_t{{"café \"x\"\n", "true"}}));
}

TEST(JsonRows, InvalidJsonNamesTheLineAndColumn) {
    expect_parse_error("[\n{\"a\":1},\n{\"a\" 2}]", "", 3, 6,
                       "invalid JSON: The JSON document has an improper structure");
}

TEST(JsonRows, InvalidJsonOutsideTheRowsIsRefused) {
    expect_parse_error("{\"rows\": [{\"a\": 1}],\n \"x\": tru}", "/rows", 2, 7,
                       "invalid JSON: Problem while parsing an atom starting with the letter 't'");
}

TEST(JsonRows, TruncatedAndTrailingContent) {
    expect_parse_error("[{\"a\":1},\n{\"a\":2", "", 2, 6, "invalid JSON: ");
    expect_parse_error("[{\"a\":1}] x", "", 1, 11, "invalid JSON: ");
}

TEST(JsonRows, InvalidJsonWithoutAPosition) {
    expect_parse_error("[\"abc", "", 0, 0, "invalid JSON: A string is opened, but never closed.");
    expect_parse_error("", "", 0, 0, "invalid JSON: Empty: no JSON found");
    expect_parse_error("[\"\xff\"]", "", 0, 0, "invalid JSON: The input is not valid UTF-8");
}

TEST(JsonRows, TooDeepIsAnErrorNotACrash) {
    const std::string deep = "[{\"a\": " + std::string(2000, '[') + std::string(2000, ']') + "}]";
    try {
        read(deep);
        ADD_FAILURE() << "no parse_error";
    } catch (const parse_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.row(), 1u) << what;
        EXPECT_NE(what.find("invalid JSON: The JSON document was too deep"), std::string::npos)
            << what;
    }
    // Just within the limit: read.
    const std::string fine = "[{\"a\": " + std::string(1000, '[') + std::string(1000, ']') + "}]";
    EXPECT_EQ(read(fine).rows.size(), 1u);
}

TEST(JsonRows, NoValueAtPointer) {
    expect_parse_error(R"({"data": []})", "/rows", 0, 0, "no value at JSON pointer '/rows'");
    expect_parse_error(R"({"data": {"count": 3}})", "/data/count/rows", 0, 0,
                       "no value at JSON pointer '/data/count/rows'");
    expect_parse_error(R"({"data": [[]]})", "/data/1", 0, 0, "no value at JSON pointer '/data/1'");
}

TEST(JsonRows, MalformedPointer) {
    expect_parse_error(R"({"rows": []})", "rows", 0, 0, "invalid JSON pointer 'rows'");
    expect_parse_error(R"({"rows": []})", "/ro~2ws", 0, 0, "invalid JSON pointer '/ro~2ws'");
}

TEST(JsonRows, ValueAtPointerIsNotAnArray) {
    expect_parse_error(fixture("rows_at_data_rows.json"), "/data", 3, 0,
                       "the value at JSON pointer '/data' is an object, not an array of rows");
    expect_parse_error("\n{\"a\": 1}", "", 2, 0,
                       "the value at the document root is an object, not an array of rows");
    expect_parse_error("42", "", 1, 0,
                       "the value at the document root is a number, not an array of rows");
}

TEST(JsonRows, ElementThatIsNotAnObject) {
    expect_parse_error("[{\"a\": 1},\n \"b\"]", "", 2, 0,
                       "element 2 of the array at the document root (line 2) is a string, not "
                       "an object");
    expect_parse_error(R"({"rows": [{"a": 1}, {"a": 2}, [3]]})", "/rows", 3, 0,
                       "element 3 of the array at JSON pointer '/rows' (line 1) is an array");
}

TEST(JsonRows, ColumnGivenTwiceInARow) {
    expect_parse_error("[{\"a\": 1},\n{\"a\": 1, \"a\": 2}]", "", 2, 0,
                       "element 2 (line 2) gives column 'a' twice");
    expect_parse_error(R"([{"s.x": 1, "s": {"x": 2}}])", "", 1, 0,
                       "element 1 (line 1) gives column 's.x' twice");
}

} // namespace
