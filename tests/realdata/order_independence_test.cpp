// Row order is no identity: openllm-v2 (../shared/data, LBTRACK_SHARED_DATA) re-sorted its rows
// on 2024-12-11, from 2024-12-10's score order to id order (and switched schema). Two rows of
// one snapshot that resolve to one model (`ehristoforu/mllama-3.1-8b-it` and `…-instruct`, both
// Llama 3.1 8B Instruct to the rules) once swapped keys with the order, so the diff of the two
// days showed a -318 rank move, a score change and a drop for models that did not change. The
// two days are replayed with the shipped config/sources.toml and diffed: none of the watched
// models is added, dropped or rescored beyond the rounding of 2024-12-10's two-decimal scores,
// and each keeps its stored model key (their derived ranks move only by the rows added above
// them: printed, not asserted). The other pairs of that kind (`THUDM/glm-4-9b-chat` and
// `…-chat-hf`, `prithivMLmods/Phi-4-Super` and `Phi4-Super`) are both on the board only from
// 2025-01-15 and 2025-02-01 (after the re-sort); their keys are checked on 2025-02-01 and
// 2025-03-21.

#include "../app/cli_test_support.hpp"

#include <simdjson.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

namespace {

using namespace lbtrack::test;
namespace fs = std::filesystem;

class OrderIndependence : public cli_test {
protected:
    /// Replays the given dated files of openllm-v2 (copied into a folder of their own).
    void replay_days(const std::vector<std::string>& days) {
        const fs::path board = fs::path(shared_data_dir()) / "openllm-v2";
        for (const auto& day : days) {
            fs::copy_file(board / (day + ".csv"), fs::path(dir_.path()) / (day + ".csv"));
        }
        const auto r = lbtrack({"replay", "--source", "openllm-v2", dir_.path()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(count("SELECT count(*) FROM snapshot WHERE source_id = 'openllm-v2'"),
                  static_cast<long long>(days.size()));
    }

    /// The model keys stored for rows printed `name` on `day`, comma-separated, sorted.
    std::string keys_on(const std::string& day, const std::string& name) {
        pqxx::connection conn(db_url_);
        pqxx::nontransaction tx(conn);
        std::string keys;
        for (const auto& row : tx.exec_params(
                 "SELECT DISTINCT m.canonical_key FROM entry e JOIN snapshot s ON s.id = "
                 "e.snapshot_id JOIN model m ON m.id = e.model_id WHERE s.source_id = "
                 "'openllm-v2' AND to_char(s.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') = $1 "
                 "AND e.raw_name = $2 ORDER BY 1",
                 day, name)) {
            keys += (keys.empty() ? "" : ",") + row[0].as<std::string>();
        }
        return keys;
    }

    /// True when both raw files hold a row of `name` (the CSV's model cell, quoted or not).
    static bool in_raw_file(const std::string& day, const std::string& name) {
        const auto bytes = read_file(shared_data_dir() + "/openllm-v2/" + day + ".csv");
        return bytes.find("," + name + ",") != std::string::npos ||
               bytes.find(",\"" + name + "\",") != std::string::npos;
    }

    /// Checks that every watched name keeps one key, the same on both days, and that two
    /// watched names never share one.
    void expect_stable_keys(const std::vector<std::string>& names, const std::string& from,
                            const std::string& to) {
        std::map<std::string, std::string> owner; // key -> name
        for (const auto& name : names) {
            SCOPED_TRACE(name);
            ASSERT_TRUE(in_raw_file(from, name) && in_raw_file(to, name))
                << name << " is not a row of both raw files";
            const auto before = keys_on(from, name);
            const auto after = keys_on(to, name);
            EXPECT_FALSE(before.empty());
            EXPECT_EQ(before.find(','), std::string::npos) << "several keys: " << before;
            EXPECT_EQ(before, after)
                << name << "'s stored key changed from " << from << " to " << to;
            const auto [it, fresh] = owner.emplace(after, name);
            EXPECT_TRUE(fresh) << name << " and " << it->second << " share the key " << after;
            std::cout << name << ": " << before << " -> " << after << "\n";
        }
    }

    temp_dir dir_;
};

/// The names and `model_key`s an entry list of the report holds (`name`, `model_key`).
std::set<std::string> names_and_keys(simdjson::dom::element board, const char* list) {
    std::set<std::string> out;
    for (const auto item : board[list].get_array()) {
        out.emplace(item["name"].get_string().value());
        out.emplace(item["model_key"].get_string().value());
    }
    return out;
}

TEST_F(OrderIndependence, OpenLlmV2ResortOn20241211MovesNoUnchangedModel) {
    const fs::path board = fs::path(shared_data_dir()) / "openllm-v2";
    if (!fs::exists(board / "2024-12-10.csv") || !fs::exists(board / "2024-12-11.csv")) {
        GTEST_SKIP() << "no openllm-v2 history under " << shared_data_dir()
                     << " (set LBTRACK_SHARED_DATA); nothing to replay";
    }
    replay_days({"2024-12-10", "2024-12-11"});
    ASSERT_FALSE(HasFatalFailure());
    // The mllama pair resolves to one model and is kept apart; the glm-4-9b family stands
    // beside them (three rows the re-sort moved from scattered places to neighbours).
    const std::vector<std::string> watched{
        "ehristoforu/mllama-3.1-8b-it", "ehristoforu/mllama-3.1-8b-instruct",
        "THUDM/glm-4-9b-chat",          "THUDM/glm-4-9b",
        "THUDM/glm-4-9b-chat-1m",
    };
    expect_stable_keys(watched, "2024-12-10", "2024-12-11");

    const auto r = lbtrack({"diff", "--source", "openllm-v2", "--from", "2024-12-10", "--to",
                            "2024-12-11", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(r.out);
    simdjson::dom::element report;
    ASSERT_EQ(parser.parse(padded).get(report), simdjson::SUCCESS) << r.out;
    simdjson::dom::array boards;
    ASSERT_EQ(report["boards"].get(boards), simdjson::SUCCESS) << r.out;
    ASSERT_EQ(boards.size(), 1U) << r.out;
    const auto b = boards.at(0).value();
    EXPECT_EQ(std::string_view(b["source"]["id"].get_string().value()), "openllm-v2");

    const auto added = names_and_keys(b, "added");
    const auto dropped = names_and_keys(b, "dropped");
    std::set<std::string> watched_keys;
    for (const auto& name : watched) {
        SCOPED_TRACE(name);
        const auto key = keys_on("2024-12-11", name);
        watched_keys.insert(key);
        EXPECT_FALSE(added.contains(name) || added.contains(key)) << name << " reported added";
        EXPECT_FALSE(dropped.contains(name) || dropped.contains(key))
            << name << " reported dropped";
    }
    // 2024-12-10 prints two decimals ("21.3"), 2024-12-11 the full value (21.2964338683362).
    for (const auto item : b["rescored"].get_array()) {
        const std::string key(item["model_key"].get_string().value());
        if (watched_keys.contains(key)) {
            const double from = item["from"].get_double().value();
            const double to = item["to"].get_double().value();
            EXPECT_LE(std::abs(to - from), 0.01) << key << " rescored " << from << " -> " << to;
        }
    }
    for (const char* list : {"moved", "within_ci"}) {
        for (const auto item : b[list].get_array()) {
            const std::string key(item["model_key"].get_string().value());
            if (watched_keys.contains(key)) {
                std::cout << key << " " << list << " " << item["from"].get_int64().value() << " -> "
                          << item["to"].get_int64().value() << "\n";
            }
        }
    }
}

TEST_F(OrderIndependence, OpenLlmV2TwinNamesKeepTheirKeysFromDayToDay) {
    const fs::path board = fs::path(shared_data_dir()) / "openllm-v2";
    if (!fs::exists(board / "2025-02-01.csv") || !fs::exists(board / "2025-03-21.csv")) {
        GTEST_SKIP() << "no openllm-v2 history under " << shared_data_dir()
                     << " (set LBTRACK_SHARED_DATA); nothing to replay";
    }
    replay_days({"2025-02-01", "2025-03-21"});
    ASSERT_FALSE(HasFatalFailure());
    expect_stable_keys({"ehristoforu/mllama-3.1-8b-it", "ehristoforu/mllama-3.1-8b-instruct",
                        "THUDM/glm-4-9b-chat", "THUDM/glm-4-9b-chat-hf",
                        "prithivMLmods/Phi-4-Super", "prithivMLmods/Phi4-Super"},
                       "2025-02-01", "2025-03-21");
}

} // namespace
