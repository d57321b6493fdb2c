// `lbtrack replay --git` over a scraper's repository built here, commit by commit, from the
// largest real page of ../shared/data (LMArena's text board republished in Chinese, 209 rows).
// ../shared/data holds one day of it, so the earlier version is that real page without its last
// five table rows (the board before five models were listed); everything else is its real bytes.
// Skipped, with the reason, when ../shared/data is absent.

#include "shared_pages_cli.hpp"
#include "support/scraped_repo.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;
using namespace std::chrono;

const char* const page_name = "lmarena-zh-2025-06-27.md";
const std::string board_path = "boards/lmarena-zh.md";

fs::path real_page() {
    return fs::path(shared_data_dir()) / "pages" / page_name;
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

/// The page without the last `n` rows of its table: the table's lines are the run of lines
/// starting with '|', and the rows are the last of them.
std::string without_last_rows(const std::string& page, int n) {
    std::vector<std::string> lines;
    std::istringstream in(page);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    std::size_t end = 0; // one past the table's last line
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!lines[i].empty() && lines[i][0] == '|') {
            end = i + 1;
        }
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i + static_cast<std::size_t>(n) >= end && i < end) {
            continue;
        }
        out += lines[i] + "\n";
    }
    return out;
}

std::int64_t june(unsigned day, int hour) {
    const sys_seconds t = sys_days{year{2025} / June / day} + hours{hour};
    return t.time_since_epoch().count();
}

class GitReplayRealPage : public shared_pages_test {};

TEST_F(GitReplayRealPage, StoresExactlyTheDistinctVersionsAndThenNothing) {
    if (!fs::is_regular_file(real_page())) {
        GTEST_SKIP() << "no real page at " << real_page().string() << " (set LBTRACK_SHARED_DATA)";
    }
    const auto page = read_bytes(real_page());
    const auto shorter = without_last_rows(page, 5);
    ASSERT_LT(shorter.size(), page.size());

    scraped_repo repo;
    repo.commit({{board_path, shorter}}, june(26, 12), "board of 06-26");
    repo.commit({{"README.md", "scraped daily\n"}}, june(26, 18), "readme: not the board");
    repo.commit({{board_path, page}}, june(27, 12), "board of 06-27");
    repo.commit({{board_path, page}, {"notes.txt", "same board\n"}}, june(28, 12),
                "board of 06-28: unchanged");
    repo.commit({{board_path, std::nullopt}}, june(29, 12), "scraper broke: board deleted");
    repo.commit({{board_path, page}}, june(30, 12), "board back, unchanged");
    const auto spec = repo.path() + ":" + board_path;

    const auto first = shared({"replay", "--source", "lmarena-zh", "--git", spec});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    // Two distinct versions: 204 and 209 rows. The re-added page is the same blob as the 06-27
    // one: an unchanged fetch, no snapshot.
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE observed_at IN "
                    "('2025-06-26 12:00+00', '2025-06-27 12:00+00')"),
              2);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 204 + 209);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'unchanged'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed'"), 0);
    // The five rows of the second version are the five the first lacked.
    EXPECT_EQ(count("SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id "
                    "WHERE s.observed_at = '2025-06-27 12:00+00' AND e.model_id NOT IN "
                    "(SELECT model_id FROM entry e2 JOIN snapshot s2 ON s2.id = e2.snapshot_id "
                    "WHERE s2.observed_at = '2025-06-26 12:00+00')"),
              5);

    const auto again = shared({"replay", "--source", "lmarena-zh", "--git", spec});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 204 + 209);
    EXPECT_NE(again.err.find("nothing new"), std::string::npos) << again.err;
}

} // namespace
