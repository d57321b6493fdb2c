#include "lbtrack/core/errors.hpp"
#include "lbtrack/ingest/json_rows.hpp"
#include "lbtrack/ingest/payload_parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using lbtrack::parse_error;
using lbtrack::validation_error;
using lbtrack::ingest::invalid_json_error;
using lbtrack::ingest::json_rows_options;
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

table read(std::string_view json, const std::string& pointer = "",
           const std::string& key_column = "key") {
    return read_json_rows(json, {pointer, key_column}, "test-board", "board.json");
}

/// Reads `json` at `pointer`, expecting a parse_error at `row`/`column` whose message names the
/// source and the origin and contains `fragment`.
void expect_parse_error(std::string_view json, const std::string& pointer, std::size_t row,
                        std::size_t column, const std::string& fragment,
                        const std::string& key_column = "key") {
    try {
        read(json, pointer, key_column);
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

TEST(JsonRows, LinesEndAtLfCrlfOrALoneCrForRowsAndErrorsAlike) {
    // Counted forward as rows are read (no table of line starts), and again from the start for
    // an error found before the last row.
    const std::string rows = "[\r{\"a\": 1},\r\n{\"a\": 2},\n\r{\"a\": 3}";
    EXPECT_EQ(read(rows + "]").row_lines, (lines_t{2, 3, 5}));
    expect_parse_error(rows + ",\n  {\"a\": tru}]", "", 6, 9, "invalid JSON: ");
    expect_parse_error("[{\"a\":\r\r 1}, 7]", "", 3, 0, "element 2 of the array");
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
    // A scalar document followed by more (seen fuzzing: a member without its object) is not
    // JSON either, whatever the reader would say of a scalar.
    expect_parse_error("\"rating\": 1", "", 1, 9, "invalid JSON: ");
    expect_parse_error("1 2", "", 1, 3, "invalid JSON: ");
}

TEST(JsonRows, NotJsonIsTellableByTheErrorTypeWhateverTheKeysSay) {
    // A caller tells "not JSON" from "JSON without usable rows" by the error's type: the message
    // quotes the payload's keys, and a key can read like any message (found by json_fuzz).
    const auto thrown = [](std::string_view json, const std::string& pointer) {
        try {
            read(json, pointer);
        } catch (const parse_error& e) {
            return std::make_pair(std::string(e.what()),
                                  dynamic_cast<const invalid_json_error*>(&e) != nullptr);
        }
        ADD_FAILURE() << "no parse_error for " << json;
        return std::make_pair(std::string(), false);
    };
    const std::string lookalike = "invalid JSON: The input is not valid UTF-8";
    // Valid documents whose rows are refused, in messages that quote the key.
    for (const auto& [json, pointer] : std::vector<std::pair<std::string, std::string>>{
             {"[\n {\"" + lookalike + "\": 0.5}]", "/0"},
             {"[{\"" + lookalike + "\": 1, \"" + lookalike + "\": 2}]", ""},
         }) {
        const auto [message, invalid] = thrown(json, pointer);
        EXPECT_NE(message.find(lookalike), std::string::npos) << message;
        EXPECT_FALSE(invalid) << message;
    }
    // Documents that are not JSON, whatever their keys.
    for (const std::string& json : {"[{\"" + lookalike + "\": tru}]", std::string("[{\"a\": 1}] x"),
                                    std::string("[\"\xff\"]")}) {
        EXPECT_TRUE(thrown(json, "").second) << json;
    }
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

TEST(JsonRows, ValueAtPointerIsNeitherAnArrayNorAnObject) {
    expect_parse_error("42", "", 1, 0,
                       "the value at the document root is a number, not an array of rows nor an "
                       "object of rows keyed by name");
    expect_parse_error("{\"rows\":\n \"none\"}", "/rows", 2, 0,
                       "the value at JSON pointer '/rows' is a string, not an array of rows");
}

// An object at the pointer is read as rows keyed by name, so an object that is not one (the
// pointer stops one level short) fails on its first member that is not a row.
TEST(JsonRows, ObjectAtPointerWhoseMembersAreNotRows) {
    expect_parse_error(fixture("rows_at_data_rows.json"), "/data", 4, 0,
                       "member 'count' of the object at JSON pointer '/data' (line 4) is a "
                       "number, not an object");
    expect_parse_error("\n{\"a\": {\"x\": 1},\n \"b\": [1]}", "", 3, 0,
                       "member 'b' of the object at the document root (line 3) is an array, not "
                       "an object");
}

// The row number is the line where the row starts, the message says which element it is.
TEST(JsonRows, ElementThatIsNotAnObject) {
    expect_parse_error("[{\"a\": 1},\n \"b\"]", "", 2, 0,
                       "element 2 of the array at the document root (line 2) is a string, not "
                       "an object");
    expect_parse_error(R"({"rows": [{"a": 1}, {"a": 2}, [3]]})", "/rows", 1, 0,
                       "element 3 of the array at JSON pointer '/rows' (line 1) is an array");
}

TEST(JsonRows, ColumnGivenTwiceInARow) {
    expect_parse_error("[{\"a\": 1},\n{\"a\": 1, \"a\": 2}]", "", 2, 0,
                       "element 2 of the array at the document root (line 2) gives column 'a' "
                       "twice");
    expect_parse_error(R"([{"s.x": 1, "s": {"x": 2}}])", "", 1, 0,
                       "element 1 of the array at the document root (line 1) gives column 's.x' "
                       "twice");
}

// LMArena's catalog (lmarena/arena-catalog, 2025): {category: {model_id: {rating, ...}}}.
TEST(JsonRows, RowsKeyedByNameGoInTheKeyColumnFirst) {
    const auto t = read(fixture("catalog_by_category.json"), "/full", "model");
    EXPECT_EQ(t.header, (cells_t{"model", "rating", "rating_q975", "rating_q025"}));
    EXPECT_EQ(t.rows, (rows_t{
                          {"claude-3-5-sonnet-20240620", "1268.7771212863713", "1272.1", "1265.3"},
                          {"gpt-4o-2024-05-13", "1285.0", "1288.9", "1281.2"},
                          // member name unescaped; members in another order land in their column
                          {"café-7b", "1.1e3", "1110", "1090"},
                      }));
    EXPECT_EQ(t.row_lines, (lines_t{10, 15, 20}));
}

// EvalPlus's results.json (2024-04-20 on): the document is the object of rows, with nested
// scores flattened as in array rows.
TEST(JsonRows, RowsKeyedByNameAtTheRootFlattenNestedObjects) {
    const auto t = read(fixture("results_by_model.json"), "", "model");
    EXPECT_EQ(t.header,
              (cells_t{"model", "link", "open-data", "pass@1.humaneval", "pass@1.humaneval+",
                       "pass@1.mbpp", "pass@1.mbpp+", "prompted", "size"}));
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0][0], "GPT-4-Turbo (Nov 2023)");
    EXPECT_EQ(t.rows[0][4], "81.7");
    EXPECT_EQ(t.rows[0][8], "");
    EXPECT_EQ(t.rows[1],
              (cells_t{"CodeLlama-7B", "https://huggingface.co/codellama/CodeLlama-7b-hf", "NONE",
                       "37.8", "35.4", "", "", "false", "7.0"}));
    EXPECT_EQ(t.row_lines, (lines_t{2, 14}));
}

TEST(JsonRows, RowsKeyedByNameDefaultKeyColumnAndEmptyObject) {
    const auto t = read(R"({"a": {"x": 1}, "b": {}})");
    EXPECT_EQ(t.header, (cells_t{"key", "x"}));
    EXPECT_EQ(t.rows, (rows_t{{"a", "1"}, {"b", ""}}));
    const auto empty = read(R"({"full": {}})", "/full", "model");
    EXPECT_TRUE(empty.header.empty());
    EXPECT_TRUE(empty.rows.empty());
}

TEST(JsonRows, KeyedRowWithAMemberNamedLikeTheKeyColumn) {
    expect_parse_error("{\"full\": {\"a\": {\"r\": 1},\n \"b\": {\"model\": \"x\"}}}", "/full", 2,
                       0,
                       "member 'b' of the object at JSON pointer '/full' (line 2) gives column "
                       "'model' twice (a repeated key, a dotted key next to a nested object, or a "
                       "member named like json_key_column)",
                       "model");
}

TEST(JsonRows, KeyedRowsNeedAKeyColumn) {
    try {
        read(R"({"a": {"x": 1}})", "", "");
        ADD_FAILURE() << "no validation_error";
    } catch (const validation_error& e) {
        EXPECT_NE(std::string(e.what()).find("json_key_column is empty"), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("board.json"), std::string::npos) << e.what();
    }
}

// parse_payload hands the source's json_key_column to the reader.
TEST(JsonRows, PayloadParserPassesTheKeyColumn) {
    lbtrack::source src;
    src.id = "catalog";
    src.format = "json";
    src.rows_pointer = "/full";
    src.json_key_column = "model";
    const auto t = lbtrack::ingest::parse_payload(fixture("catalog_by_category.json"), src, "x");
    ASSERT_FALSE(t.header.empty());
    EXPECT_EQ(t.header[0], "model");
    EXPECT_EQ(t.rows.size(), 3u);
}

} // namespace
