#include "support/pg_test_database.hpp"

#include "lbtrack/core/errors.hpp"
#include "lbtrack/core/sha256.hpp"
#include "lbtrack/store/board_digest.hpp"
#include "lbtrack/store/connection.hpp"
#include "lbtrack/store/migrations.hpp"
#include "lbtrack/store/model_queries.hpp"
#include "lbtrack/store/payload_store.hpp"
#include "lbtrack/store/snapshot_store.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace lbtrack;
using namespace std::chrono;

class Store : public ::testing::Test {
protected:
    void SetUp() override {
        url_ =
            test::fresh_database(::testing::UnitTest::GetInstance()->current_test_info()->name());
        conn_ = store::connect(url_);
        store::migrate(*conn_);
        src_.id = "board";
        src_.title = "Board";
        src_.url = "file:///board.csv";
        src_.format = "csv";
    }

    static lbtrack::time_point march(int d) {
        return lbtrack::time_point(sys_days(year(2025) / 3 / d));
    }

    std::int64_t put(pqxx::work& tx, int d, const std::string& payload,
                     const std::vector<entry>& entries) {
        store::upsert_source(tx, src_);
        const auto sha = sha256_hex(payload);
        store::put_payload(tx, sha, payload);
        return store::insert_snapshot(tx, src_.id, march(d), sha, entries, {1, "test"});
    }

    /// A minimal row: its number, and one text as its name and model key.
    static entry row_named(int row, const std::string& name) {
        entry e;
        e.row = row;
        e.raw_name = name;
        e.model_key = name;
        return e;
    }

    std::string url_;
    std::unique_ptr<pqxx::connection> conn_;
    source src_;
};

TEST_F(Store, MigrationsApplyOnceAndAreRecorded) {
    EXPECT_EQ(store::migrate(*conn_), 0);
    EXPECT_EQ(store::schema_version(*conn_), store::known_migrations().back().version);
    pqxx::nontransaction tx(*conn_);
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM schema_migration")[0].as<int>(),
              static_cast<int>(store::known_migrations().size()));
}

TEST_F(Store, ADatabaseFromANewerLbtrackIsRefusedEvenWhenEverythingKnownIsApplied) {
    {
        pqxx::work tx(*conn_);
        tx.exec0("INSERT INTO schema_migration (version, name) VALUES (9999, 'from the future')");
        tx.commit();
    }
    try {
        store::migrate(*conn_);
        FAIL() << "migrate accepted schema version 9999";
    } catch (const lbtrack::error& e) {
        EXPECT_NE(std::string(e.what()).find("upgrade lbtrack"), std::string::npos) << e.what();
    }
}

TEST_F(Store, AMissingMigrationIsAppliedAfterTheOthers) {
    // The quick "all applied" check must not hide one version that is not recorded: remove the
    // newest migration's row and its effect, and migrate applies exactly that one again.
    const auto& newest = store::known_migrations().back();
    {
        pqxx::work tx(*conn_);
        tx.exec_params0("DELETE FROM schema_migration WHERE version = $1", newest.version);
        tx.commit();
    }
    if (newest.version == 5) { // 0005 creates indexes without IF NOT EXISTS: undo them first
        pqxx::work tx(*conn_);
        tx.exec0("DROP INDEX entry_model_history; DROP INDEX entry_raw_name; "
                 "DROP INDEX model_display_name_lower; "
                 "CREATE INDEX entry_model ON entry (model_id, snapshot_id)");
        tx.commit();
    }
    EXPECT_EQ(store::migrate(*conn_), 1);
    EXPECT_EQ(store::schema_version(*conn_), newest.version);
}

/// A setting of one session: its value and where it came from ("client": the startup packet,
/// "session": a SET after it).
std::pair<std::string, std::string> setting_of(pqxx::connection& conn, const std::string& name) {
    pqxx::nontransaction tx(conn);
    const auto row = tx.exec_params1(
        "SELECT current_setting($1), source FROM pg_settings WHERE name = $1", name);
    return {row[0].as<std::string>(), row[1].as<std::string>()};
}

