// Upstream text PostgreSQL would refuse (invalid UTF-8, NUL, control characters, a name too long
// for a btree index) fails its own source, named by file, data row and column, before anything
// is stored; the other sources of a run and the other days of a replay go on (issue 16, item 1).
// Before, the byte failed inside PostgreSQL with no context and aborted the whole run.

#include "cli_test_support.hpp"

#include <fstream>

namespace {

using namespace lbtrack::test;

const std::string good_board = "model,score\nGemini-2.5-Pro,1472\no3-2025-04-16,1428\n";

class UntrustedText : public cli_test {
protected:
    /// A config of one CSV source per id, each read from `dir`/ID.csv through file://.
    std::string config_for(const std::vector<std::string>& ids) {
        const auto config = dir_.path() + "/sources.toml";
        std::ofstream out(config);
        for (const auto& id : ids) {
            out << "[[source]]\nid = \"" << id << "\"\nurl = \"file://" << dir_.path() << "/" << id
                << ".csv\"\nformat = \"csv\"\n[source.columns]\nmodel = \"model\"\n"
                << "score = \"score\"\n\n";
        }
        return config;
    }

    void write(const std::string& path, const std::string& bytes) {
        std::ofstream(path, std::ios::binary) << bytes;
    }

    long long snapshots(const std::string& source) {
        return count("SELECT count(*) FROM snapshot WHERE source_id = '" + source + "'");
    }

    /// The error of the source's last failed fetch.
    std::string last_error(const std::string& source) {
        pqxx::connection conn(db_url_);
        pqxx::nontransaction tx(conn);
        const auto r = tx.exec("SELECT error FROM fetch_log WHERE source_id = '" + source +
                               "' AND status = 'failed' ORDER BY id DESC LIMIT 1");
        return r.empty() ? "" : r[0][0].as<std::string>();
    }

