// Replays real LMArena CSV history from ../shared/data (LBTRACK_SHARED_DATA). Any folder there
// holding files named YYYY-MM-DD.csv whose header has the LMArena export's columns is replayed;
// when there is none, the test reports a skip with the reason.

#include "../app/cli_test_support.hpp"

#include "lbtrack/ingest/csv_reader.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

fs::path shared_data() {
    return fs::path(shared_data_dir());
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool is_lmarena_csv(const fs::path& p) {
    std::ifstream in(p);
    std::string header;
    std::getline(in, header);
    return header.find("model") != std::string::npos &&
           header.find("arena_score") != std::string::npos;
}

/// Folders with dated LMArena CSVs, each with its files in date order.
std::vector<std::pair<fs::path, std::vector<fs::path>>> history_folders(const fs::path& root) {
    static const std::regex dated(R"(\d{4}-\d{2}-\d{2}\.csv)");
    std::map<fs::path, std::vector<fs::path>> found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && std::regex_match(it->path().filename().string(), dated) &&
            is_lmarena_csv(it->path())) {
            found[it->path().parent_path()].push_back(it->path());
        }
    }
    std::vector<std::pair<fs::path, std::vector<fs::path>>> out;
    for (auto& [dir, files] : found) {
        std::sort(files.begin(), files.end());
        out.emplace_back(dir, files);
    }
    return out;
}

class RealLmarenaHistory : public cli_test {};

TEST_F(RealLmarenaHistory, ReplayStoresEveryDistinctDayWithAllItsRows) {
    const auto root = shared_data();
    const auto folders = history_folders(root);
    if (folders.empty()) {
        GTEST_SKIP() << "no folder of dated LMArena CSVs (YYYY-MM-DD.csv with an arena_score "
                        "column) under "
                     << root.string() << " (set LBTRACK_SHARED_DATA); nothing to replay";
    }
    long long expected_snapshots = 0;
    long long expected_entries = 0;
    for (const auto& [dir, files] : folders) {
        // Expected from the files themselves: a day identical to the day before is "unchanged".
        std::string previous;
        for (const auto& f : files) {
            const auto bytes = read(f);
            if (bytes != previous) {
                ++expected_snapshots;
                // Rows repeated exactly (an upstream glitch, e.g. "Yi-34B-Chat" twice in the
                // 2025-07 export) are stored once.
                const auto rows = lbtrack::ingest::read_csv(bytes, "lmarena-text", f.string()).rows;
                expected_entries += static_cast<long long>(
                    std::set<std::vector<std::string>>(rows.begin(), rows.end()).size());
            }
            previous = bytes;
        }
        const auto started = std::chrono::steady_clock::now();
        const auto r = lbtrack({"replay", "--source", "lmarena-text", dir.string()});
        const auto seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        ASSERT_EQ(r.exit_code, 0) << r.err;
        std::cout << "replayed " << files.size() << " files of " << dir.string() << " in "
                  << seconds << " s\n";
        const auto again = lbtrack({"replay", "--source", "lmarena-text", dir.string()});
        ASSERT_EQ(again.exit_code, 0) << again.err;
        EXPECT_NE(again.err.find("nothing new"), std::string::npos) << again.err;
    }
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), expected_snapshots);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), expected_entries);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot s WHERE s.row_count <> "
                    "(SELECT count(*) FROM entry e WHERE e.snapshot_id = s.id)"),
              0);
}

} // namespace
