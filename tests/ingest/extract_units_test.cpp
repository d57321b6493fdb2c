// Extraction of boards that print units and decorate names: the SuperCLUE-style fixture
// tests/data/markdown/superclue_units.md read the way a source would configure it, plus small
// CSV cases for the score and metric rules.

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
using lbtrack::metric;
using lbtrack::source;
using metrics = std::vector<metric>;

source superclue_source() {
    source src;
    src.id = "superclue-units";
    src.format = "markdown";
    src.table_header = {"大模型"};
    src.text_without_link_columns = {"大模型"};
    src.columns.model = "大模型";
    src.columns.rank = "排名";
    src.columns.score = "总分";
    src.columns.organization = "机构";
    src.columns.metrics = {{"price", "输出价格"}, {"accuracy", "准确率"}};
    return src;
}

std::vector<entry> extract_fixture(const source& src) {
    const auto path =
        std::filesystem::path(LBTRACK_TEST_DATA_DIR) / "markdown" / "superclue_units.md";
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return lbtrack::ingest::extract_entries(
        lbtrack::ingest::parse_payload(bytes.str(), src, path.string()), src, path.string());
}

TEST(ExtractUnits, SuperclueNamesAreCleanedOfDecorations) {
    const auto entries = extract_fixture(superclue_source());
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[0].raw_name, "Qwen3-14B");
    EXPECT_EQ(entries[0].model_key, "qwen3-14b");
    EXPECT_EQ(entries[1].raw_name, "qwen2.5-7b-instruct"); // "(new)☛" gone
    EXPECT_EQ(entries[1].model_key, "qwen2.5-7b-instruct");
    EXPECT_EQ(entries[2].raw_name, "glm-4-9b-chat"); // "👉 " and "（new）" gone
    EXPECT_EQ(entries[3].raw_name, "phi-4");         // "🆕" and U+3000 padding gone
    EXPECT_EQ(entries[0].organization, "阿里巴巴");
}

TEST(ExtractUnits, SuperclueScoresAcceptPercentages) {
    const auto entries = extract_fixture(superclue_source());
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[0].score, 76.2); // "76.2%"
    EXPECT_EQ(entries[1].score, 69.8);
    EXPECT_EQ(entries[3].score, 60.5); // full-width "６０．５％"
    EXPECT_EQ(entries[0].rank, 1);
}

TEST(ExtractUnits, SupercluePricesAndPercentagesAreMetricsWithUnits) {
    const auto entries = extract_fixture(superclue_source());
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[0].metrics, (metrics{{"price", 0.7, "元"}, {"accuracy", 81.5, "%"}}));
    EXPECT_EQ(entries[1].metrics, (metrics{{"price", 2.0, "元"}}));    // accuracy "-"
    EXPECT_EQ(entries[2].metrics, (metrics{{"accuracy", 70.0, "%"}})); // price "暂无数据"
    EXPECT_EQ(entries[3].metrics,
              (metrics{{"price", 1.0, "元/M tokens"}, {"accuracy", 58.0, "%"}}));
}

TEST(ExtractUnits, WithoutTextOutsideLinksTheCallToActionStays) {
    // The board's link text is not a decoration extraction can know; a source that reads the
    // whole cell keeps "☛去体验" inside the name (only the outer marks are dropped).
    auto src = superclue_source();
    src.text_without_link_columns.clear();
    const auto entries = extract_fixture(src);
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[0].raw_name, "Qwen3-14B☛去体验");
    EXPECT_EQ(entries[2].raw_name, "glm-4-9b-chat");
}

std::vector<entry> extract_csv(const std::string& csv, const source& src) {
    return lbtrack::ingest::extract_entries(lbtrack::ingest::read_csv(csv, src.id, "b.csv"), src,
                                            "b.csv");
}

source csv_source() {
    source src;
    src.id = "units";
    src.format = "csv";
    src.columns.model = "model";
    src.columns.score = "score";
    src.columns.metrics = {{"price", "price"}};
    return src;
}

TEST(ExtractUnits, ScoreWithAnotherUnitIsAnError) {
    try {
        extract_csv("model,score,price\na,1472 pts,1\n", csv_source());
        FAIL() << "no parse_error";
    } catch (const lbtrack::parse_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.row(), 2u);
        EXPECT_EQ(e.column(), 2u);
        EXPECT_NE(what.find("'1472 pts' is not a score (a number or a percentage)"),
                  std::string::npos)
            << what;
    }
}

TEST(ExtractUnits, MetricWithTwoNumbersIsAnError) {
    try {
        extract_csv("model,score,price\na,1,0.7元 (1.0元)\n", csv_source());
        FAIL() << "no parse_error";
    } catch (const lbtrack::parse_error& e) {
        EXPECT_EQ(e.column(), 3u);
        EXPECT_NE(std::string(e.what()).find("is not a number"), std::string::npos) << e.what();
    }
}

TEST(ExtractUnits, NameThatIsOnlyDecorationIsAnError) {
    try {
        extract_csv("model,score,price\n☛ (new),1,1\n", csv_source());
        FAIL() << "no parse_error";
    } catch (const lbtrack::parse_error& e) {
        EXPECT_EQ(e.column(), 1u);
        EXPECT_NE(std::string(e.what()).find("'☛ (new)' is only board decoration"),
                  std::string::npos)
            << e.what();
    }
}

TEST(ExtractUnits, CurrencyBeforeTheNumberAndThousandsSeparators) {
    const auto entries = extract_csv(
        "model,score,price\na,\"1,472\",$0.06/百萬代幣\nb,1400,\"¥1,200\"\n", csv_source());
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].score, 1472.0);
    EXPECT_EQ(entries[0].metrics, (metrics{{"price", 0.06, "$/百萬代幣"}}));
    EXPECT_EQ(entries[1].metrics, (metrics{{"price", 1200, "¥"}}));
}

} // namespace