    temp_dir dir_;
};

TEST_F(UntrustedText, RunStoresTheOtherSourceWhenOneHasAnInvalidByte) {
    const auto config = config_for({"bad", "good"});
    write(dir_.path() + "/bad.csv", "model,score\nGemini-2.5-Pro,1472\no3\xff,1428\n");
    write(dir_.path() + "/good.csv", good_board);
    const auto r = run_lbtrack({"--config", config, "run"}, env_);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(snapshots("good"), 1);
    EXPECT_EQ(snapshots("bad"), 0);
    const std::string named = "bad.csv: data row 2, column 'model' (model name): invalid UTF-8 "
                              "at byte 3 (0xff): 'o3\\xff'";
    EXPECT_NE(last_error("bad").find(named), std::string::npos) << last_error("bad");
    EXPECT_NE(r.err.find("source 'bad'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(named), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("unexpected error"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("run finished: 2 source(s), 1 failed"), std::string::npos) << r.err;
}

// The name of 3,000 bytes used to fail as "index row size 3016 exceeds btree maximum" on the
// model table's unique key.
TEST_F(UntrustedText, RunRefusesANameTooLongForTheIndexAndStoresTheOthers) {
    const auto config = config_for({"long", "good"});
    write(dir_.path() + "/long.csv", "model,score\n" + std::string(3000, 'x') + ",1\n");
    write(dir_.path() + "/good.csv", good_board);
    const auto r = run_lbtrack({"--config", config, "run"}, env_);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(snapshots("good"), 1);
    EXPECT_EQ(snapshots("long"), 0);
    // Refused as the row is read (issue 16 item 7, a cell over 4x the name limit), with the
    // message of the 512-byte limit on a cleaned name: the limit a user can act on.
    EXPECT_NE(last_error("long").find("data row 1, column 'model' (model name): 3000 "
                                      "bytes, over the limit of 512"),
              std::string::npos)
        << last_error("long");
}

// An error that quotes an upstream header cell holding an invalid byte (schema drift here) is
// recorded with the byte escaped: recording it raw failed in PostgreSQL in turn.
TEST_F(UntrustedText, AFailureQuotingAnInvalidByteIsRecordedEscaped) {
    const auto config = config_for({"drift", "good"});
    write(dir_.path() + "/drift.csv", "model,sc\xff\x1bore\na,1\n");
    write(dir_.path() + "/good.csv", good_board);
    const auto r = run_lbtrack({"--config", config, "run"}, env_);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(snapshots("good"), 1);
    EXPECT_NE(last_error("drift").find("new column(s) sc\\xff\\u001bore"), std::string::npos)
        << last_error("drift");
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
}

// A replay of three days whose middle one holds a NUL in a name: days 1 and 3 are stored, the
// middle day is recorded as failed with its file, row and column, and the exit code is 1.
// `extract` reports the same error for the bad day.
TEST_F(UntrustedText, ReplayStoresTheDaysAroundABadOneAndExtractAgrees) {
    const auto config = config_for({"days"});
    temp_dir days;
    write(days.path() + "/2025-07-01.csv", good_board);
    const char middle[] = "model,score\nGemini-2.5-Pro,1472\no3\0x,1428\n";
    write(days.path() + "/2025-07-02.csv", std::string(middle, sizeof middle - 1));
    write(days.path() + "/2025-07-03.csv", "model,score\nGemini-2.5-Pro,1480\no3,1428\n");
    const auto r =
        run_lbtrack({"--config", config, "replay", "--source", "days", days.path()}, env_);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(snapshots("days"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE source_id = 'days' AND observed_at IN "
                    "('2025-07-01', '2025-07-03')"),
              2);
    EXPECT_EQ(count("SELECT count(*) FROM fetch_log WHERE status = 'failed'"), 1);
    const std::string named = "2025-07-02.csv: data row 2, column 'model' (model name): control "
                              "character U+0000 at byte 3: 'o3\\u0000x'";
    EXPECT_NE(last_error("days").find(named), std::string::npos) << last_error("days");

    const auto extracted = run_lbtrack(
        {"--config", config, "extract", "--source", "days", days.path() + "/2025-07-02.csv"}, env_);
    EXPECT_EQ(extracted.exit_code, 1) << extracted.err;
    EXPECT_NE(extracted.err.find(named), std::string::npos) << extracted.err;
}

// A log line quotes upstream cells (here the warning for a row left out under malformed_rows =
// skip): its control characters are escaped, so ESC[2J, the C1 byte 0x9b or a line break in a
// cell neither reaches the terminal raw nor starts a forged log line (issue 16, item 2).
TEST_F(UntrustedText, LogLinesEscapeControlCharactersOfUpstreamCells) {
    const auto config = dir_.path() + "/skip.toml";
    std::ofstream(config) << "[[source]]\nid = \"skip\"\nurl = \"file:///x.csv\"\n"
                             "format = \"csv\"\nmalformed_rows = \"skip\"\n[source.columns]\n"
                             "model = \"model\"\nscore = \"score\"\n";
    const auto file = dir_.path() + "/day.csv";
    write(file, "model,score\na,1\nb,\"\x1b[2J\xc2\x9b\n2026-01-01 00:00:00 error: forged\"\n");
    const auto r = run_lbtrack({"--config", config, "extract", "--source", "skip", file}, env_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("'\\u001b[2J\\u009b\\n2026-01-01 00:00:00 error: forged' is not a number"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("\x9b"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("\n2026-01-01 00:00:00 error: forged"), std::string::npos) << r.err;
}

// `extract --format` prints a payload's raw cells, before any validation: escaped, so a cell
// cannot clear the screen or forge a row of the table.
TEST_F(UntrustedText, ExtractTableEscapesControlCharactersOfRawCells) {
    const auto file = dir_.path() + "/raw.csv";
    write(file, "model,score\n\"\x1b[2Ja\nforged | 9\",1\nb\xc2\x9b\xff,2\n");
    const auto r = run_lbtrack({"extract", "--format", "csv", file}, env_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "model | score\n\\u001b[2Ja\\nforged | 9 | 1\nb\\u009b\\xff | 2\n2 rows, 2 "
                     "columns\n");
}

// Snapshots stored before the text rules of item 1 may hold names with control characters: the
// query commands' text and Markdown tables show them escaped (issue 16, item 2).
TEST_F(UntrustedText, QueryTablesEscapeControlCharactersOfStoredNames) {
    write(dir_.path() + "/q.csv", good_board);
    const auto config = config_for({"q"});
    ASSERT_EQ(run_lbtrack({"--config", config, "run"}, env_).exit_code, 0);
    const std::string hostile = "\x1b[2J\x1b]8;;https://evil.example/\x1b\\o3\x1b]8;;\x1b\\"
                                "\xc2\x9b"
                                "31m\nforged | row";
    {
        pqxx::connection conn(db_url_);
        pqxx::work tx(conn);
        tx.exec_params0("UPDATE entry SET raw_name = $1 WHERE raw_name = 'o3-2025-04-16'", hostile);
        tx.commit();
    }
    const std::string shown = "\\u001b[2J\\u001b]8;;https://evil.example/\\u001b\\o3"
                              "\\u001b]8;;\\u001b\\\\u009b31m\\nforged | row";
    const auto text = run_lbtrack({"--config", config, "board", "--source", "q"}, env_);
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find(shown), std::string::npos) << text.out;
    const auto md =
        run_lbtrack({"--config", config, "board", "--source", "q", "--format", "md"}, env_);
    ASSERT_EQ(md.exit_code, 0) << md.err;
    EXPECT_NE(md.out.find("\\nforged \\| row |"), std::string::npos) << md.out;
    for (const auto* out : {&text.out, &md.out}) {
        EXPECT_EQ(out->find('\x1b'), std::string::npos) << *out;
        EXPECT_EQ(out->find("\xc2\x9b"), std::string::npos) << *out;
        EXPECT_EQ(out->find("\nforged"), std::string::npos) << *out;
    }
    // history's text lists the printed name too.
    const auto history = run_lbtrack({"--config", config, "history", "o3-2025-04-16"}, env_);
    ASSERT_EQ(history.exit_code, 0) << history.err;
    EXPECT_NE(history.out.find(shown), std::string::npos) << history.out;
    EXPECT_EQ(history.out.find('\x1b'), std::string::npos) << history.out;
}

// libpq quotes a malformed URI's password in its error ("invalid percent-encoded token:
// \"Pw%ZZsecret\""): lbtrack prints the message with the password masked.
TEST_F(UntrustedText, MalformedDatabaseUrlNeverPrintsThePassword) {
    cli_env env;
    env.database_url = "postgresql://u:Pw%ZZsecret@127.0.0.1:5/db";
    const auto r = run_lbtrack({"--config", real_config(), "-v", "run"}, env);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("cannot connect to PostgreSQL"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("ZZsecret"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("ZZsecret"), std::string::npos) << r.out;
}

} // namespace
