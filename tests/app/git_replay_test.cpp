// `lbtrack replay --git REPO:PATH`: a scraper's git history of one board, built here with libgit2
// and fixed committer times from the lmarena fixtures, replayed into a fresh database.

#include "cli_test_support.hpp"
#include "pipeline/progress_meter.hpp"
#include "support/scraped_repo.hpp"

#include "lbtrack/core/sha256.hpp"
#include "lbtrack/ingest/git_handles.hpp"
#include "lbtrack/ingest/git_history.hpp"
#include "lbtrack/ingest/git_lfs.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace {

using namespace lbtrack::test;
namespace git = lbtrack::ingest::git;
using namespace std::chrono;

const std::string board_path = "boards/lmarena_text.csv";

std::string fixture_bytes(const std::string& name) {
    std::ifstream in(fixture("lmarena/" + name), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
}

/// Seconds since the epoch of July `day`, 2025, `hour`:00 UTC.
std::int64_t july(unsigned day, int hour) {
    const sys_seconds t = sys_days{year{2025} / July / day} + hours{hour};
    return t.time_since_epoch().count();
}

/// The history the tests share: three versions of the board in six commits.
struct board_history {
    scraped_repo repo;
    std::string first;    ///< 07-01 10:00, the 07-01 file
    std::string second;   ///< 07-02 10:00, the 07-02 file
    std::string re_added; ///< 07-05 10:00, the 07-02 file again after a deletion

    board_history() {
        first = repo.commit({{board_path, fixture_bytes("2025-07-01.csv")}}, july(1, 10),
                            "board of 07-01");
        repo.commit({{"README.md", "scraped daily\n"}}, july(1, 18), "readme: not the board");
        second = repo.commit({{board_path, fixture_bytes("2025-07-02.csv")}}, july(2, 10),
                             "board of 07-02");
        // 07-03's file is byte-identical to 07-02's: the same blob, no version.
        repo.commit({{board_path, fixture_bytes("2025-07-03.csv")}, {"notes.txt", "07-03\n"}},
                    july(3, 10), "board of 07-03 (unchanged) and a note");
        repo.commit({{board_path, std::nullopt}}, july(4, 10), "scraper broke: board deleted");
        re_added = repo.commit({{board_path, fixture_bytes("2025-07-02.csv")}}, july(5, 10),
                               "board back, as on 07-02");
    }

    std::string spec() const { return repo.path() + ":" + board_path; }
};

class GitReplay : public cli_test {
protected:
    cli_result replay(const std::string& spec, std::vector<std::string> more = {}) {
        std::vector<std::string> args{"replay", "--source", "lmarena-text", "--git", spec};
        args.insert(args.end(), more.begin(), more.end());
        return lbtrack(args);
    }
};

TEST_F(GitReplay, StoresEachDistinctVersionAtItsCommitTime) {
    const board_history h;
    const auto r = replay(h.spec());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Two distinct boards; the re-added 07-02 board is identical to the snapshot before it.
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE observed_at IN "
                    "('2025-07-01 10:00+00', '2025-07-02 10:00+00')"),
              2);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 26);
    EXPECT_EQ(count("SELECT count(*) FROM payload"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'unchanged' "
                    "AND started_at = '2025-07-05 10:00+00' AND url LIKE '%:" +
                    board_path + "@" + h.re_added + "'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log f JOIN snapshot s ON s.id = f.snapshot_id "
                    "WHERE f.url LIKE 'git:%@" +
                    h.second + "' AND s.observed_at = '2025-07-02 10:00+00'"),
              1);
    EXPECT_NE(r.err.find("3 version(s) in 6 commit(s) of HEAD, 0 already replayed before; 3 "
                         "replayed"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("2 stored (26 rows), 1 unchanged, 0 already stored, 0 failed"),
              std::string::npos)
        << r.err;
    // stderr is not a terminal here: no progress line.
    EXPECT_EQ(r.err.find("versions, "), std::string::npos) << r.err;
}

