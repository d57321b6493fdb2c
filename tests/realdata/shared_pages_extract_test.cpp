// The real Markdown pages of ../shared/data/pages through the whole extraction path of the CLI
// (`lbtrack extract`, tests/data/config/shared_pages.toml): every upstream data row becomes an
// entry and the page's quirks (linked names, "12,327" votes, 暂无数据, two rank columns, bf16 and
// fp8 rows of one model) come out as values. Skipped, with the reason, when the pages are absent.

#include "../app/cli_test_support.hpp"

#include <cstdlib>
#include <filesystem>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

fs::path pages() {
    return fs::path(shared_data_dir()) / "pages";
}

cli_result extract(const std::string& source, const std::string& page) {
    return run_lbtrack({"--config", fixture("config/shared_pages.toml"), "--models",
                        std::string(LBTRACK_SOURCE_DIR) + "/config/models.toml", "extract",
                        "--source", source, "--json", (pages() / page).string()},
                       cli_env{});
}

std::size_t count_rows(const std::string& json) {
    std::size_t n = 0;
    for (auto at = json.find("{\"row\":"); at != std::string::npos;
         at = json.find("{\"row\":", at + 1)) {
        ++n;
    }
    return n;
}

#define SKIP_WITHOUT_PAGES()                                                                       \
    if (!fs::is_directory(pages())) {                                                              \
        GTEST_SKIP() << "no real pages at " << pages().string() << " (set LBTRACK_SHARED_DATA)";   \
    }

TEST(SharedPagesExtract, LmarenaZhGivesEveryRowWithItsValues) {
    SKIP_WITHOUT_PAGES();
    const auto r = extract("lmarena-zh", "lmarena-zh-2025-06-27.md");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count_rows(r.out), 209u); // the page's table has 209 data rows (lines 15-223)
    // Linked name -> link text; "12,327" -> 12327; 暂无数据 -> no cutoff; style-controlled rank
    // kept.
    EXPECT_NE(r.out.find("{\"row\":1,\"name\":\"Gemini-2.5-Pro\",\"model_key\":\"gemini2.5-pro\","
                         "\"provisional\":false,\"variant\":\"\","
                         "\"organization\":\"Google\",\"rank\":1,\"score\":1477,\"ci_plus\":5,"
                         "\"ci_minus\":5,\"votes\":12327,\"license\":\"Proprietary\","
                         "\"knowledge_cutoff\":\"\",\"metrics\":{\"rank_stylectrl\":1}}"),
              std::string::npos)
        << r.out.substr(0, 600);
    EXPECT_NE(r.out.find("\"name\":\"Meta-Llama-3.1-405B-Instruct-bf16\""), std::string::npos);
    EXPECT_NE(r.out.find("\"name\":\"Meta-Llama-3.1-405B-Instruct-fp8\""), std::string::npos);
    EXPECT_NE(r.out.find("\"knowledge_cutoff\":\"2023/10\""), std::string::npos);
}

TEST(SharedPagesExtract, SuperclueGivesEveryRow) {
    SKIP_WITHOUT_PAGES();
    const auto r = extract("superclue-open-5b-20b", "superclue-open-5b-20b.md");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count_rows(r.out), 14u);
    EXPECT_NE(r.out.find("\"organization\":\"深度求索\""), std::string::npos) << r.out;
}

// The real config's ReLE source (today's column names) on the older shared copy of the board:
// the renamed 医疗 column is accepted through its alias, names lose their ☛[去体验](…)
// decoration, and prices keep their unit.
TEST(SharedPagesExtract, RealConfigReadsTheOlderSuperclueCopyThroughItsAlias) {
    SKIP_WITHOUT_PAGES();
    const auto r =
        run_lbtrack({"--config", real_config(), "extract", "--source", "rele-open-5b-20b", "--json",
                     (pages() / "superclue-open-5b-20b.md").string()},
                    cli_env{});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count_rows(r.out), 14u);
    EXPECT_EQ(r.out.find("☛"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("去体验"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"name\":\"DeepSeek-R1-Distill-Qwen-14B\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"medical\":64.5"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"units\":{\"output_price\":\"元\"}"), std::string::npos) << r.out;
}

} // namespace