TEST(StoreConnection, SessionSettingsArriveWithTheStartupPacketBesideTheCallersOwnOptions) {
    auto conninfo = test::fresh_database("session_settings");
    // The caller's own startup options, in whichever form the test server's address is written.
    if (conninfo.starts_with("postgres")) {
        conninfo += (conninfo.find('?') == std::string::npos ? "?" : "&");
        conninfo += "options=-c%20work_mem%3D7MB";
    } else {
        conninfo += " options='-c work_mem=7MB'";
    }
    const auto conn = store::connect(conninfo);
    EXPECT_EQ(setting_of(*conn, "work_mem").first, "7MB");
    // The test cluster turns synchronous_commit off for every session (pg_test_database.cpp):
    // only the connection's own setting turns it back on.
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"TimeZone", "UTC"},
                                      {"jit", "off"},
                                      {"synchronous_commit", "on"}}) {
        const auto [actual, source] = setting_of(*conn, name);
        EXPECT_EQ(actual, value) << name;
        EXPECT_EQ(source, "client") << name << ": set after connecting, a round trip each";
    }
}

TEST_F(Store, ASourceRowIsRewrittenOnlyWhenItChanged) {
    const auto row_version = [&] {
        pqxx::read_transaction tx(*conn_);
        return tx.exec1("SELECT xmin::text || title FROM source WHERE id = 'board'")[0]
            .as<std::string>();
    };
    const auto upsert = [&] {
        pqxx::work tx(*conn_);
        store::upsert_source(tx, src_);
        tx.commit();
    };
    upsert();
    const auto first = row_version();
    upsert();
    EXPECT_EQ(row_version(), first) << "an unchanged source must not be written again";
    src_.title = "Board, renamed";
    upsert();
    const auto renamed = row_version();
    EXPECT_NE(renamed, first);
    EXPECT_NE(renamed.find("Board, renamed"), std::string::npos) << renamed;
}

TEST_F(Store, EntriesRoundTripWithNullsAndMetrics) {
    entry full;
    full.row = 1;
    full.raw_name = "Gemini-2.5-Pro";
    full.model_key = "gemini-2.5-pro";
    full.organization = "Google";
    full.rank = 1;
    full.score = 1472.5;
    full.ci_plus = 5;
    full.ci_minus = 4;
    full.votes = 22146;
    full.license = "Proprietary";
    full.knowledge_cutoff = "2023/10";
    full.metrics = {{"rank_stylectrl", 2, ""},
                    {"weird \"name\"", 0.25, ""},
                    {"price", 0.7, "元"},
                    {"cost", 0.06, "$/百萬代幣 \"quoted\""}};
    entry sparse;
    sparse.row = 2;
    sparse.raw_name = "mystery\tmodel";
    sparse.model_key = "mystery-model";
    pqxx::work tx(*conn_);
    const auto id = put(tx, 1, "payload-1", {full, sparse});
    tx.commit();

    pqxx::read_transaction read(*conn_);
    const auto loaded = store::load_entries(read, id);
    ASSERT_EQ(loaded.size(), 2u);
    EXPECT_EQ(loaded[0].raw_name, "Gemini-2.5-Pro");
    EXPECT_EQ(loaded[0].score, 1472.5);
    EXPECT_EQ(loaded[0].ci_minus, 4);
    EXPECT_EQ(loaded[0].votes, 22146);
    EXPECT_EQ(loaded[0].knowledge_cutoff, "2023/10");
    // Loaded sorted by name; units survive, unitless metrics stay unitless.
    EXPECT_EQ(loaded[0].metrics, (std::vector<metric>{{"cost", 0.06, "$/百萬代幣 \"quoted\""},
                                                      {"price", 0.7, "元"},
                                                      {"rank_stylectrl", 2, ""},
                                                      {"weird \"name\"", 0.25, ""}}));
    EXPECT_TRUE(loaded[1].metrics.empty());

    // The values stay a flat, castable object; units sit beside them, for unit-bearing metrics
    // only.
    const auto stored =
        read.exec1("SELECT (metrics->>'price')::float8, metric_units->>'price', metric_units ? "
                   "'rank_stylectrl', (SELECT metric_units::text FROM entry WHERE row_number = 2) "
                   "FROM entry WHERE row_number = 1");
    EXPECT_EQ(stored[0].as<double>(), 0.7);
    EXPECT_EQ(stored[1].as<std::string>(), "元");
    EXPECT_FALSE(stored[2].as<bool>());
    EXPECT_EQ(stored[3].as<std::string>(), "{}");
    EXPECT_EQ(loaded[1].raw_name, "mystery\tmodel");
    EXPECT_FALSE(loaded[1].rank.has_value());
    EXPECT_FALSE(loaded[1].score.has_value());
    EXPECT_TRUE(loaded[1].organization.empty());
}

