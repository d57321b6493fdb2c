// The pages of `lbtrack serve` and their JSON and CSV forms, checked against what the test
// stored (queried back from the database, not written down) and read with independent parsers.

#include "serve/serve_test_support.hpp"

#include "lbtrack/store/notification_outbox.hpp"
#include "lbtrack/store/run_lock.hpp"

#include <set>
#include <thread>

namespace {

using namespace lbtrack::test;
using namespace std::chrono_literals;

class Pages : public serve_test {
protected:
    void SetUp() override {
        serve_test::SetUp();
        // alpha: a new leader on the second day, one model arriving and one leaving.
        put_board("alpha", day(2025, 7, 1),
                  {{"Model A", 1, 1300, {}, {}, 5, 1000},
                   {"Model B", 2, 1290, {}, {}, 6, 900},
                   {"Model C", 3, 1280, {}, {}, 7, 800}});
        put_board("alpha", day(2025, 7, 2),
                  {{"Model B", 1, 1310, {}, {}, 5, 950},
                   {"Model A", 2, 1301, {}, {}, 5, 1100},
                   {"Model D", 3, 1270, {}, {}, 9, 100}});
        put_board("beta", day(2025, 7, 2), {{"Model A", 1, 80.5}, {"文心一言", 2, 70.25}});
    }

    long long sql_count(const std::string& sql) {
        pqxx::read_transaction tx(*conn_);
        return tx.exec1(sql)[0].as<long long>();
    }

    std::string sql_text(const std::string& sql) {
        pqxx::read_transaction tx(*conn_);
        return tx.exec1(sql)[0].as<std::string>();
    }

    /// The keys of a snapshot's rows, by the day it was observed.
    std::set<std::string> keys_on(const std::string& board, const std::string& date) {
        pqxx::read_transaction tx(*conn_);
        std::set<std::string> keys;
        for (const auto& r :
             tx.exec_params("SELECT m.canonical_key FROM entry e JOIN model m ON m.id = e.model_id "
                            "JOIN snapshot s ON s.id = e.snapshot_id WHERE s.source_id = $1 "
                            "AND s.observed_at::date = $2::date",
                            board, date)) {
            keys.insert(r[0].as<std::string>());
        }
        return keys;
    }

