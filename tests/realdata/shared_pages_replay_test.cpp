// Every board of ../shared/data/pages replayed into a real database as a snapshot, through the
// configured sources of tests/data/config/shared_pages.toml: the stored entries equal the
// upstream data rows, and a second replay stores nothing. Skipped, with the reason, when absent.

#include "../app/cli_test_support.hpp"

#include <cstdlib>
#include <filesystem>

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

class SharedPagesReplay : public cli_test {
protected:
    cli_result replay(const board& b, const std::string& dir) {
        return run_lbtrack(
            {"--config", fixture("config/shared_pages.toml"), "replay", "--source", b.source, dir},
            env_);
    }
};

TEST_F(SharedPagesReplay, EveryBoardStoresAllItsRowsOnce) {
    if (!fs::is_directory(pages())) {
        GTEST_SKIP() << "no real pages at " << pages().string() << " (set LBTRACK_SHARED_DATA)";
    }
    const board boards[] = {
        {"lmarena-zh", "lmarena-zh-2025-06-27.md", "2025-06-27", 209},
        {"superclue-open-5b-20b", "superclue-open-5b-20b.md", "2025-08-10", 14},
        {"roundup-open-llm", "llm-roundup-2024-01.md", "2024-01-31", 9},
        {"roundup-opencompass", "llm-roundup-2024-01.md", "2024-01-31", 8},
    };
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

} // namespace