TEST_F(Store, EntriesLoadInRowOrderWhateverOrderTheServerReturns) {
    // load_entries' query has no ORDER BY (rows mostly come in order). Here neither side of its
    // join is in row order: rows updated in place move to the end of the table (a sequential
    // scan returns them last), and the models' keys sort against the rows.
    std::vector<entry> rows;
    for (std::size_t i = 1; i <= 6; ++i) {
        entry e;
        e.row = i;
        e.raw_name = fmt::format("model-{}", i);
        e.model_key = fmt::format("model-{}", 7 - i);
        e.rank = static_cast<int>(i);
        rows.push_back(e);
    }
    pqxx::work tx(*conn_);
    const auto id = put(tx, 1, "p", rows);
    tx.exec0("UPDATE entry SET license = 'moved' WHERE row_number IN (1, 3)");
    tx.exec0("SET LOCAL enable_indexscan = off");
    tx.exec0("SET LOCAL enable_bitmapscan = off");
    std::vector<int> server_order;
    for (const auto& r :
         tx.exec_params("SELECT row_number FROM entry WHERE snapshot_id = $1", id)) {
        server_order.push_back(r[0].as<int>());
    }
    ASSERT_NE(server_order, (std::vector<int>{1, 2, 3, 4, 5, 6})) << "the case is not set up";
    std::vector<int> joined_order;
    for (const auto& r : tx.exec_params("SELECT e.row_number FROM entry e JOIN model m ON "
                                        "m.id = e.model_id WHERE e.snapshot_id = $1",
                                        id)) {
        joined_order.push_back(r[0].as<int>());
    }
    ASSERT_NE(joined_order, (std::vector<int>{1, 2, 3, 4, 5, 6})) << "the case is not set up";
    const auto loaded = store::load_entries(tx, id);
    ASSERT_EQ(loaded.size(), 6u);
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        EXPECT_EQ(loaded[i].row, i + 1);
        EXPECT_EQ(loaded[i].raw_name, fmt::format("model-{}", i + 1));
    }
    EXPECT_EQ(loaded[0].license, "moved");
}

TEST_F(Store, EntriesAgainstAnEarlierSnapshotCarryTheRankAndScoreOfTheSameModelAndVariant) {
    const auto ranked = [](int row, const std::string& key, const std::string& variant,
                           std::optional<int> rank, std::optional<double> score) {
        auto e = row_named(row, key);
        e.variant = variant;
        e.rank = rank;
        e.score = score;
        return e;
    };
    pqxx::work tx(*conn_);
    // The earlier snapshot lists "a" twice (another model's row resolved alike): the first row
    // in row order counts, as a lookup by identity in row order finds it.
    const auto earlier = put(tx, 1, "p1",
                             {ranked(1, "a", "", 1, 50.5), ranked(2, "b", "bf16", 2, 40),
                              ranked(3, "gone", "", 3, 30.25), ranked(4, "a", "", 4, 10),
                              ranked(5, "b", "", std::nullopt, std::nullopt)});
    const auto later = put(tx, 2, "p2",
                           {ranked(1, "b", "bf16", 1, 45), ranked(2, "a", "", 2, 50.5),
                            ranked(3, "b", "fp8", 3, 20), ranked(4, "new", "", 4, 10)});
    const auto got = store::load_entries_against(tx, later, earlier, store::with_metrics::no);
    ASSERT_EQ(got.entries.size(), 4u);
    ASSERT_EQ(got.before.size(), 4u);
    std::map<std::string, std::optional<earlier_place>> by_row;
    for (std::size_t i = 0; i < got.entries.size(); ++i) {
        by_row[got.entries[i].model_key + "/" + got.entries[i].variant] = got.before[i];
    }
    ASSERT_TRUE(by_row.at("b/bf16"));
    EXPECT_EQ(by_row.at("b/bf16")->rank, 2);
    EXPECT_EQ(by_row.at("b/bf16")->score, 40);
    ASSERT_TRUE(by_row.at("a/"));
    EXPECT_EQ(by_row.at("a/")->rank, 1);
    EXPECT_EQ(by_row.at("a/")->score, 50.5);
    EXPECT_FALSE(by_row.at("b/fp8")); // another variant of a model that was there
    EXPECT_FALSE(by_row.at("new/"));
    auto scores = got.earlier_scores;
    std::ranges::sort(scores);
    EXPECT_EQ(scores, (std::vector<double>{10, 30.25, 40, 50.5}));
}

