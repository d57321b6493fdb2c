#include "lbtrack/deploy/embedded_cluster.hpp"

#include <pqxx/pqxx>

#include "lbtrack/core/environment.hpp"
#include "lbtrack/core/errors.hpp"
#include "lbtrack/deploy/conninfo.hpp"
#include "lbtrack/deploy/process.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <string_view>
#include <utility>
#include <vector>

// Layout of a cluster directory (data_dir):
//   data/                 PGDATA, created by initdb
//   run/                  the Unix socket (.s.PGSQL.5432); 0700, owned by the cluster user
//   log/postgresql.log    the server log (pg_ctl -l)
//
// Authentication is `trust`. That is safe because the server listens on no TCP address at all
// (listen_addresses='') and its only socket lives in run/, a 0700 directory owned by the
// cluster user: connecting requires search permission on that directory, which only that user
// and root have. Anyone able to connect could read PGDATA directly anyway.

namespace lbtrack::deploy {

namespace {

namespace fs = std::filesystem;

// Every cluster uses port 5432 and none can collide: with listen_addresses='' the port only
// names the socket file (<socket dir>/.s.PGSQL.5432) and each cluster has its own socket dir.
constexpr int port = 5432;

// sizeof(sockaddr_un::sun_path) is 108 on Linux, including the terminating NUL.
constexpr std::size_t max_socket_path = 107;

constexpr std::size_t log_tail_lines = 20;

struct user_ids {
    std::string name;
    uid_t uid;
    gid_t gid;
};

std::optional<user_ids> find_user(const std::string* name, uid_t uid) {
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    int rc = 0;
    do {
        rc = name != nullptr
                 ? ::getpwnam_r(name->c_str(), &entry, buffer.data(), buffer.size(), &found)
                 : ::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found);
        if (rc == ERANGE) {
            buffer.resize(buffer.size() * 2);
        }
    } while (rc == ERANGE);
    if (rc != 0 || found == nullptr) {
        return std::nullopt;
    }
    return user_ids{entry.pw_name, entry.pw_uid, entry.pw_gid};
}

std::optional<user_ids> find_user(const std::string& name) {
    return find_user(&name, 0);
}
std::optional<user_ids> find_user(uid_t uid) {
    return find_user(nullptr, uid);
}

fs::path pgdata(const cluster_options& options) {
    return options.data_dir / "data";
}
fs::path socket_dir(const cluster_options& options) {
    return options.data_dir / "run";
}
fs::path log_dir(const cluster_options& options) {
    return options.data_dir / "log";
}
fs::path log_file(const cluster_options& options) {
    return log_dir(options) / "postgresql.log";
}

bool initialized(const cluster_options& options) {
    std::error_code ignored;
    return fs::exists(pgdata(options) / "PG_VERSION", ignored);
}

std::string program(const cluster_options& options, const char* name) {
    return options.bin_dir.empty() ? std::string(name) : (options.bin_dir / name).string();
}

fs::path find_bin_dir(const fs::path& configured) {
    if (!configured.empty()) {
        return configured;
    }
    if (const char* dir = getenv_nonempty("LBTRACK_PG_BINDIR")) {
        return dir;
    }
    const fs::path debian_default = "/usr/lib/postgresql/15/bin";
    std::error_code ignored;
    if (fs::exists(debian_default / "initdb", ignored)) {
        return debian_default;
    }
    return {}; // initdb, pg_ctl from the PATH
}

std::string conninfo(const cluster_options& options, const std::string& database) {
    return fmt::format("host={} port={} dbname={} user={}",
                       conninfo_value(socket_dir(options).string()), port, conninfo_value(database),
                       conninfo_value(options.superuser));
}

std::string log_tail(const fs::path& file) {
    std::ifstream in(file);
    std::deque<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(std::move(line));
        if (lines.size() > log_tail_lines) {
            lines.pop_front();
        }
    }
    std::string result;
    for (const auto& line : lines) {
        result += line + "\n";
    }
    return result;
}

[[noreturn]] void fail(const cluster_options& options, std::string_view step,
                       std::string_view details) {
    std::string message = fmt::format("embedded PostgreSQL cluster in {}: {} failed",
                                      options.data_dir.string(), step);
    if (!details.empty()) {
        message += fmt::format(":\n{}", details);
    }
    if (std::string tail = log_tail(log_file(options)); !tail.empty()) {
        message += fmt::format("\n--- last lines of {} ---\n{}", log_file(options).string(), tail);
    }
    throw database_unavailable(message);
}

process_result run(const cluster_options& options, const std::string& user, std::string_view step,
                   const std::vector<std::string>& argv) {
    try {
        return run_process(argv, user);
    } catch (const std::exception& e) {
        fail(options, step, e.what());
    }
}

