// Every board of ../shared/data/pages replayed into a real database as a snapshot, through the
// configured sources of tests/data/config/shared_pages.toml: the stored entries equal the
// upstream data rows, and a second replay stores nothing. Then model identity across the boards:
// one model printed four ways on four boards is one history, and what no rule or alias resolves
// is listed by `lbtrack models --unreviewed`. Skipped, with the reason, when absent.

#include "shared_pages_cli.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

fs::path pages() {
    return fs::path(shared_data_dir()) / "pages";
}

struct board {
    const char* source;
    const char* page;
    const char* date; ///< the date the page states for its data
    long long rows;   ///< data rows of the board's table, counted by hand
};

class SharedPagesReplay : public shared_pages_test {
protected:
    cli_result replay(const board& b, const std::string& dir) {
        return shared({"replay", "--source", b.source, dir});
    }
};

const board boards[] = {
    {"lmarena-zh", "lmarena-zh-2025-06-27.md", "2025-06-27", 209},
    {"superclue-open-5b-20b", "superclue-open-5b-20b.md", "2025-08-10", 14},
    {"roundup-open-llm", "llm-roundup-2024-01.md", "2024-01-31", 9},
    {"roundup-opencompass", "llm-roundup-2024-01.md", "2024-01-31", 8},
};

#define SKIP_WITHOUT_PAGES()                                                                       \
    if (!fs::is_directory(pages())) {                                                              \
        GTEST_SKIP() << "no real pages at " << pages().string() << " (set LBTRACK_SHARED_DATA)";   \
    }

TEST_F(SharedPagesReplay, EveryBoardStoresAllItsRowsOnce) {
    SKIP_WITHOUT_PAGES();
    long long expected = 0;
    for (const auto& b : boards) {
        temp_dir dir;
        fs::copy_file(pages() / b.page, fs::path(dir.path()) / (std::string(b.date) + ".md"));
        const auto r = replay(b, dir.path());
        ASSERT_EQ(r.exit_code, 0) << b.source << ": " << r.err;
        expected += b.rows;
        EXPECT_EQ(count("SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id "
                        "WHERE s.source_id = '" +
                        std::string(b.source) + "'"),
                  b.rows)
            << b.source;
        const auto again = replay(b, dir.path());
        ASSERT_EQ(again.exit_code, 0) << again.err;
        EXPECT_NE(again.err.find("nothing new"), std::string::npos) << again.err;
    }
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 4);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), expected);
    // Both tables of the roundup page came from one stored payload.
    EXPECT_EQ(count("SELECT count(*) FROM payload"), 3);
}

TEST_F(SharedPagesReplay, OneModelAcrossBoardsAndWhatIsLeftUnreviewed) {
    SKIP_WITHOUT_PAGES();
    for (const auto& b : boards) {
        temp_dir dir;
        fs::copy_file(pages() / b.page, fs::path(dir.path()) / (std::string(b.date) + ".md"));
        ASSERT_EQ(replay(b, dir.path()).exit_code, 0) << b.source;
    }
    // "Qwen/Qwen1.5-7B-Chat" (Open LLM table), "Qwen1.5-7B-Chat" (OpenCompass table and the
    // arena): one model, three boards.
    auto history = shared({"history", "qwen1.5-7b-chat", "--format", "csv"});
    ASSERT_EQ(history.exit_code, 0) << history.err;
    EXPECT_NE(history.out.find("qwen1.5-7b-chat,lmarena-zh,2025-06-27T00:00:00Z,,"),
              std::string::npos)
        << history.out;
    EXPECT_NE(history.out.find(",Qwen/Qwen1.5-7B-Chat\n"), std::string::npos) << history.out;
    EXPECT_NE(history.out.find("qwen1.5-7b-chat,roundup-opencompass,2024-01-31"), std::string::npos)
        << history.out;
    // Meta's fp8 row on the Chinese board is a variant of the arena's Llama 3.1 8B.
    history = shared({"history", "Llama-3.1-8B-Instruct", "--format", "csv"});
    EXPECT_NE(history.out.find("llama3.1-8b-instruct,lmarena-zh,"), std::string::npos)
        << history.out;
    EXPECT_NE(history.out.find("llama3.1-8b-instruct,superclue-open-5b-20b,2025-08-10T00:00:00Z,"
                               "fp8,"),
              std::string::npos)
        << history.out;
    EXPECT_EQ(count("SELECT count(DISTINCT s.source_id) FROM entry e JOIN snapshot s ON "
                    "s.id = e.snapshot_id JOIN model m ON m.id = e.model_id "
                    "WHERE m.canonical_key = 'yi-34b-chat'"),
              3);
    // Yi-34B-Chat's known places, as the pages print them: 141st (score 1129) on the arena of
    // 2025-06-27; on the roundup's Open LLM table (average 65.32) and OpenCompass table (47.1),
    // ranked by score among the rows of each table.
    history = shared({"history", "01-ai/Yi-34B-Chat", "--format", "csv"});
    ASSERT_EQ(history.exit_code, 0) << history.err;
    EXPECT_NE(
        history.out.find("yi-34b-chat,lmarena-zh,2025-06-27T00:00:00Z,,141,1129,Yi-34B-Chat\n"),
        std::string::npos)
        << history.out;
    EXPECT_NE(history.out.find(",65.32,01-ai/Yi-34B-Chat\n"), std::string::npos) << history.out;
    EXPECT_NE(history.out.find(",47.1,Yi-34B-Chat\n"), std::string::npos) << history.out;
    // One day per board: `movers` has nothing to compare and says so rather than inventing moves.
    const auto movers = shared({"movers", "--since", "90d", "--format", "csv"});
    ASSERT_EQ(movers.exit_code, 0) << movers.err;
    EXPECT_EQ(movers.out, "model,variant,source,from,to,change,since,until\n");

    const auto unreviewed = shared({"models", "--unreviewed"});
    ASSERT_EQ(unreviewed.exit_code, 0) << unreviewed.err;
    std::cout << unreviewed.out;
    // What is left after the rules and config/models.toml: one arena row whose family ("NV" +
    // Llama 2 SteerLM) no organization in the registry publishes.
    EXPECT_NE(unreviewed.out.find("1 unreviewed (provisional) model(s); per board: lmarena-zh 1"),
              std::string::npos)
        << unreviewed.out;
    EXPECT_NE(unreviewed.out.find("NV-Llama2-70B-SteerLM-Chat"), std::string::npos)
        << unreviewed.out;
}

} // namespace