TEST_F(Store, PayloadsAreDeduplicatedAndRestoredExactly) {
    std::string big(200000, 'x');
    for (std::size_t i = 0; i < big.size(); i += 7) {
        big[i] = static_cast<char>('a' + i % 26);
    }
    pqxx::work tx(*conn_);
    const auto sha = sha256_hex(big);
    EXPECT_EQ(sha.size(), 64u);
    EXPECT_TRUE(store::put_payload(tx, sha, big));
    EXPECT_FALSE(store::put_payload(tx, sha, big));
    EXPECT_EQ(store::get_payload(tx, sha), big);
    EXPECT_LT(tx.exec1("SELECT length(data) FROM payload")[0].as<int>(), 20000)
        << "stored compressed";
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Store, FindsSnapshotsByTime) {
    entry e;
    e.row = 1;
    e.raw_name = "m";
    e.model_key = "m";
    pqxx::work tx(*conn_);
    const auto first = put(tx, 1, "a", {e});
    const auto second = put(tx, 5, "b", {e});
    tx.commit();
    pqxx::read_transaction read(*conn_);
    EXPECT_EQ(store::snapshot_at_or_before(read, "board")->id, second);
    EXPECT_EQ(store::snapshot_at_or_before(read, "board", march(4))->id, first);
    EXPECT_FALSE(store::snapshot_at_or_before(read, "board", march(1) - seconds(1)).has_value());
    EXPECT_EQ(store::snapshot_before(read, "board", march(5))->id, first);
    EXPECT_EQ(store::snapshot_exactly_at(read, "board", march(5))->id, second);
    EXPECT_EQ(store::snapshot_at_or_before(read, "board")->observed_at, march(5));
    EXPECT_EQ(store::snapshot_at_or_before(read, "board")->row_count, 1u);
}

TEST_F(Store, APayloadsNeighboursAreTheSnapshotAtItTheOneBeforeAndAnUnchangedFetch) {
    const auto e = row_named(1, "m");
    pqxx::work tx(*conn_);
    store::upsert_source(tx, src_);
    {
        const auto none = store::neighbours_of_payload(tx, "board", march(3), march(3), "00");
        EXPECT_FALSE(none.at.has_value());
        EXPECT_FALSE(none.before.has_value());
        EXPECT_FALSE(none.recorded_unchanged);
    }
    const auto first = put(tx, 1, "a", {e});
    const auto second = put(tx, 5, "b", {e});
    store::fetch_record unchanged;
    unchanged.source_id = "board";
    unchanged.started_at = march(3);
    unchanged.status = store::fetch_status::unchanged;
    unchanged.payload_sha256 = sha256_hex("a");
    store::record_fetch(tx, unchanged);

    const auto on_day_3 =
        store::neighbours_of_payload(tx, "board", march(3), march(3), sha256_hex("a"));
    EXPECT_FALSE(on_day_3.at.has_value());
    ASSERT_TRUE(on_day_3.before.has_value());
    EXPECT_EQ(on_day_3.before->id, first);
    EXPECT_TRUE(on_day_3.recorded_unchanged);
    EXPECT_FALSE(store::neighbours_of_payload(tx, "board", march(3), march(3), sha256_hex("b"))
                     .recorded_unchanged)
        << "another payload";

    const auto on_day_5 =
        store::neighbours_of_payload(tx, "board", march(5), march(5), sha256_hex("b"));
    ASSERT_TRUE(on_day_5.at.has_value());
    EXPECT_EQ(on_day_5.at->id, second);
    EXPECT_EQ(on_day_5.at->payload_sha256, sha256_hex("b"));
    ASSERT_TRUE(on_day_5.before.has_value());
    EXPECT_EQ(on_day_5.before->id, first);
    EXPECT_FALSE(on_day_5.recorded_unchanged);

    const auto on_day_1 = store::neighbours_of_payload(tx, "board", march(1), march(1), "00");
    ASSERT_TRUE(on_day_1.at.has_value());
    EXPECT_EQ(on_day_1.at->id, first);
    EXPECT_FALSE(on_day_1.before.has_value());
}

