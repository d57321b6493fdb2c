// The embedded cluster against the real PostgreSQL 15 binaries, the test database harness, and
// the process runner they are built on.

#include "support/pg_test_database.hpp"
#include <pqxx/pqxx>

#include "lbtrack/core/errors.hpp"
#include "lbtrack/deploy/embedded_cluster.hpp"
#include "lbtrack/deploy/process.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace {

namespace fs = std::filesystem;
using lbtrack::deploy::cluster_options;
using lbtrack::deploy::embedded_cluster;
using lbtrack::deploy::run_process;
using lbtrack::deploy::running_as_root;

/// A fresh directory under /tmp, searchable by the cluster user, removed afterwards.
class scratch_dir {
public:
    scratch_dir() {
        std::string pattern = "/tmp/lbtrack-deploy-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::system_error(errno, std::generic_category(), "mkdtemp");
        }
        path_ = pattern;
        fs::permissions(path_, fs::perms(0755));
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    ~scratch_dir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const noexcept { return path_; }

private:
    fs::path path_;
};

/// Stops the cluster even when an assertion ends the test early: no stray servers.
class stopped_at_exit {
public:
    explicit stopped_at_exit(embedded_cluster& cluster) : cluster_(cluster) {}
    stopped_at_exit(const stopped_at_exit&) = delete;
    stopped_at_exit& operator=(const stopped_at_exit&) = delete;
    ~stopped_at_exit() {
        try {
            cluster_.stop();
        } catch (const std::exception& e) {
            ADD_FAILURE() << e.what();
        }
    }

private:
    embedded_cluster& cluster_;
};

cluster_options options_in(const fs::path& data_dir) {
    cluster_options options;
    options.data_dir = data_dir;
    if (running_as_root()) { // initdb refuses root
        options.run_as_user = embedded_cluster::default_cluster_user();
    }
    return options;
}

std::string query_one(const std::string& conninfo, const std::string& sql) {
    pqxx::connection conn(conninfo);
    pqxx::nontransaction tx(conn);
    return tx.exec(sql).at(0).at(0).as<std::string>();
}

TEST(run_process, captures_exit_code_and_both_streams) {
    auto result = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_EQ(result.output, "out\nerr\n");
}

TEST(run_process, passes_extra_environment_and_reports_signals) {
    auto result = run_process({"sh", "-c", "printf %s \"$LBTRACK_PROBE\""}, "",
                              {{"LBTRACK_PROBE", "hello world"}});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.output, "hello world");
    EXPECT_EQ(run_process({"sh", "-c", "kill -TERM $$"}).exit_code, 128 + 15);
}

TEST(run_process, reports_a_missing_program_like_a_shell) {
    auto result = run_process({"lbtrack-no-such-program"});
    EXPECT_EQ(result.exit_code, 127);
    EXPECT_NE(result.output.find("lbtrack-no-such-program"), std::string::npos) << result.output;
    EXPECT_THROW(run_process({}), std::invalid_argument);
}

TEST(run_process, switches_user_when_root) {
    if (!running_as_root()) {
        GTEST_SKIP() << "needs root to switch users";
    }
    auto uid = run_process({"id", "-u"}, "nobody");
    EXPECT_EQ(uid.exit_code, 0) << uid.output;
    EXPECT_NE(uid.output, "0\n");
    EXPECT_FALSE(uid.output.empty());
    auto identity = run_process({"sh", "-c", "echo $USER $HOME; pwd"}, "nobody");
    EXPECT_EQ(identity.output, "nobody /nonexistent\n/\n");
    EXPECT_THROW(run_process({"true"}, "lbtrack-no-such-user"), std::invalid_argument);
}

TEST(embedded_cluster, starts_idempotently_on_a_private_socket_and_keeps_data_over_restarts) {
    scratch_dir scratch;
    embedded_cluster cluster(options_in(scratch.path() / "pg"));
    stopped_at_exit stopper(cluster);
    EXPECT_FALSE(cluster.is_running());

    cluster.ensure_started();
    ASSERT_TRUE(cluster.is_running());
    cluster.ensure_started(); // already initialized, running, database present
    ASSERT_TRUE(cluster.is_running());

    const std::string url = cluster.connection_string();
    EXPECT_NE(query_one(url, "SELECT version()").find("PostgreSQL 15"), std::string::npos);
    EXPECT_EQ(query_one(url, "SELECT current_database()"), "lbtrack");
    EXPECT_EQ(query_one(url, "SHOW listen_addresses"), "");
    EXPECT_TRUE(fs::is_socket(scratch.path() / "pg" / "run" / ".s.PGSQL.5432"));
    EXPECT_NE(url.find("host=" + (scratch.path() / "pg" / "run").string()), std::string::npos)
        << url;
    {
        pqxx::connection conn(url);
        pqxx::work tx(conn);
        tx.exec("CREATE TABLE survivor (x integer)");
        tx.exec("INSERT INTO survivor VALUES (42)");
        tx.commit();
    }

    cluster.stop();
    EXPECT_FALSE(cluster.is_running());
    cluster.stop(); // no-op when stopped

    cluster.ensure_started();
    EXPECT_TRUE(cluster.is_running());
    EXPECT_EQ(query_one(url, "SELECT x FROM survivor"), "42");
}