/// The user the cluster's programs run as; empty: ourselves.
std::string effective_user(const cluster_options& options) {
    if (!options.run_as_user.empty()) {
        return options.run_as_user;
    }
    if (!running_as_root()) {
        return {};
    }
    // An existing cluster keeps running as its owner (postgres refuses a data directory owned
    // by anyone else), whatever LBTRACK_PG_USER says today.
    struct stat info {};
    if (::stat(pgdata(options).c_str(), &info) == 0 && info.st_uid != 0) {
        if (auto owner = find_user(info.st_uid)) {
            return owner->name;
        }
    }
    return embedded_cluster::default_cluster_user();
}

/// pg_ctl hands the data directory and log file to /bin/sh inside double quotes, unescaped, and
/// libpq reads a comma in host= as a separator between several hosts.
void check_paths(const cluster_options& options) {
    const std::string dir = options.data_dir.string();
    if (dir.find_first_of("\"$`\\\n,") != std::string::npos) {
        fail(options, "checking the data directory path",
             "it must not contain \", $, `, \\, a comma or a newline (pg_ctl passes it through a "
             "shell, libpq splits host lists at commas)");
    }
    const std::string socket = (socket_dir(options) / fmt::format(".s.PGSQL.{}", port)).string();
    if (socket.size() > max_socket_path) {
        fail(options, "checking the socket path",
             fmt::format("{} is {} bytes long; Unix socket paths are limited to {} bytes, choose "
                         "a shorter data directory",
                         socket, socket.size(), max_socket_path));
    }
}

void set_owner(const fs::path& path, const user_ids& owner) {
    if (::chown(path.c_str(), owner.uid, owner.gid) != 0) {
        throw fs::filesystem_error("chown to " + owner.name, path,
                                   std::error_code(errno, std::generic_category()));
    }
}

/// Creates data_dir, run/ and log/. When the cluster runs as another user, that user owns them
/// and the parents we create are 0755, so it can reach data_dir even under a 077 umask.
void prepare_directories(const cluster_options& options, const std::string& user) {
    std::optional<user_ids> owner;
    if (!user.empty() && running_as_root()) {
        owner = find_user(user);
        if (!owner) {
            fail(options, "preparing directories", fmt::format("no such user: {}", user));
        }
    }
    try {
        std::vector<fs::path> created;
        for (fs::path dir = options.data_dir; !fs::exists(dir) && dir != dir.parent_path();
             dir = dir.parent_path()) {
            created.push_back(dir);
        }
        fs::create_directories(options.data_dir);
        for (const auto& dir : created) {
            if (dir != options.data_dir) {
                fs::permissions(dir, fs::perms(0755));
            }
        }
        if (owner) {
            set_owner(options.data_dir, *owner);
        }
        if (owner || !created.empty()) {
            fs::permissions(options.data_dir, fs::perms::owner_all);
        }
        for (const auto& dir : {socket_dir(options), log_dir(options)}) {
            fs::create_directories(dir);
            if (owner) {
                set_owner(dir, *owner);
            }
            fs::permissions(dir, fs::perms::owner_all);
        }
    } catch (const fs::filesystem_error& e) {
        fail(options, "preparing directories", e.what());
    }
}

void init_cluster(const cluster_options& options, const std::string& user) {
    std::vector<std::string> argv{program(options, "initdb"), "-D", pgdata(options).string()};
    argv.insert(argv.end(),
                {"-U", options.superuser, "--auth=trust", "--encoding=UTF8", "--no-instructions"});
    auto with = [&argv](const char* locale) {
        auto result = argv;
        result.emplace_back(locale);
        return result;
    };
    spdlog::info("creating a PostgreSQL cluster in {}", options.data_dir.string());
    process_result first = run(options, user, "initdb", with("--locale=C.UTF-8"));
    if (first.exit_code == 0) {
        return;
    }
    // Systems without the C.UTF-8 locale; initdb removed what it had created.
    spdlog::debug("initdb --locale=C.UTF-8 failed, retrying with --no-locale:\n{}", first.output);
    process_result second = run(options, user, "initdb", with("--no-locale"));
    if (second.exit_code == 0) {
        return;
    }
    std::string details = fmt::format("with --locale=C.UTF-8:\n{}\nwith --no-locale:\n{}",
                                      first.output, second.output);
    if (!user.empty()) {
        details += fmt::format("\n(the cluster runs as user {}: every parent directory of {} must "
                               "be searchable by that user)",
                               user, options.data_dir.string());
    }
    fail(options, "initdb", details);
}

bool server_running(const cluster_options& options, const std::string& user) {
    if (!initialized(options)) {
        return false;
    }
    // 0: running; 3: not running; 4: no accessible data directory.
    return run(options, user, "pg_ctl status",
               {program(options, "pg_ctl"), "-D", pgdata(options).string(), "status"})
               .exit_code == 0;
}

