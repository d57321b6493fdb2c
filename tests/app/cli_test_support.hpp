#pragma once
// Shared by the app tests: a fresh database per test, the real config, and counting helpers.

#include "support/lbtrack_cli.hpp"
#include "support/pg_test_database.hpp"
#include <pqxx/pqxx>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace lbtrack::test {

/// A whole file's bytes ("" when it cannot be read).
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::string real_config() {
    return std::string(LBTRACK_SOURCE_DIR) + "/config/sources.toml";
}

/// The header of the LMArena CSV export (lmarena-text in the real config), for boards written
/// by tests.
inline const char* const lmarena_csv_header =
    "rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,knowledge_cutoff,"
    "url\n";

/// The upstream URL prefix of the real config, for --mirror.
inline const char* const upstream_prefix =
    "https://raw.githubusercontent.com/fboulnois/llm-leaderboard-csv/main/csv/";

class cli_test : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        db_url_ = fresh_database(info->name());
        env_.database_url = db_url_;
    }

    cli_result lbtrack(std::vector<std::string> args) {
        args.insert(args.begin(), {"--config", real_config()});
        return run_lbtrack(args, env_);
    }

    long long count(const std::string& sql) {
        pqxx::connection conn(db_url_);
        pqxx::nontransaction tx(conn);
        return tx.exec1(sql)[0].as<long long>();
    }

    std::string db_url_;
    cli_env env_;
};

} // namespace lbtrack::test