TEST_F(GitReplay, AgainStoresNothingAndOneMoreCommitStoresOneMoreSnapshot) {
    board_history h;
    ASSERT_EQ(replay(h.spec()).exit_code, 0);
    const auto fetches = count("SELECT count(*) FROM fetch_log");

    const auto again = replay(h.spec());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log"), fetches);
    EXPECT_NE(again.err.find("nothing new: all 3 version(s) up to commit " +
                             h.re_added.substr(0, 8) +
                             " (2025-07-05 10:00 UTC) are already "
                             "replayed"),
              std::string::npos)
        << again.err;

    // The board goes back to its 07-01 state: a new snapshot (it differs from the one before).
    h.repo.commit({{board_path, fixture_bytes("2025-07-01.csv")}}, july(6, 10), "back to 07-01");
    const auto more = replay(h.spec());
    ASSERT_EQ(more.exit_code, 0) << more.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE observed_at = '2025-07-06 10:00+00'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log"), fetches + 1);
    EXPECT_NE(more.err.find("resuming after commit " + h.re_added.substr(0, 8)), std::string::npos)
        << more.err;
    EXPECT_NE(more.err.find("1 stored (13 rows), 0 unchanged"), std::string::npos) << more.err;
}

TEST_F(GitReplay, ReportPrintsEachStoredVersionAsMarkdown) {
    const board_history h;
    const auto r = replay(h.spec(), {"--report", "md"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("First snapshot, 2025-07-01 10:00 UTC (13 rows)."), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("Compared 2025-07-01 10:00 UTC → 2025-07-02 10:00 UTC (13 → 13 rows)."),
              std::string::npos)
        << r.out;
}

TEST_F(GitReplay, ReportJsonHasOneLinePerStoredVersion) {
    const board_history h;
    const auto r = replay(h.spec(), {"--report", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t lines = 0;
    std::istringstream out(r.out);
    for (std::string line; std::getline(out, line);) {
        EXPECT_EQ(line.front(), '{') << line;
        ++lines;
    }
    EXPECT_EQ(lines, 2u) << r.out;
}

/// 07-02's board with its score column renamed: schema drift.
std::string drifted_board() {
    auto bytes = fixture_bytes("2025-07-02.csv");
    bytes.replace(bytes.find("arena_score"), 11, "elo");
    return bytes;
}

TEST_F(GitReplay, FailedVersionIsReportedByCommitAndTheReplayGoesOn) {
    scraped_repo repo;
    repo.commit({{board_path, fixture_bytes("2025-07-01.csv")}}, july(1, 10), "07-01");
    const auto bad = repo.commit({{board_path, drifted_board()}}, july(2, 10), "07-02 drifted");
    repo.commit({{board_path, fixture_bytes("2025-07-02.csv")}}, july(3, 10), "07-03");
    const auto spec = repo.path() + ":" + board_path;

    const auto r = replay(spec, {"--report", "md"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed' AND url LIKE '%@" +
                    bad + "'"),
              1);
    const auto named = board_path + " at commit " + bad.substr(0, 8);
    EXPECT_NE(r.err.find("commit " + bad.substr(0, 8) + " (2025-07-02 10:00 UTC)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(named + ": schema drift"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("## Failed sources"), std::string::npos) << r.out;
    // The Markdown report escapes what Markdown would interpret ("_" in the path).
    std::string named_md;
    for (char c : named) {
        named_md += c == '_' ? std::string("\\_") : std::string(1, c);
    }
    EXPECT_NE(r.out.find(named_md), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("2 stored (26 rows), 0 unchanged, 0 already stored, 1 failed"),
              std::string::npos)
        << r.err;

    // A version stored after the failed one: the next call resumes after it, nothing to retry.
    const auto again = replay(spec);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("nothing new"), std::string::npos) << again.err;
}

TEST_F(GitReplay, FailedNewestVersionIsRetriedByTheNextCall) {
    scraped_repo repo;
    repo.commit({{board_path, fixture_bytes("2025-07-01.csv")}}, july(1, 10), "07-01");
    repo.commit({{board_path, drifted_board()}}, july(2, 10), "07-02 drifted");
    const auto spec = repo.path() + ":" + board_path;

    EXPECT_EQ(replay(spec).exit_code, 1);
    // Nothing stored after it, so it is tried again (a config fix would now let it in).
    const auto again = replay(spec);
    EXPECT_EQ(again.exit_code, 1) << again.err;
    EXPECT_NE(again.err.find("resuming after commit"), std::string::npos) << again.err;
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 1);
}

/// Puts `bytes` in the LFS store of `repo` as `git lfs fetch` would (unless `store` is false)
/// and returns the pointer text a commit holds instead of them.
std::string lfs_pointer_to(const scraped_repo& repo, const std::string& bytes, bool store = true) {
    const auto oid = lbtrack::sha256_hex(bytes);
    if (store) {
        const auto object = std::filesystem::path(repo.path()) / ".git" / "lfs" / "objects" /
                            oid.substr(0, 2) / oid.substr(2, 2) / oid;
        std::filesystem::create_directories(object.parent_path());
        std::ofstream(object, std::ios::binary) << bytes;
    }
    return "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize " +
           std::to_string(bytes.size()) + "\n";
}

TEST_F(GitReplay, VersionsKeptInGitLfsAreReadFromTheLfsStore) {
    scraped_repo repo;
    const auto second = fixture_bytes("2025-07-02.csv");
    repo.commit({{board_path, fixture_bytes("2025-07-01.csv")}}, july(1, 10), "07-01");
    // The scraper moves its boards to LFS: from here on the commits hold pointers.
    repo.commit({{".gitattributes", "*.csv filter=lfs diff=lfs merge=lfs -text\n"},
                 {board_path, lfs_pointer_to(repo, second)}},
                july(2, 10), "07-02, boards in LFS");
    const auto r = replay(repo.path() + ":" + board_path);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM entry"), 26);
    // What is stored for 07-02 is the board itself, not its pointer.
    EXPECT_EQ(count("SELECT count(*) FROM payload WHERE encode(sha256, 'hex') = '" +
                    lbtrack::sha256_hex(second) +
                    "' AND size_bytes = " + std::to_string(second.size())),
              1);
}

TEST_F(GitReplay, AMissingOrDamagedLfsObjectStopsTheReplayWithWhatToRun) {
    scraped_repo repo;
    const auto second = fixture_bytes("2025-07-02.csv");
    repo.commit({{board_path, fixture_bytes("2025-07-01.csv")}}, july(1, 10), "07-01");
    const auto pointer = lfs_pointer_to(repo, second, false);
    const auto lfs = repo.commit({{board_path, pointer}}, july(2, 10), "07-02 in LFS");
    repo.commit({{board_path, fixture_bytes("2025-07-03.csv") + "\n"}}, july(3, 10),
                "07-03, out of LFS again");
    const auto spec = repo.path() + ":" + board_path;

    const auto missing = replay(spec);
    EXPECT_EQ(missing.exit_code, 1) << missing.err;
    EXPECT_NE(missing.err.find("commit " + lfs.substr(0, 8) + ": the file is in Git LFS"),
              std::string::npos)
        << missing.err;
    EXPECT_NE(missing.err.find("is not in " + repo.path() + "/.git/lfs/objects"), std::string::npos)
        << missing.err;
    EXPECT_NE(missing.err.find("run `git lfs fetch --all` in " + repo.path()), std::string::npos)
        << missing.err;
    // What came before is kept; nothing after the missing version is stored.
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 1);

    // A download cut short is not taken for the board.
    const auto oid = lbtrack::sha256_hex(second);
    const auto object = std::filesystem::path(repo.path()) / ".git/lfs/objects" / oid.substr(0, 2) /
                        oid.substr(2, 2) / oid;
    std::filesystem::create_directories(object.parent_path());
    std::ofstream(object, std::ios::binary) << second.substr(0, second.size() / 2);
    const auto damaged = replay(spec);
    EXPECT_EQ(damaged.exit_code, 1) << damaged.err;
    EXPECT_NE(damaged.err.find("does not hold it"), std::string::npos) << damaged.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 1);

    // Once fetched, the replay goes on from there.
    std::ofstream(object, std::ios::binary | std::ios::trunc) << second;
    const auto fetched = replay(spec);
    EXPECT_EQ(fetched.exit_code, 0) << fetched.err;
    EXPECT_NE(fetched.err.find("resuming after commit"), std::string::npos) << fetched.err;
    // 07-03 is 07-02's board with a newline added: the same board, recorded unchanged.
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'unchanged'"), 1);
}

TEST(GitLfsPointer, ParsesPointersAndNothingElse) {
    using lbtrack::ingest::parse_lfs_pointer;
    const std::string oid(64, 'a');
    const auto p = parse_lfs_pointer(
        "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize 12345\n");
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->oid, oid);
    EXPECT_EQ(p->size, 12345u);
    EXPECT_TRUE(parse_lfs_pointer("version https://hawser.github.com/spec/v1\next-0-x sha256:" +
                                  oid + "\noid sha256:" + oid + "\nsize 1\n"));
    EXPECT_EQ(lbtrack::ingest::lfs_object_path("/r/.git", *p),
              std::filesystem::path("/r/.git/lfs/objects/aa/aa/" + oid));

    EXPECT_FALSE(parse_lfs_pointer("model,arena_score\nversion,1\n"));
    EXPECT_FALSE(parse_lfs_pointer("oid sha256:" + oid +
                                   "\nversion "
                                   "https://git-lfs.github.com/spec/v1\nsize 1\n"));
    EXPECT_FALSE(parse_lfs_pointer("version https://git-lfs.github.com/spec/v1\noid sha256:" + oid +
                                   "\n")); // no size
    EXPECT_FALSE(parse_lfs_pointer("version https://git-lfs.github.com/spec/v1\noid sha256:" +
                                   std::string(64, 'A') + "\nsize 1\n"));
    EXPECT_FALSE(parse_lfs_pointer("version https://git-lfs.github.com/spec/v1\noid sha256:" + oid +
                                   "\nsize 1")); // no final line end
    EXPECT_FALSE(parse_lfs_pointer("version https://git-lfs.github.com/spec/v1\noid sha256:" + oid +
                                   "\nsize 1\n" + std::string(1024, '#') + "\n"));
}

