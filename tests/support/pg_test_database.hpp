#pragma once
// The throwaway PostgreSQL database of integration tests ("pg" label).
//
// Where it lives:
//  - LBTRACK_TEST_DATABASE_URL set: a server someone else runs. It must be a libpq key=value
//    string (host=... user=...) or a postgresql:// URI without dbname in its query string; the
//    role needs CREATEDB. A database lbtrack_test_<pid>_<random> is created there.
//  - otherwise: a private cluster (deploy::embedded_cluster) in a fresh /tmp/lbtrack-test-XXXXXX
//    directory, run as an unprivileged user when the tests run as root.
// Cleanup at exit drops the databases (server) or stops the cluster and deletes its directory,
// unless LBTRACK_KEEP_TEST_DB is set: then it prints where everything is and leaves it.
//
// Lifetime: get() keeps the instance in a function-local static, so a test binary that never
// asks starts no cluster, concurrent first calls are safe, and the destructor does the cleanup
// during static destruction after main() returns. That replaces a registered
// ::testing::Environment, which would need global mutable state. A binary killed by a signal
// skips the cleanup and leaves its /tmp/lbtrack-test-* directory (and server) behind.

#include "lbtrack/deploy/embedded_cluster.hpp"

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>

namespace lbtrack::test {

class test_database {
public:
    /// The process-wide instance, created on first use. Throws lbtrack::database_unavailable
    /// (or a pqxx error) when no database can be set up; the next call tries again.
    static const test_database& get();

    /// libpq connection string of the database created for this test binary.
    const std::string& url() const noexcept { return url_; }

    /// Creates another empty database in the same cluster, named after `prefix` (any text;
    /// reduced to [a-z0-9_]), and returns its connection string. One per test case keeps test
    /// cases independent of each other's tables and rows.
    std::string fresh_database(const std::string& prefix) const;

    test_database(const test_database&) = delete;
    test_database& operator=(const test_database&) = delete;
    ~test_database();

private:
    test_database();
    void clean_up() noexcept;

    long owner_pid_;                                  ///< a fork()ed child must not clean up
    bool keep_;                                       ///< LBTRACK_KEEP_TEST_DB
    std::string base_name_;                           ///< lbtrack_test_<pid>_<random>
    std::string admin_url_;                           ///< where CREATE/DROP DATABASE run
    std::string url_;                                 ///< the database named base_name_
    std::filesystem::path temp_dir_;                  ///< embedded mode only
    std::optional<deploy::embedded_cluster> cluster_; ///< embedded mode only
    mutable std::atomic<unsigned> next_database_{0};
};

/// test_database::get().fresh_database(prefix).
std::string fresh_database(const std::string& prefix);

/// `conninfo` (key=value string or postgresql:// URI) pointing at database `name` instead.
std::string with_database(const std::string& conninfo, const std::string& name);

} // namespace lbtrack::test