void start_server(const cluster_options& options, const std::string& user) {
    // pg_ctl runs postgres through /bin/sh: the -o string is shell words. The socket directory
    // is double-quoted for the shell (check_paths() excluded the characters special there) and
    // again inside the value, which postgres reads as a list of directories.
    const std::string server_options =
        fmt::format("-c listen_addresses='' -c \"unix_socket_directories=\\\"{}\\\"\" -c port={}",
                    socket_dir(options).string(), port);
    process_result result =
        run(options, user, "pg_ctl start",
            {program(options, "pg_ctl"), "-D", pgdata(options).string(), "-l",
             log_file(options).string(), "-w", "-t", "60", "-o", server_options, "start"});
    // A concurrent lbtrack may have started it between our status check and our start.
    if (result.exit_code != 0 && !server_running(options, user)) {
        fail(options, "pg_ctl start", result.output);
    }
}

void create_database(const cluster_options& options) {
    try {
        pqxx::connection conn(conninfo(options, "postgres"));
        pqxx::nontransaction tx(conn); // CREATE DATABASE cannot run inside a transaction
        if (tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", options.database)
                .empty()) {
            try {
                tx.exec("CREATE DATABASE " + conn.quote_name(options.database));
                spdlog::info("created database {} in {}", options.database,
                             options.data_dir.string());
            } catch (const pqxx::sql_error& e) {
                if (e.sqlstate() != "42P04") { // duplicate_database: a concurrent run made it
                    throw;
                }
            }
        }
    } catch (const std::exception& e) {
        fail(options, fmt::format("creating database {}", options.database), e.what());
    }
}

} // namespace

embedded_cluster::embedded_cluster(cluster_options options) : options_(std::move(options)) {
    if (options_.data_dir.empty()) {
        options_.data_dir = default_data_dir();
    }
    // Helpers run with working directory "/" when they switch users.
    options_.data_dir = fs::absolute(options_.data_dir).lexically_normal();
    if (!options_.data_dir.has_filename()) {
        options_.data_dir = options_.data_dir.parent_path();
    }
    options_.bin_dir = find_bin_dir(options_.bin_dir);
}

fs::path embedded_cluster::default_data_dir() {
    // The XDG spec says relative values are to be ignored.
    if (const char* xdg = getenv_nonempty("XDG_DATA_HOME");
        xdg != nullptr && fs::path(xdg).is_absolute()) {
        return fs::path(xdg) / "lbtrack" / "pg";
    }
    if (running_as_root()) {
        return "/var/lib/lbtrack/pg";
    }
    if (const char* home = getenv_nonempty("HOME")) {
        return fs::path(home) / ".local" / "share" / "lbtrack" / "pg";
    }
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
        found != nullptr && entry.pw_dir != nullptr && *entry.pw_dir != '\0') {
        return fs::path(entry.pw_dir) / ".local" / "share" / "lbtrack" / "pg";
    }
    throw database_unavailable(
        "cannot choose a directory for the embedded PostgreSQL cluster: set XDG_DATA_HOME or HOME");
}

std::string embedded_cluster::default_cluster_user() {
    if (const char* name = getenv_nonempty("LBTRACK_PG_USER")) {
        return name;
    }
    const std::string wanted = "lbtrack";
    if (find_user(wanted)) {
        return wanted;
    }
    std::string reason = "not running as root";
    if (running_as_root()) {
        std::error_code ignored;
        const std::string useradd =
            fs::exists("/usr/sbin/useradd", ignored) ? "/usr/sbin/useradd" : "useradd";
        try {
            process_result result =
                run_process({useradd, "--system", "--no-create-home", "--home-dir", "/nonexistent",
                             "--shell", "/usr/sbin/nologin", wanted});
            if (result.exit_code == 0) {
                spdlog::info("created system user {} to run the embedded PostgreSQL cluster "
                             "(initdb refuses to run as root)",
                             wanted);
                return wanted;
            }
            reason = result.output;
        } catch (const std::exception& e) {
            reason = e.what();
        }
        if (find_user(wanted)) { // another process created it at the same time
            return wanted;
        }
    }
    spdlog::warn(
        "running the embedded PostgreSQL cluster as user nobody: cannot create user {}: {}", wanted,
        reason);
    return "nobody";
}

void embedded_cluster::ensure_started() {
    check_paths(options_);
    const std::string user = effective_user(options_);
    prepare_directories(options_, user);
    if (!initialized(options_)) {
        init_cluster(options_, user);
    }
    if (!server_running(options_, user)) {
        start_server(options_, user);
    }
    create_database(options_);
}

bool embedded_cluster::is_running() const {
    if (!initialized(options_)) { // also spares root the cluster-user lookup
        return false;
    }
    return server_running(options_, effective_user(options_));
}

void embedded_cluster::stop() {
    if (!initialized(options_)) {
        return;
    }
    const std::string user = effective_user(options_);
    if (!server_running(options_, user)) {
        return;
    }
    process_result result = run(
        options_, user, "pg_ctl stop",
        {program(options_, "pg_ctl"), "-D", pgdata(options_).string(), "-m", "fast", "-w", "stop"});
    if (result.exit_code != 0 && server_running(options_, user)) {
        fail(options_, "pg_ctl stop", result.output);
    }
}

std::string embedded_cluster::connection_string() const {
    return conninfo(options_, options_.database);
}

} // namespace lbtrack::deploy