TEST_F(Store, StoreSnapshotWritesThePayloadTheSnapshotAndItsFetchAsTheirOwnFunctionsDo) {
    const std::vector<entry> entries{row_named(1, "m"), row_named(2, "n")};
    pqxx::work tx(*conn_);
    store::upsert_source(tx, src_);
    const auto payload = store::compress_payload("day,1\n");
    store::fetch_record f;
    f.source_id = "board";
    f.started_at = march(2);
    f.status = store::fetch_status::stored;
    f.url = "file:///day.csv";
    f.bytes = 6;
    f.payload_sha256 = payload.sha256;
    const auto id = store::store_snapshot(tx, payload, march(2), entries, {1, "test"}, "", f);
    // Stored again the payload is kept once; the snapshot row is the one insert_snapshot writes.
    const auto again = store::store_snapshot(tx, payload, march(3), entries, {1, "test"}, "", f);
    tx.commit();

    pqxx::read_transaction read(*conn_);
    EXPECT_EQ(store::get_payload(read, payload.sha256), "day,1\n");
    EXPECT_EQ(read.exec1("SELECT count(*) FROM payload")[0].as<int>(), 1);
    const auto snapshot = store::snapshot_by_id(read, id);
    ASSERT_TRUE(snapshot.has_value());
    EXPECT_EQ(snapshot->observed_at, march(2));
    EXPECT_EQ(snapshot->row_count, 2u);
    EXPECT_EQ(snapshot->identity_version, "test");
    EXPECT_EQ(snapshot->board_sha256, store::board_digest(entries));
    EXPECT_EQ(store::load_entries(read, id).size(), 2u);
    const auto fetches =
        read.exec("SELECT snapshot_id, status, url, bytes, encode(payload_sha256, 'hex'), "
                  "http_status IS NULL, etag IS NULL, error IS NULL FROM fetch_log ORDER BY id");
    ASSERT_EQ(fetches.size(), 2u);
    EXPECT_EQ(fetches[0][0].as<std::int64_t>(), id);
    EXPECT_EQ(fetches[1][0].as<std::int64_t>(), again);
    EXPECT_EQ(fetches[0][1].as<std::string>(), "stored");
    EXPECT_EQ(fetches[0][2].as<std::string>(), "file:///day.csv");
    EXPECT_EQ(fetches[0][3].as<int>(), 6);
    EXPECT_EQ(fetches[0][4].as<std::string>(), payload.sha256);
    EXPECT_TRUE(fetches[0][5].as<bool>() && fetches[0][6].as<bool>() && fetches[0][7].as<bool>());
}

TEST_F(Store, KnownModelsAreWrittenOnlyWhenTheirFactsChange) {
    entry bf16;
    bf16.row = 1;
    bf16.raw_name = "Model-X-bf16";
    bf16.model_key = "model-x";
    bf16.variant = "bf16";
    model_facts facts;
    facts.provisional = false;
    facts.family = "model";
    bf16.model = std::make_shared<const model_facts>(facts);
    entry fp8 = bf16;
    fp8.row = 2;
    fp8.raw_name = "Model-X-fp8";
    fp8.variant = "fp8";
    entry other;
    other.row = 3;
    other.raw_name = "other \"quoted\" \\ name";
    other.model_key = "other \"quoted\" \\ key";
    const auto model_row = [this](const std::string& key) {
        pqxx::read_transaction read(*conn_);
        return read.exec_params1("SELECT xmin::text, display_name, provisional, family FROM model "
                                 "WHERE canonical_key = $1",
                                 key);
    };
    {
        pqxx::work tx(*conn_);
        put(tx, 1, "a", {bf16, fp8, other});
        tx.commit();
    }
    const auto first = model_row("model-x");
    const auto first_other = model_row(other.model_key);
    {
        // The same facts again (either variant's name is a fine display name): no new row version.
        pqxx::work tx(*conn_);
        const auto id = put(tx, 2, "b", {fp8, bf16, other});
        tx.commit();
        pqxx::read_transaction read(*conn_);
        EXPECT_EQ(read.exec_params1("SELECT count(DISTINCT model_id) FROM entry WHERE snapshot_id "
                                    "= $1",
                                    id)[0]
                      .as<int>(),
                  2);
    }
    EXPECT_EQ(model_row("model-x")[0].as<std::string>(), first[0].as<std::string>());
    // Found by its quoted key, not rewritten either.
    EXPECT_EQ(model_row(other.model_key)[0].as<std::string>(), first_other[0].as<std::string>());
    EXPECT_EQ(model_row(other.model_key)[1].as<std::string>(), other.raw_name);

    // The registry names it now: display name and parts are refreshed.
    facts.display_name = "Model X";
    facts.family = "model-x";
    bf16.model = std::make_shared<const model_facts>(facts);
    fp8.model = bf16.model;
    {
        pqxx::work tx(*conn_);
        put(tx, 3, "c", {bf16, fp8});
        tx.commit();
    }
    const auto renamed = model_row("model-x");
    EXPECT_EQ(renamed[1].as<std::string>(), "Model X");
    EXPECT_EQ(renamed[3].as<std::string>(), "model-x");
    pqxx::read_transaction read(*conn_);
    EXPECT_EQ(read.exec1("SELECT count(*) FROM model")[0].as<int>(), 2);
}