TEST_F(GitReplay, AFileRenamedAlongTheWayIsReplayedNameByName) {
    // The scraper renamed its file; each name is replayed in turn (README), oldest first.
    scraped_repo repo;
    const std::string old_path = "leaderboard.csv";
    repo.commit({{old_path, fixture_bytes("2025-07-01.csv")}}, july(1, 10), "07-01");
    repo.commit({{old_path, fixture_bytes("2025-07-02.csv")}}, july(2, 10), "07-02");
    repo.commit({{old_path, std::nullopt}, {board_path, fixture_bytes("2025-07-02.csv")}},
                july(3, 10), "rename");
    repo.commit({{board_path, fixture_bytes("2025-07-01.csv")}}, july(4, 10), "07-04");

    const auto before = replay(repo.path() + ":" + old_path);
    ASSERT_EQ(before.exit_code, 0) << before.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
    const auto after = replay(repo.path() + ":" + board_path);
    ASSERT_EQ(after.exit_code, 0) << after.err;
    // The renamed file's first version is the last one under the old name: unchanged.
    EXPECT_NE(after.err.find("1 stored (13 rows), 1 unchanged"), std::string::npos) << after.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE observed_at = '2025-07-04 10:00+00'"), 1);
    // Both names are resumed by their own records.
    EXPECT_NE(replay(repo.path() + ":" + old_path).err.find("nothing new"), std::string::npos);
    EXPECT_NE(replay(repo.path() + ":" + board_path).err.find("nothing new"), std::string::npos);
}

