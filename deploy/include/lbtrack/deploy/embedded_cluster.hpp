#pragma once
// The embedded PostgreSQL default: a private cluster created and started with the system's
// PostgreSQL 15 binaries, listening on a Unix socket only (no TCP), in the spirit of
// embedded-postgres. Used by `lbtrack` when neither DATABASE_URL nor PG* variables are set, and
// by the test harness for throwaway clusters.

#include <filesystem>
#include <optional>
#include <string>

namespace lbtrack::deploy {

struct cluster_options {
    /// Cluster directory (PGDATA and the socket live inside it).
    std::filesystem::path data_dir;
    /// Unix user that owns and runs the cluster. Empty: the current user, except when running as
    /// root, where initdb refuses to run: then a dedicated unprivileged user is used (see
    /// default_cluster_user()).
    std::string run_as_user;
    /// Directory holding initdb, pg_ctl, postgres. Empty: $LBTRACK_PG_BINDIR, else
    /// /usr/lib/postgresql/15/bin, else the PATH.
    std::filesystem::path bin_dir;
    /// Database created inside the cluster for lbtrack's tables.
    std::string database = "lbtrack";
    /// Superuser role created by initdb (trust auth: only the socket directory's owner, and root,
    /// can reach the socket).
    std::string superuser = "lbtrack";
};

class embedded_cluster {
public:
    /// Starts nothing and creates nothing. Resolves the options: an empty data_dir becomes
    /// default_data_dir(), a relative one absolute (helpers run from "/"), an empty bin_dir the
    /// discovered one (empty when the PATH is used). An empty run_as_user stays empty; as root,
    /// each call that runs a helper then uses the owner of an existing cluster, else
    /// default_cluster_user().
    explicit embedded_cluster(cluster_options options);

    /// $XDG_DATA_HOME/lbtrack/pg (default ~/.local/share/lbtrack/pg); as root without
    /// XDG_DATA_HOME, /var/lib/lbtrack/pg, because root's home is not reachable by the
    /// unprivileged user the cluster runs as.
    static std::filesystem::path default_data_dir();

    /// The user a root process runs clusters as: $LBTRACK_PG_USER, else "lbtrack" (created as a
    /// system user when missing), else "nobody".
    static std::string default_cluster_user();

    /// initdb when the directory holds no cluster, start it when it is not running, create the
    /// database when missing. Idempotent. Throws lbtrack::database_unavailable with initdb's or
    /// pg_ctl's output (and the server log tail) when any step fails.
    void ensure_started();

    /// True when pg_ctl status says the server of data_dir is running.
    bool is_running() const;

    /// pg_ctl stop -m fast; no-op when it is not running.
    void stop();

    /// libpq connection string: host=<socket dir> port=<port> dbname=<database> user=<superuser>.
    std::string connection_string() const;

    /// The resolved options (see the constructor).
    const cluster_options& options() const noexcept { return options_; }

private:
    cluster_options options_;
};

} // namespace lbtrack::deploy
