// The Atom feeds: valid Atom read by a real XML parser, one entry per stored change, and entry
// ids that stay the same across a restart of the server, a new snapshot, and a replay of the
// same history into another database — so a feed reader never shows an item twice.

#include "serve/serve_test_support.hpp"

#include <regex>
#include <set>

namespace {

using namespace lbtrack::test;

struct feed_entry {
    std::string id;
    std::string title;
    std::string updated;
    std::string link;
};

struct parsed_feed {
    std::string id;
    std::string updated;
    std::vector<feed_entry> entries;
};

parsed_feed parse_feed(const std::string& body) {
    const auto doc = inspect("atom", body);
    EXPECT_TRUE(doc->ok) << doc->error;
    parsed_feed f;
    if (!doc->ok) {
        return f;
    }
    f.id = str(doc->root, "id");
    f.updated = str(doc->root, "updated");
    for (simdjson::dom::element e : simdjson::dom::array(doc->root["entries"])) {
        f.entries.push_back({str(e, "id"), str(e, "title"), str(e, "updated"), str(e, "link")});
    }
    return f;
}

class Feeds : public serve_test {
protected:
    /// Three days of one board and one day of another, as `put_board` stores them.
    void put_history() {
        put_board("alpha", day(2025, 7, 1), {{"Model A", 1, 1300}, {"Model B", 2, 1290}});
        put_board("alpha", day(2025, 7, 2), {{"Model B", 1, 1310}, {"Model A", 2, 1301}});
        put_board("beta", day(2025, 7, 2), {{"Model A", 1, 80}});
        put_board("alpha", day(2025, 7, 3),
                  {{"Model B", 1, 1311}, {"Model C", 2, 1305}, {"Model A", 3, 1302}});
    }

    std::map<std::string, std::string> all_feeds() {
        std::map<std::string, std::string> out;
        for (const std::string target :
             {"/feed.atom", "/boards/alpha/feed.atom", "/boards/beta/feed.atom",
              "/models/model%20a/feed.atom", "/models/model%20b/feed.atom"}) {
            const auto r = get(target);
            EXPECT_EQ(r.status, 200u) << target;
            EXPECT_EQ(r.header("content-type"), "application/atom+xml; charset=utf-8");
            out[target] = r.body;
        }
        return out;
    }
};

TEST_F(Feeds, EachFeedIsAtomWithOneEntryPerStoredChange) {
    put_history();
    start();
    const std::regex uuid5("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                           "[0-9a-f]{12}");
    std::set<std::string> feed_ids;
    for (const auto& [target, body] : all_feeds()) {
        const auto f = parse_feed(body);
        EXPECT_TRUE(std::regex_match(f.id, uuid5)) << target << ": " << f.id;
        feed_ids.insert(f.id);
        std::set<std::string> ids;
        std::string newer = "9999";
        for (const auto& e : f.entries) {
            EXPECT_TRUE(std::regex_match(e.id, uuid5)) << target << ": " << e.id;
            ids.insert(e.id);
            EXPECT_FALSE(e.title.empty()) << target;
            EXPECT_FALSE(e.link.empty()) << target;
            EXPECT_LE(e.updated, newer) << target << ": entries come newest first";
            newer = e.updated;
        }
        EXPECT_EQ(ids.size(), f.entries.size()) << target << ": ids repeat";
        if (!f.entries.empty()) {
            EXPECT_EQ(f.updated, f.entries.front().updated) << target;
        }
    }
    EXPECT_EQ(feed_ids.size(), 5u) << "each feed has its own id";
    // A board feed: one entry per snapshot; the digest: one per day with a snapshot.
    pqxx::read_transaction tx(*conn_);
    EXPECT_EQ(
        static_cast<long long>(parse_feed(get("/boards/alpha/feed.atom").body).entries.size()),
        tx.exec1("SELECT count(*) FROM snapshot WHERE source_id = 'alpha'")[0].as<long long>());
    EXPECT_EQ(
        static_cast<long long>(parse_feed(get("/feed.atom").body).entries.size()),
        tx.exec1("SELECT count(DISTINCT observed_at::date) FROM snapshot")[0].as<long long>());
}

TEST_F(Feeds, TheModelFeedFollowsArrivalsDeparturesAndRankChanges) {
    put_history();
    start();
    const auto f = parse_feed(get("/models/model%20c/feed.atom").body);
    ASSERT_EQ(f.entries.size(), 1u) << "Model C arrived once and never moved";
    EXPECT_NE(f.entries[0].title.find("alpha"), std::string::npos);
    const auto a = parse_feed(get("/models/model%20a/feed.atom").body);
    // Model A: on alpha from the first day (1), moved on the second (2) and third (3), on beta (4).
    EXPECT_EQ(a.entries.size(), 4u);
}

TEST_F(Feeds, EntryIdsAndBytesAreTheSameAfterARestart) {
    put_history();
    start();
    const auto before = all_feeds();
    stop();
    start(); // a new process in all but name: nothing cached
    EXPECT_EQ(all_feeds(), before);
}

TEST_F(Feeds, ANewSnapshotAddsAnEntryAndKeepsTheOthers) {
    put_history();
    start();
    const auto before = parse_feed(get("/boards/alpha/feed.atom").body);
    put_board("alpha", day(2025, 7, 4), {{"Model C", 1, 1320}, {"Model B", 2, 1312}});
    const auto after = parse_feed(get("/boards/alpha/feed.atom").body);
    ASSERT_EQ(after.entries.size(), before.entries.size() + 1);
    for (std::size_t i = 0; i < before.entries.size(); ++i) {
        EXPECT_EQ(after.entries[i + 1].id, before.entries[i].id);
        EXPECT_EQ(after.entries[i + 1].updated, before.entries[i].updated);
    }
    EXPECT_EQ(after.id, before.id);
    EXPECT_GT(after.updated, before.updated);
}

TEST_F(Feeds, IdsComeFromTheHistoryNotFromDatabaseRowIds) {
    put_history();
    start();
    const auto first = all_feeds();
    stop();
    // The same history in another database, after other rows took the first ids.
    url_ = fresh_database("serve_feeds_second");
    conn_ = lbtrack::store::connect(url_);
    lbtrack::store::migrate(*conn_);
    put_board("gamma", day(2024, 1, 1), {{"Other", 1, 1}});
    put_board("gamma", day(2024, 1, 2), {{"Other", 1, 2}});
    put_history();
    start();
    for (const std::string target :
         {"/boards/alpha/feed.atom", "/boards/beta/feed.atom", "/models/model%20b/feed.atom"}) {
        const auto a = parse_feed(first.at(target));
        const auto b = parse_feed(get(target).body);
        ASSERT_EQ(a.entries.size(), b.entries.size()) << target;
        for (std::size_t i = 0; i < a.entries.size(); ++i) {
            EXPECT_EQ(a.entries[i].id, b.entries[i].id) << target;
        }
    }
}

} // namespace