TEST_F(Store, AbortedTransactionLeavesNothing) {
    entry e;
    e.row = 1;
    e.raw_name = "m";
    e.model_key = "m";
    {
        pqxx::work tx(*conn_);
        put(tx, 1, "a", {e});
        // destroyed without commit()
    }
    pqxx::read_transaction read(*conn_);
    EXPECT_EQ(read.exec1("SELECT count(*) FROM snapshot")[0].as<int>(), 0);
    EXPECT_EQ(read.exec1("SELECT count(*) FROM entry")[0].as<int>(), 0);
    EXPECT_EQ(read.exec1("SELECT count(*) FROM payload")[0].as<int>(), 0);
}

// entry has no foreign keys (migration 0008: they were checked per row, ~45% of a replay's COPY);
// the three tests below pin what they gave.

TEST_F(Store, ADeletedSnapshotTakesItsEntriesWithIt) {
    const auto e = row_named(1, "m");
    const auto f = row_named(2, "n");
    std::int64_t gone = 0;
    {
        pqxx::work tx(*conn_);
        gone = put(tx, 1, "a", {e, f});
        put(tx, 2, "b", {e});
        tx.commit();
    }
    {
        pqxx::work tx(*conn_);
        tx.exec_params0("DELETE FROM snapshot WHERE id = $1", gone);
        tx.commit();
    }
    pqxx::read_transaction read(*conn_);
    EXPECT_EQ(
        read.exec_params1("SELECT count(*) FROM entry WHERE snapshot_id = $1", gone)[0].as<int>(),
        0);
    EXPECT_EQ(read.exec1("SELECT count(*) FROM entry")[0].as<int>(), 1);
    EXPECT_EQ(read.exec1("SELECT count(*) FROM entry e WHERE NOT EXISTS "
                         "(SELECT 1 FROM snapshot s WHERE s.id = e.snapshot_id)")[0]
                  .as<int>(),
              0);
}

TEST_F(Store, AModelThatEntriesReferToCannotBeDeleted) {
    const auto e = row_named(1, "m");
    std::int64_t id = 0;
    {
        pqxx::work tx(*conn_);
        id = put(tx, 1, "a", {e});
        tx.commit();
    }
    {
        pqxx::work tx(*conn_);
        EXPECT_THROW(tx.exec0("DELETE FROM model"), pqxx::foreign_key_violation);
    }
    {
        pqxx::work tx(*conn_);
        EXPECT_EQ(store::drop_unreferenced_models(tx), 0);
        tx.exec_params0("DELETE FROM snapshot WHERE id = $1", id);
        EXPECT_EQ(store::drop_unreferenced_models(tx), 1);
        tx.commit();
    }
}

TEST_F(Store, AModelCannotBeDeletedUnderASnapshotBeingWritten) {
    const auto e = row_named(1, "m");
    {
        // A model left unreferenced: stored, then its snapshot deleted.
        pqxx::work tx(*conn_);
        const auto id = put(tx, 1, "a", {e});
        tx.exec_params0("DELETE FROM snapshot WHERE id = $1", id);
        tx.commit();
    }
    // A writer reads it as current (no upsert) and has not committed yet: a clean-up of
    // unreferenced models on another connection must wait for it, not delete the model.
    pqxx::work writer(*conn_);
    put(writer, 2, "b", {e});
    auto other = store::connect(url_);
    {
        pqxx::work tx(*other);
        tx.exec0("SET LOCAL lock_timeout = '200ms'");
        EXPECT_THROW(store::drop_unreferenced_models(tx), pqxx::sql_error);
    }
    writer.commit();
    pqxx::work tx(*other);
    EXPECT_EQ(store::drop_unreferenced_models(tx), 0);
    EXPECT_EQ(
        tx.exec1("SELECT count(*) FROM entry e JOIN model m ON m.id = e.model_id")[0].as<int>(), 1);
}

TEST_F(Store, ReplacingTheEntriesOfAMissingSnapshotFails) {
    const auto e = row_named(1, "m");
    pqxx::work tx(*conn_);
    EXPECT_THROW(store::replace_entries(tx, 12345, {e}, {1, "test"}), lbtrack::error);
}

} // namespace
