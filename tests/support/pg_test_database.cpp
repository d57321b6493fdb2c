#include "support/pg_test_database.hpp"

#include <pqxx/pqxx>

#include "lbtrack/core/environment.hpp"
#include "lbtrack/deploy/conninfo.hpp"
#include "lbtrack/deploy/process.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string_view>
#include <system_error>
#include <vector>

namespace lbtrack::test {

namespace {

namespace fs = std::filesystem;

// PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes.
constexpr std::size_t max_identifier = 63;

/// mkdtemp under /tmp, searchable by everyone: the cluster may run as another user.
fs::path make_temp_dir() {
    std::string pattern = "/tmp/lbtrack-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    }
    fs::permissions(pattern, fs::perms(0755));
    return pattern;
}

void create_database(const std::string& admin_url, const std::string& name) {
    pqxx::connection conn(admin_url);
    pqxx::nontransaction tx(conn); // CREATE DATABASE cannot run inside a transaction
    tx.exec("CREATE DATABASE " + conn.quote_name(name));
}

/// Drops every database whose name starts with `base` (the test binary's own and its fresh
/// ones), disconnecting leftover sessions where the server supports it (PostgreSQL 13+).
void drop_databases(const std::string& admin_url, const std::string& base) {
    pqxx::connection conn(admin_url);
    pqxx::nontransaction tx(conn);
    const char* force = conn.server_version() >= 130000 ? " WITH (FORCE)" : "";
    for (const auto& row :
         tx.exec_params("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", base)) {
        tx.exec("DROP DATABASE IF EXISTS " + conn.quote_name(row[0].as<std::string>()) + force);
    }
}

/// A throwaway cluster needs no durability: without fsync, commits, CREATE DATABASE and the
/// shutdown checkpoint stop waiting for the disk (seconds per test binary on slow disks).
void skip_durability(const std::string& admin_url) {
    pqxx::connection conn(admin_url);
    pqxx::nontransaction tx(conn); // ALTER SYSTEM cannot run inside a transaction
    for (const char* setting : {"fsync", "synchronous_commit", "full_page_writes"}) {
        tx.exec(fmt::format("ALTER SYSTEM SET {} = off", setting));
    }
    tx.exec("SELECT pg_reload_conf()");
}

std::string random_hex() {
    std::random_device device;
    return fmt::format("{:08x}", device());
}

} // namespace

std::string with_database(const std::string& conninfo, const std::string& name) {
    for (std::string_view scheme : {"postgresql://", "postgres://"}) {
        if (conninfo.starts_with(scheme)) {
            // postgresql://[userinfo@][hosts][/dbname][?params]: the path names the database.
            std::size_t path = conninfo.find_first_of("/?#", scheme.size());
            if (path == std::string::npos || conninfo[path] != '/') {
                std::string result = conninfo;
                return result.insert(path == std::string::npos ? result.size() : path, "/" + name);
            }
            std::size_t end = conninfo.find_first_of("?#", path);
            std::string result = conninfo;
            return result.replace(
                path + 1, (end == std::string::npos ? result.size() : end) - path - 1, name);
        }
    }
    // Key=value strings: libpq keeps the last value of a repeated keyword.
    return conninfo + (conninfo.empty() ? "" : " ") + "dbname=" + deploy::conninfo_value(name);
}

test_database::test_database()
    : owner_pid_(static_cast<long>(::getpid())),
      keep_(getenv_nonempty("LBTRACK_KEEP_TEST_DB") != nullptr),
      base_name_(fmt::format("lbtrack_test_{}_{}", ::getpid(), random_hex())) {
    if (const char* server = getenv_nonempty("LBTRACK_TEST_DATABASE_URL")) {
        admin_url_ = server;
        create_database(admin_url_, base_name_);
        url_ = with_database(admin_url_, base_name_);
        return;
    }
    temp_dir_ = make_temp_dir();
    try {
        deploy::cluster_options options;
        options.data_dir = temp_dir_ / "cluster";
        options.database = base_name_;
        if (deploy::running_as_root()) { // initdb refuses root
            options.run_as_user = deploy::embedded_cluster::default_cluster_user();
        }
        cluster_.emplace(options);
        cluster_->ensure_started();
        url_ = cluster_->connection_string();
        admin_url_ = with_database(url_, "postgres");
        skip_durability(admin_url_);
    } catch (...) {
        clean_up(); // the destructor does not run for a constructor that throws
        throw;
    }
}

test_database::~test_database() {
    clean_up();
}

void test_database::clean_up() noexcept {
    if (static_cast<long>(::getpid()) != owner_pid_) {
        return; // a fork()ed child (death test) exiting: the parent still uses everything
    }
    if (keep_) {
        std::fprintf(stderr, "LBTRACK_KEEP_TEST_DB: keeping test database %s\n", url_.c_str());
        if (cluster_) {
            std::fprintf(
                stderr, "  cluster in %s, still running; stop it with: pg_ctl -D %s stop%s\n",
                temp_dir_.c_str(), (cluster_->options().data_dir / "data").c_str(),
                cluster_->options().run_as_user.empty()
                    ? ""
                    : fmt::format(" (as user {})", cluster_->options().run_as_user).c_str());
        }
        return;
    }
    try {
        if (cluster_) {
            cluster_->stop();
        } else if (!admin_url_.empty()) {
            drop_databases(admin_url_, base_name_);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "warning: cleaning up the test database failed: %s\n", e.what());
    }
    if (!temp_dir_.empty()) {
        std::error_code ignored;
        fs::remove_all(temp_dir_, ignored);
    }
}

const test_database& test_database::get() {
    static const test_database instance;
    return instance;
}

std::string test_database::fresh_database(const std::string& prefix) const {
    std::string name = base_name_ + "_";
    for (char c : prefix) {
        name += std::isalnum(static_cast<unsigned char>(c)) != 0
                    ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                    : '_';
    }
    std::string suffix = fmt::format("_{}", next_database_.fetch_add(1) + 1);
    name = name.substr(0, max_identifier - suffix.size()) + suffix;
    create_database(admin_url_, name);
    return with_database(url_, name);
}

std::string fresh_database(const std::string& prefix) {
    return test_database::get().fresh_database(prefix);
}

} // namespace lbtrack::test
