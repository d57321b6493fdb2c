# Sourced by the bench scripts: a private embedded PostgreSQL for one benchmark, in a work dir
# that is removed (cluster stopped first) when the script exits, unless keep=1.
#
#   private_cluster [WORK_DIR]   # WORK_DIR: reuse a kept one; default: a new temp dir
#
# Needs $lbtrack. Sets work, XDG_DATA_HOME (exported), pgdir, conn (libpq, no dbname) and an
# EXIT trap. No DATABASE_URL/PG* variable may point the commands elsewhere.

private_cluster_cleanup() {
  if [ "${keep:-0}" = 1 ]; then
    echo "kept: $work (cluster running); remove with:" \
      "XDG_DATA_HOME=$XDG_DATA_HOME $lbtrack db stop; rm -rf $work"
    return
  fi
  "$lbtrack" db stop >/dev/null 2>&1 || true
  rm -rf "$work"
}

private_cluster() {
  if [ -n "${1:-}" ]; then
    work=$(cd "$1" && pwd)
  else
    work=$(mktemp -d)
    # As root the embedded cluster runs as the unprivileged user lbtrack: it must reach its dir.
    chmod 755 "$work"
  fi
  export XDG_DATA_HOME="$work/data"
  unset DATABASE_URL PGHOST PGHOSTADDR PGDATABASE PGUSER PGPORT PGSERVICE
  pgdir="$XDG_DATA_HOME/lbtrack/pg"
  conn="host=$pgdir/run port=5432 user=lbtrack"
  trap private_cluster_cleanup EXIT
}