    std::unique_ptr<inspected> json_of(const std::string& target) {
        const auto r = get(target);
        EXPECT_EQ(r.status, 200u) << target << ": " << r.body;
        auto doc = inspect("json", r.body);
        EXPECT_TRUE(doc->ok) << target << ": " << doc->error;
        return doc;
    }
};

TEST_F(Pages, TheBoardsIndexListsEveryBoardWithItsLatestSnapshotAndLeader) {
    start();
    const auto doc = json_of("/boards.json");
    ASSERT_TRUE(doc->ok);
    simdjson::dom::array boards = doc->root["boards"];
    EXPECT_EQ(static_cast<long long>(boards.size()), sql_count("SELECT count(*) FROM source"));
    for (simdjson::dom::element b : boards) {
        const auto id = str(b, "board");
        const auto latest = fmt::format(
            "(SELECT id FROM snapshot WHERE source_id = '{}' ORDER BY observed_at DESC LIMIT 1)",
            id);
        EXPECT_EQ(int64_t(b["rows"]),
                  sql_count("SELECT row_count FROM snapshot WHERE id = " + latest))
            << id;
        EXPECT_EQ(
            int64_t(b["snapshots"]),
            sql_count(fmt::format("SELECT count(*) FROM snapshot WHERE source_id = '{}'", id)));
        EXPECT_EQ(str(b, "leader"), sql_text("SELECT raw_name FROM entry WHERE snapshot_id = " +
                                             latest + " ORDER BY rank LIMIT 1"))
            << id;
        EXPECT_EQ(str(b, "status"), "ok") << id;
    }
    // The same rows as CSV, read by Python's csv module.
    const auto csv = inspect("csv", get("/boards.csv").body);
    ASSERT_TRUE(csv->ok) << csv->error;
    simdjson::dom::array rows = csv->root;
    EXPECT_EQ(rows.size(), boards.size() + 1);
    // A sparkline of the leader's score for the board with several snapshots.
    const auto html = get("/").body;
    EXPECT_NE(html.find("<svg class=\"spark\""), std::string::npos);
}

TEST_F(Pages, AFailingBoardStandsOutOnTheIndex) {
    fail_fetch("beta", day(2025, 7, 2) + 12h, "HTTP 503 from example.org");
    start();
    const auto doc = json_of("/boards.json");
    for (simdjson::dom::element b : simdjson::dom::array(doc->root["boards"])) {
        EXPECT_EQ(str(b, "status"), str(b, "board") == "beta" ? "failing" : "ok");
        if (str(b, "board") == "beta") {
            EXPECT_NE(str(b, "reason").find("HTTP 503"), std::string::npos);
        }
    }
    const auto html = get("/").body;
    const auto row = html.find("<tr class=\"failing\">");
    ASSERT_NE(row, std::string::npos) << html;
    EXPECT_NE(html.substr(row, 200).find("beta"), std::string::npos);
    EXPECT_NE(html.find("class=\"callout\""), std::string::npos);
}

TEST_F(Pages, ABoardAsOfADateIsTheSnapshotInForceThenWithItsChanges) {
    start();
    for (const std::string date : {"2025-07-01", "2025-07-02"}) {
        const auto doc = json_of("/boards/alpha.json?as_of=" + date);
        EXPECT_EQ(str(doc->root["snapshot"], "observed_at"), date + "T00:00:00Z");
        std::set<std::string> keys;
        int64_t last_rank = 0;
        for (simdjson::dom::element r : simdjson::dom::array(doc->root["rows"])) {
            keys.insert(str(r, "model_key"));
            EXPECT_GT(int64_t(r["rank"]), last_rank) << "rows come by rank";
            last_rank = int64_t(r["rank"]);
        }
        EXPECT_EQ(keys, keys_on("alpha", date));
    }
    // The second day against the first: each row's rank change, "new" for arrivals.
    const auto day1 = keys_on("alpha", "2025-07-01");
    const auto doc = json_of("/boards/alpha.json?as_of=2025-07-02");
    const auto rank_on = [&](const std::string& date, const std::string& key) {
        return sql_count(fmt::format(
            "SELECT e.rank FROM entry e JOIN model m ON m.id = e.model_id JOIN snapshot s ON "
            "s.id = e.snapshot_id WHERE s.source_id = 'alpha' AND s.observed_at::date = '{}' "
            "AND m.canonical_key = '{}'",
            date, key));
    };
    for (simdjson::dom::element r : simdjson::dom::array(doc->root["rows"])) {
        const auto key = str(r, "model_key");
        if (day1.contains(key)) {
            EXPECT_EQ(int64_t(r["rank_change"]),
                      rank_on("2025-07-01", key) - rank_on("2025-07-02", key))
                << key;
        } else {
            EXPECT_TRUE(r["rank_change"].is_null()) << key;
        }
    }
    // The day's changes: arrivals and departures are the set differences of the two days.
    const auto day2 = keys_on("alpha", "2025-07-02");
    std::set<std::string> added;
    std::set<std::string> dropped;
    simdjson::dom::element changes = doc->root["changes"]["boards"].at(0);
    for (simdjson::dom::element e : simdjson::dom::array(changes["added"])) {
        added.insert(str(e, "model_key"));
    }
    for (simdjson::dom::element e : simdjson::dom::array(changes["dropped"])) {
        dropped.insert(str(e, "model_key"));
    }
    std::set<std::string> expect_added;
    std::set<std::string> expect_dropped;
    std::ranges::set_difference(day2, day1, std::inserter(expect_added, expect_added.end()));
    std::ranges::set_difference(day1, day2, std::inserter(expect_dropped, expect_dropped.end()));
    EXPECT_EQ(added, expect_added);
    EXPECT_EQ(dropped, expect_dropped);
    // The page shows them, and "new" in the Δ rank column.
    const auto html = get("/boards/alpha?as_of=2025-07-02").body;
    EXPECT_NE(html.find("New leader"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"num new\">new</td>"), std::string::npos);
    EXPECT_NE(html.find("class=\"standings\""), std::string::npos);
}

TEST_F(Pages, NavigationLinksEachSnapshotToItsNeighbours) {
    start();
    const auto first = get("/boards/alpha?as_of=2025-07-01").body;
    const auto second = get("/boards/alpha?as_of=2025-07-02").body;
    EXPECT_NE(first.find("href=\"/boards/alpha?as_of=2025-07-02T00%3A00%3A00Z\""),
              std::string::npos);
    EXPECT_NE(second.find("href=\"/boards/alpha?as_of=2025-07-01T00%3A00%3A00Z\""),
              std::string::npos);
    // Following the link gives that snapshot.
    const auto doc = json_of("/boards/alpha.json?as_of=2025-07-01T00%3A00%3A00Z");
    EXPECT_EQ(str(doc->root["snapshot"], "observed_at"), "2025-07-01T00:00:00Z");
    EXPECT_EQ(str(doc->root["next"], "observed_at"), "2025-07-02T00:00:00Z");
    EXPECT_TRUE(doc->root["previous"].is_null());
    // Before the first snapshot there is nothing: 404 saying so.
    const auto early = get("/boards/alpha?as_of=2025-06-01");
    EXPECT_EQ(early.status, 404u);
    EXPECT_NE(early.body.find("no snapshot at or before"), std::string::npos);
}

TEST_F(Pages, TheBoardAsCsvHasEveryRowAndReadsBack) {
    start();
    const auto csv = inspect("csv", get("/boards/alpha.csv").body);
    ASSERT_TRUE(csv->ok) << csv->error;
    simdjson::dom::array rows = csv->root;
    EXPECT_EQ(static_cast<long long>(rows.size()) - 1,
              sql_count("SELECT row_count FROM snapshot WHERE source_id = 'alpha' ORDER BY "
                        "observed_at DESC LIMIT 1"));
    // ?rows=N cuts every format to the first N by rank.
    const auto cut = json_of("/boards/alpha.json?rows=2");
    EXPECT_EQ(simdjson::dom::array(cut->root["rows"]).size(), 2u);
    EXPECT_EQ(int64_t(cut->root["rows_total"]), 3);
}

TEST_F(Pages, TheDiffPageComparesAnyTwoDates) {
    start();
    const auto doc = json_of("/boards/alpha/diff.json?from=2025-07-01&to=2025-07-02");
    simdjson::dom::element b = doc->root["boards"].at(0);
    EXPECT_EQ(str(b, "from"), "2025-07-01T00:00:00Z");
    EXPECT_EQ(str(b, "to"), "2025-07-02T00:00:00Z");
    EXPECT_FALSE(b["new_leader"].is_null());
    // Without parameters: the latest against the one before, the same diff.
    EXPECT_EQ(get("/boards/alpha/diff.json").body,
              get("/boards/alpha/diff.json?from=2025-07-01&to=2025-07-02").body);
    const auto csv = inspect("csv", get("/boards/alpha/diff.csv").body);
    ASSERT_TRUE(csv->ok);
    std::set<std::string> kinds;
    for (simdjson::dom::element row : simdjson::dom::array(csv->root)) {
        kinds.insert(std::string(std::string_view(row.at(0))));
    }
    for (const char* kind : {"kind", "new_leader", "added", "dropped"}) {
        EXPECT_TRUE(kinds.contains(kind)) << kind;
    }
    EXPECT_EQ(get("/boards/alpha/diff?from=2025-07-02&to=2025-07-01").status, 400u);
    EXPECT_NE(get("/boards/alpha/diff?from=2025-07-02&to=2025-07-02").body.find("same snapshot"),
              std::string::npos);
}

TEST_F(Pages, MoversAreTheRankChangesSinceADateLargestFirst) {
    start();
    const auto doc = json_of("/movers.json?since=2025-07-01");
    std::vector<int64_t> sizes;
    for (simdjson::dom::element m : simdjson::dom::array(doc->root["moves"])) {
        EXPECT_EQ(str(m, "board"), "alpha");
        const auto key = str(m, "model_key");
        EXPECT_TRUE(keys_on("alpha", "2025-07-01").contains(key) &&
                    keys_on("alpha", "2025-07-02").contains(key))
            << key;
        EXPECT_EQ(int64_t(m["change"]), int64_t(m["from"]) - int64_t(m["to"]));
        sizes.push_back(std::abs(int64_t(m["change"])));
    }
    EXPECT_FALSE(sizes.empty());
    EXPECT_TRUE(std::ranges::is_sorted(sizes, std::greater<>()));
    EXPECT_EQ(int64_t(doc->root["moves_total"]), static_cast<int64_t>(sizes.size()));
    // A span back from "now" (2025-07-03 in these tests) and a bad one.
    EXPECT_EQ(get("/movers.json?since=2d").body,
              get("/movers.json?since=2025-07-01T00:00:00Z").body);
    EXPECT_EQ(get("/movers?since=2x").status, 400u);
    EXPECT_EQ(get("/movers?top=0").status, 400u);
}

TEST_F(Pages, AModelPageShowsEveryBoardChartsAndSpellings) {
    auto options = test_options();
    // The rules today would put one spelling elsewhere: the page says so.
    options.explain = [](const std::string& name) {
        return lbtrack::serve::identity_explanation{name == "Model A" ? "model a" : "elsewhere",
                                                    name, "", "rule: test", false};
    };
    start(options);
    const auto doc = json_of("/models/model%20a.json");
    EXPECT_EQ(str(doc->root["model"], "key"), "model a");
    EXPECT_EQ(static_cast<long long>(simdjson::dom::array(doc->root["observations"]).size()),
              sql_count("SELECT count(*) FROM entry e JOIN model m ON m.id = e.model_id WHERE "
                        "m.canonical_key = 'model a'"));
    std::set<std::string> boards;
    for (simdjson::dom::element b : simdjson::dom::array(doc->root["boards"])) {
        boards.insert(str(b, "board"));
    }
    EXPECT_EQ(boards, (std::set<std::string>{"alpha", "beta"}));
    const auto html = get("/models/model%20a").body;
    // One rank chart, one score chart per board.
    std::size_t charts = 0;
    for (auto at = html.find("<svg xmlns"); at != std::string::npos;
         at = html.find("<svg xmlns", at + 1)) {
        ++charts;
    }
    EXPECT_EQ(charts, 1 + boards.size());
    EXPECT_NE(html.find("rule: test"), std::string::npos);
    EXPECT_EQ(html.find("class=\"callout\""), std::string::npos) << "every spelling resolves here";
    const auto other = get("/models/model%20b").body;
    EXPECT_NE(other.find("class=\"callout\""), std::string::npos);
    // A model with a Chinese name, linked from its board, percent-encoded.
    const auto beta = get("/boards/beta").body;
    EXPECT_NE(beta.find("href=\"/models/%E6%96%87%E5%BF%83%E4%B8%80%E8%A8%80\""),
              std::string::npos);
    EXPECT_EQ(get("/models/%E6%96%87%E5%BF%83%E4%B8%80%E8%A8%80").status, 200u);
}

TEST_F(Pages, ModelSearchMatchesPartsOfNamesLiterally) {
    start();
    const auto doc = json_of("/models.json?q=odel%20");
    EXPECT_EQ(static_cast<long long>(simdjson::dom::array(doc->root["models"]).size()),
              sql_count("SELECT count(*) FROM model WHERE display_name LIKE '%odel %'"));
    // LIKE's wildcards are text here.
    EXPECT_EQ(simdjson::dom::array(json_of("/models.json?q=%25")->root["models"]).size(), 0u);
    EXPECT_EQ(simdjson::dom::array(json_of("/models.json?q=_")->root["models"]).size(), 0u);
}

TEST_F(Pages, HealthIsOkThenStaleThenFailingWithTheHttpStatusToMatch) {
    auto options = test_options();
    options.health.watched = {"alpha"};
    start(options);
    auto ok = get("/health");
    EXPECT_EQ(ok.status, 200u) << ok.body;
    EXPECT_EQ(ok.header("content-type"), "application/json");
    EXPECT_EQ(ok.header("cache-control"), "no-store");
    EXPECT_NE(ok.body.find("\"status\":\"ok\""), std::string::npos);
    stop();
    // Three days later without a fetch: stale.
    options.now = [] { return day(2025, 7, 5); };
    start(options);
    auto stale = get("/health");
    EXPECT_EQ(stale.status, 503u);
    EXPECT_NE(stale.body.find("\"status\":\"stale\""), std::string::npos) << stale.body;
    stop();
    // A failed fetch of a watched board: failing, whatever the time.
    fail_fetch("alpha", day(2025, 7, 2) + 6h, "schema drift: column \"score\" missing");
    options.now = [] { return day(2025, 7, 3); };
    start(options);
    auto failing = get("/health");
    EXPECT_EQ(failing.status, 503u);
    const auto doc = inspect("json", failing.body);
    ASSERT_TRUE(doc->ok);
    EXPECT_EQ(str(doc->root, "status"), "failing");
    EXPECT_NE(std::string(std::string_view(doc->root["reasons"].at(0))).find("schema drift"),
              std::string::npos);
}

TEST_F(Pages, HealthReportsTheRunLockAndAStuckOutbox) {
    auto options = test_options();
    options.health.watched = {"alpha"};
    // "Now" is three hours after the lock's session began: a run that long is stuck.
    options.now = [] { return lbtrack::system_now() + 3h; };
    options.health.stale_after = std::chrono::hours(24 * 365 * 10);
    {
        pqxx::work tx(*conn_);
        lbtrack::store::outbox_message m;
        m.sink = "team-chat";
        m.created_at = lbtrack::system_now() - 48h;
        m.subject = m.text = m.markdown = m.html = m.json = "x";
        lbtrack::store::enqueue_notification(tx, m);
        tx.commit();
    }
    auto lock_conn = lbtrack::store::connect(url_);
    const lbtrack::store::run_lock lock(*lock_conn);
    start(options);
    const auto r = get("/health");
    EXPECT_EQ(r.status, 503u);
    const auto doc = inspect("json", r.body);
    ASSERT_TRUE(doc->ok) << doc->error;
    EXPECT_TRUE(bool(doc->root["run_lock"]["held"]));
    EXPECT_TRUE(bool(doc->root["run_lock"]["stuck"]));
    EXPECT_EQ(int64_t(doc->root["outbox"]["pending"]), 1);
    EXPECT_TRUE(bool(doc->root["outbox"]["stuck"]));
    EXPECT_EQ(str(doc->root["outbox"], "oldest_pending_sink"), "team-chat");
}

TEST_F(Pages, KeptAnswersFollowANewSnapshotWithinTheVersionInterval) {
    auto options = test_options();
    options.version_check_interval = 300ms;
    start(options);
    const auto before = get("/boards/alpha.json");
    const auto again = get("/boards/alpha.json");
    EXPECT_EQ(again.body, before.body);
    put_board("alpha", day(2025, 7, 2) + 12h, {{"Model E", 1, 1400}});
    std::this_thread::sleep_for(400ms);
    const auto after = inspect("json", get("/boards/alpha.json").body);
    ASSERT_TRUE(after->ok);
    EXPECT_EQ(str(after->root["snapshot"], "observed_at"), "2025-07-02T12:00:00Z");
    EXPECT_NE(get("/").body.find("Model E"), std::string::npos);
}

TEST_F(Pages, NoPageWritesToTheDatabase) {
    // Each session's counts reach pg_stat_user_tables when it ends at the latest: the test's
    // own writes before, the server's sessions after (stop() closes them).
    conn_.reset();
    const auto state = [&] {
        pqxx::connection conn(url_);
        pqxx::read_transaction tx(conn);
        return tx
            .exec1("SELECT (SELECT count(*) FROM snapshot) || '/' || (SELECT count(*) FROM "
                   "entry) || '/' || (SELECT count(*) FROM model) || '/' || "
                   "(SELECT count(*) FROM fetch_log) || '/' || (SELECT "
                   "coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM "
                   "pg_stat_user_tables)")[0]
            .as<std::string>();
    };
    std::this_thread::sleep_for(300ms);
    const auto before = state();
    start();
    for (const std::string target :
         {"/", "/boards/alpha", "/boards/alpha/diff", "/movers?since=30d", "/models",
          "/models/model%20a", "/health", "/feed.atom", "/boards/alpha/feed.atom",
          "/models/model%20a/feed.atom"}) {
        EXPECT_LT(get(target).status, 504u) << target;
    }
    stop();
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(state(), before);
}

} // namespace
