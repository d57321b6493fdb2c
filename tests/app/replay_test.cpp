#include "cli_test_support.hpp"

#include <fstream>

namespace {

using namespace lbtrack::test;

class Replay : public cli_test {};

TEST_F(Replay, StoresOneSnapshotPerDistinctFileAndSaysSo) {
    const auto r = lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    // 13 data rows in each of the two distinct files.
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 26);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'unchanged'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM payload"), 2);
    EXPECT_NE(r.err.find("3 file(s): 2 stored (26 rows), 1 unchanged, 0 already stored, 0 failed"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("ignoring"), std::string::npos) << "notes.txt is not a dated file";
    // Snapshots are observed on the files' dates.
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE observed_at IN "
                    "('2025-07-01 00:00+00', '2025-07-02 00:00+00')"),
              2);
}

TEST_F(Replay, AgainStoresNothingNew) {
    ASSERT_EQ(lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")}).exit_code, 0);
    const auto fetches = count("SELECT count(*) FROM fetch_log");
    const auto r = lbtrack({"replay", "--source", "lmarena-text", fixture("lmarena")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 26);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log"), fetches);
    EXPECT_NE(r.err.find("0 stored (0 rows), 0 unchanged, 3 already stored"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("nothing new"), std::string::npos) << r.err;
}

TEST_F(Replay, ReportPrintsEachStoredDayAsMarkdown) {
    const auto r =
        lbtrack({"replay", "--source", "lmarena-text", "--report", "md", fixture("lmarena")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("First snapshot, 2025-07-01 (13 rows)."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Compared 2025-07-01 → 2025-07-02 (13 → 13 rows)."), std::string::npos)
        << r.out;
}

TEST_F(Replay, FolderWithoutDatedFilesIsAUsageError) {
    temp_dir empty;
    const auto r = lbtrack({"replay", "--source", "lmarena-text", empty.path()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("no files named YYYY-MM-DD"), std::string::npos) << r.err;
}

TEST_F(Replay, UnknownSourceIsAUsageError) {
    const auto r = lbtrack({"replay", "--source", "nope", fixture("lmarena")});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("unknown source 'nope'"), std::string::npos) << r.err;
}

} // namespace