TEST_F(GitReplay, CommitsInTheSameSecondKeepTheirOrder) {
    scraped_repo repo;
    repo.commit({{board_path, fixture_bytes("2025-07-01.csv")}}, july(1, 10), "07-01");
    repo.commit({{board_path, fixture_bytes("2025-07-02.csv")}}, july(1, 10), "07-02, same second");
    const auto r = replay(repo.path() + ":" + board_path);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE observed_at = "
                    "'2025-07-01 10:00:00.000001+00'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 2);
}

TEST_F(GitReplay, RefNamesWhereTheWalkStarts) {
    const board_history h;
    // At the first commit only the first version exists.
    const auto r = replay(h.spec() + "@" + h.first);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count("SELECT count(*) FROM snapshot"), 1);
    EXPECT_NE(r.err.find("1 version(s) in 1 commit(s) of " + h.first), std::string::npos) << r.err;
}

TEST_F(GitReplay, WhatIsNotThereIsAUsageError) {
    const board_history h;
    temp_dir plain;
    const auto expect_usage = [&](const std::string& spec, const std::string& says) {
        const auto r = replay(spec);
        EXPECT_EQ(r.exit_code, 2) << spec << ": " << r.err;
        EXPECT_NE(r.err.find(says), std::string::npos) << spec << ": " << r.err;
    };
    expect_usage(plain.path() + ":" + board_path, "not a git repository");
    expect_usage(plain.path() + "/nope:" + board_path, "not a git repository: no such folder");
    expect_usage(h.repo.path() + ":boards/other.csv",
                 "'boards/other.csv' is in none of the 6 commit(s) of the first-parent history "
                 "of HEAD");
    expect_usage(h.repo.path() + ":boards", "is a folder or a submodule in commit");
    expect_usage(h.repo.path() + ":" + board_path + "@no-such-branch",
                 "'no-such-branch' names no commit");
    expect_usage(h.repo.path(), "expected REPO:PATH[@REF]");
    expect_usage(h.repo.path() + ":/" + board_path, "relative to the repository's root");
    // All found before the database was opened: not even the migrations ran.
    EXPECT_EQ(count("SELECT count(*) FROM pg_tables WHERE tablename = 'fetch_log'"), 0);
}