TEST(embedded_cluster, copes_with_spaces_in_the_data_dir) {
    scratch_dir scratch;
    embedded_cluster cluster(options_in(scratch.path() / "my pg 'dir'"));
    stopped_at_exit stopper(cluster);
    cluster.ensure_started();
    EXPECT_EQ(query_one(cluster.connection_string(), "SELECT 1"), "1");
}

TEST(embedded_cluster, refuses_data_dirs_libpq_or_the_shell_would_misread) {
    scratch_dir scratch;
    for (const char* name : {"a,b", "a$b", "a\"b"}) {
        embedded_cluster cluster(options_in(scratch.path() / name));
        EXPECT_THROW(cluster.ensure_started(), lbtrack::database_unavailable) << name;
        EXPECT_FALSE(fs::exists(scratch.path() / name)) << name;
    }
}

TEST(embedded_cluster, refuses_socket_paths_longer_than_the_kernel_allows) {
    scratch_dir scratch;
    embedded_cluster cluster(options_in(scratch.path() / std::string(90, 'x')));
    try {
        cluster.ensure_started();
        FAIL() << "expected database_unavailable";
    } catch (const lbtrack::database_unavailable& e) {
        EXPECT_NE(std::string(e.what()).find("Unix socket paths are limited to 107 bytes"),
                  std::string::npos)
            << e.what();
    }
}

TEST(embedded_cluster, names_the_failing_step_and_data_dir) {
    scratch_dir scratch;
    cluster_options options = options_in(scratch.path() / "pg");
    options.bin_dir = scratch.path() / "no-binaries-here";
    embedded_cluster cluster(options);
    try {
        cluster.ensure_started();
        FAIL() << "expected database_unavailable";
    } catch (const lbtrack::database_unavailable& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("initdb failed"), std::string::npos) << message;
        EXPECT_NE(message.find((scratch.path() / "pg").string()), std::string::npos) << message;
    }
}

TEST(embedded_cluster, resolves_relative_data_dirs_and_keeps_the_default_database) {
    cluster_options options;
    options.data_dir = "relative/dir";
    embedded_cluster cluster(options);
    EXPECT_TRUE(cluster.options().data_dir.is_absolute());
    EXPECT_EQ(cluster.options().database, "lbtrack");
    EXPECT_FALSE(cluster.is_running());
}

TEST(test_database, gives_a_working_url_and_distinct_empty_fresh_databases) {
    const auto& database = lbtrack::test::test_database::get();
    EXPECT_EQ(query_one(database.url(), "SELECT 1"), "1");
    const std::string main_name = query_one(database.url(), "SELECT current_database()");

    const std::string first = lbtrack::test::fresh_database("Deploy Test");
    const std::string second = lbtrack::test::fresh_database("Deploy Test");
    const std::string first_name = query_one(first, "SELECT current_database()");
    const std::string second_name = query_one(second, "SELECT current_database()");
    EXPECT_NE(first_name, main_name);
    EXPECT_NE(first_name, second_name);
    EXPECT_NE(first_name.find("deploy_test"), std::string::npos) << first_name;

    EXPECT_EQ(query_one(first, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
    {
        pqxx::connection conn(first);
        pqxx::work tx(conn);
        tx.exec("CREATE TABLE only_here (x integer)");
        tx.commit();
    }
    EXPECT_EQ(query_one(second, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
}

TEST(test_database, points_connection_strings_at_another_database) {
    using lbtrack::test::with_database;
    EXPECT_EQ(with_database("host=/tmp/x port=5432", "db"), "host=/tmp/x port=5432 dbname=db");
    EXPECT_EQ(with_database("host=/tmp/x", "it's db"), "host=/tmp/x dbname='it\\'s db'");
    EXPECT_EQ(with_database("postgresql://u@h:5/old?sslmode=disable", "db"),
              "postgresql://u@h:5/db?sslmode=disable");
    EXPECT_EQ(with_database("postgresql://h", "db"), "postgresql://h/db");
    EXPECT_EQ(with_database("postgres://h?x=1", "db"), "postgres://h/db?x=1");
}

} // namespace
