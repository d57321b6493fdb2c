// Small answers of the query commands that say what they did (issue 21): close names for an
// unknown model, the asked and the found date, what movers compared, a reversed --from/--to,
// replay through symlinks, and the one offline hint of `run`.

#include "cli_test_support.hpp"

#include <filesystem>
#include <sstream>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

/// The fixture folder's dated files, oldest first.
std::vector<fs::path> fixture_files() {
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(fixture("lmarena"))) {
        if (f.path().extension() == ".csv") {
            files.push_back(f.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

class Answers : public cli_test {
protected:
    void SetUp() override {
        cli_test::SetUp();
        ASSERT_EQ(lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")}).exit_code, 0);
    }
};

TEST_F(Answers, UnknownModelSuggestsTheCloseStoredOnes) {
    // The longest stored key, cut short: not a stored model, but plainly close to one.
    const auto board = lbtrack({"board", "--source", "lmarena-text", "--format", "csv"});
    ASSERT_EQ(board.exit_code, 0) << board.err;
    std::istringstream lines(board.out);
    std::string line;
    std::getline(lines, line);
    std::string longest;
    while (std::getline(lines, line)) {
        const auto key = line.substr(line.rfind(',') + 1);
        if (key.size() > longest.size()) {
            longest = key;
        }
    }
    ASSERT_GT(longest.size(), 6u);
    const auto asked = longest.substr(0, longest.size() - 2);
    const auto r = lbtrack({"history", asked});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("did you mean: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(longest), std::string::npos) << r.err;
}

TEST_F(Answers, BoardAsOfEchoesTheAskedAndTheFoundDate) {
    // Asked for the last file's day, the answer names it and the snapshot actually shown.
    const auto last_day = fixture_files().back().stem().string();
    const auto r =
        lbtrack({"board", "--source", "lmarena-text", "--as-of", last_day, "--top", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("as of " + last_day + ": snapshot of "), std::string::npos) << r.out;
}

TEST_F(Answers, DiffFromLaterThanToIsAUsageError) {
    const auto files = fixture_files();
    const auto r = lbtrack({"diff", "--source", "lmarena-text", "--from",
                            files.back().stem().string(), "--to", files.front().stem().string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("later than --to"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(Answers, MoversSaysWhatItComparedWhenNothingMoved) {
    // A start after the newest snapshot: nothing to compare, and the answer says why.
    const auto r = lbtrack({"movers", "--since", "2099-01-01", "--source", "lmarena-text"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Nothing moved"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("lmarena-text: its latest snapshot"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("older than the start"), std::string::npos) << r.out;
}

TEST_F(Answers, ReplayFollowsRelativeSymlinksInASymlinkedFolder) {
    // A scraper's files, and a folder of relative links to them reached through a link.
    temp_dir root;
    const fs::path scraped = fs::path(root.path()) / "scraper";
    const fs::path links = fs::path(root.path()) / "links";
    fs::create_directories(scraped);
    fs::create_directories(links);
    for (const auto& f : fixture_files()) {
        fs::copy_file(f, scraped / f.filename());
        fs::create_symlink(fs::path("../scraper") / f.filename(), links / f.filename());
    }
    fs::create_directory_symlink(links, fs::path(root.path()) / "via");
    const auto r =
        lbtrack({"replay", "--source", "lmarena-vision", (fs::path(root.path()) / "via").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE source_id = 'lmarena-vision'"),
              count("SELECT count(*) FROM snapshot WHERE source_id = 'lmarena-text'"));
}

TEST_F(Answers, RunWithNoAnswerFromAnySourceSaysOnceHowToTryOffline) {
    const auto r = lbtrack({"run", "--source", "lmarena-text", "--source", "lmarena-vision",
                            "--mirror", std::string(upstream_prefix) + "=http://127.0.0.1:9/"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto first = r.err.find("--demo");
    ASSERT_NE(first, std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("--demo", first + 1), std::string::npos) << r.err;
}

} // namespace