TEST_F(GitReplay, DirAndGitTogetherOrNeitherIsAUsageError) {
    const board_history h;
    EXPECT_EQ(lbtrack({"replay", "--source", "lmarena-text", "--git", h.spec(), fixture("lmarena")})
                  .exit_code,
              2);
    EXPECT_EQ(lbtrack({"replay", "--source", "lmarena-text"}).exit_code, 2);
}

TEST(GitFileSpec, SplitsRepoPathAndRef) {
    using lbtrack::ingest::parse_git_file_spec;
    auto s = parse_git_file_spec("/srv/scrape:data/board.csv");
    EXPECT_EQ(s.repo, "/srv/scrape");
    EXPECT_EQ(s.path, "data/board.csv");
    EXPECT_EQ(s.ref, "HEAD");
    s = parse_git_file_spec("../scrape:board.csv@origin/main");
    EXPECT_EQ(s.repo, "../scrape");
    EXPECT_EQ(s.path, "board.csv");
    EXPECT_EQ(s.ref, "origin/main");
    // A PATH holding '@' needs an explicit REF.
    s = parse_git_file_spec("r:board@2x.csv@HEAD");
    EXPECT_EQ(s.path, "board@2x.csv");
    for (const char* bad : {"no-colon", ":board.csv", "r:", "r:board.csv@", "r:/abs.csv", "r:dir/",
                            "r:a//b.csv", "r:../up.csv", "r:./b.csv"}) {
        EXPECT_THROW(parse_git_file_spec(bad), lbtrack::usage_error) << bad;
    }
}

TEST(ProgressLine, CountRateAndEta) {
    using lbtrack::app::progress_line;
    EXPECT_EQ(progress_line("lmarena-text", "versions", 0, 300, seconds(0)),
              "lmarena-text: 0/300 versions");
    EXPECT_EQ(progress_line("lmarena-text", "versions", 100, 300, seconds(4)),
              "lmarena-text: 100/300 versions, 25.0/s, ETA 8s");
    EXPECT_EQ(progress_line("x", "versions", 10, 1000, seconds(10)),
              "x: 10/1000 versions, 1.0/s, ETA 16m30s");
    EXPECT_EQ(progress_line("x", "versions", 1, 10000, seconds(1)),
              "x: 1/10000 versions, 1.0/s, ETA 2h46m");
    EXPECT_EQ(progress_line("x", "versions", 300, 300, milliseconds(1500)),
              "x: 300/300 versions, 200.0/s, took 2s");
}

} // namespace
