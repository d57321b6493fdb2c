#!/usr/bin/env bash
# Replay throughput against a plain COPY of the same rows (DESIGN.md, "Benchmarks").
#
# Generates DAYS days of an LMArena board from the real page in ../shared/data
# (bench/gen_history.py; there is no multi-day real history, so the "real history folder" is
# generated from the one real page), then on one fresh embedded PostgreSQL cluster:
#   replay   `lbtrack replay --source lmarena-text --report json DIR` (report to /dev/null) into
#            an empty database: parse, extract, normalize, validate, store (payload, snapshot,
#            models, COPY of the entries, fetch record, one transaction per day), diff against
#            the day before and render it -> entries/s; also the same without --report, which
#            computes no diff (nobody would see it);
#   COPY     the same rows flattened to a TSV (bench/flatten_history.py, not timed) and loaded
#            with one `\copy entry_copy FROM file` (psql) into
#              CREATE TABLE entry_copy (LIKE entry INCLUDING ALL)
#            i.e. entry's columns, defaults, NOT NULL/CHECK constraints, primary key and every
#            index, but no foreign keys (LIKE never copies them) -> rows/s;
#   COPY+FK  the same into a copy that also has entry's two foreign keys (snapshot, model), with
#            the ids replay stored: what the COPY inside replay pays per row.
# Each figure is the median of RUNS runs (each replay into a new empty database).
#
#   bench/replay_vs_copy.sh [--build DIR] [--days N (365)] [--models K (1)] [--runs N (3)]
#                           [--breakdown] [--keep]
#
# --models 12 makes ~2,740 rows a day, ~1M rows in a year. --breakdown replays once more with
# every statement logged and prints the server time per statement and lbtrack's own CPU time.
# --keep leaves the work dir and the cluster running (it prints how to reach them).
set -euo pipefail
cd "$(dirname "$0")/.."

build=""
days=365
models=1
runs=3
breakdown=0
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --models) models=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --breakdown) breakdown=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
. bench/common.sh
use_build "$build"
command -v psql >/dev/null || { echo "psql not found (postgresql-client-15)" >&2; exit 2; }
use_real_page

. bench/private_cluster.sh
private_cluster
sql() { psql "$conn dbname=${DB:-lbtrack}" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

/usr/bin/python3 bench/gen_history.py --page "$page" --days "$days" --models "$models" \
  --out "$work/days" --start "$(date -u -d "-$((days - 1)) days" +%F)" >/dev/null
"$lbtrack" -q db migrate >/dev/null # creates and starts the cluster: not part of any timing

# DB [ARG...] -> "wall user sys" of one replay into a new empty database. The measured replay
# diffs each day against the one before, as the issue's pipeline does, which lbtrack only does
# when a report asks for it: --report json, written to /dev/null. The same without a report (no
# diff) is timed too.
replay_into() {
  local db=$1
  shift
  sql -c "CREATE DATABASE $db" -c "CHECKPOINT"
  DATABASE_URL="$conn dbname=$db" /usr/bin/python3 bench/measure.py --out "$work/replay.time" -- \
    "$lbtrack" replay --source lmarena-text "$@" "$work/days" 2>"$work/replay.log" >/dev/null ||
    { tail -5 "$work/replay.log" >&2; exit 1; }
  cut -d' ' -f1-3 "$work/replay.time"
}

: >"$work/replay.times"
: >"$work/plain.times"
for i in $(seq "$runs"); do
  replay_into "replay_$i" --report json >>"$work/replay.times"
  replay_into "plain_$i" >>"$work/plain.times"
done
entries=$(grep -o "stored ([0-9]* rows)" "$work/replay.log" | tail -1 | tr -dc 0-9)
snapshots=$(DB=replay_1 sql -c "SELECT count(*) FROM snapshot")
replay_s=$(cut -d' ' -f1 "$work/replay.times" | median)
replay_cpu=$(awk '{ print $2 + $3 }' "$work/replay.times" | median)
plain_s=$(cut -d' ' -f1 "$work/plain.times" | median)
plain_cpu=$(awk '{ print $2 + $3 }' "$work/plain.times" | median)

# The ids replay stored, so the flattened rows satisfy entry's foreign keys.
DB=replay_1 sql -F $'\t' -c "SELECT to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), id FROM snapshot" \
  -c "SELECT DISTINCT 'name', raw_name, model_id FROM entry" >"$work/ids.tsv"
/usr/bin/python3 bench/flatten_history.py "$work/days" "$work/entries.tsv" --ids "$work/ids.tsv" >/dev/null
DB=replay_1 sql -c "CREATE TABLE entry_copy (LIKE entry INCLUDING ALL)" \
  -c "CREATE TABLE entry_copy_fk (LIKE entry INCLUDING ALL,
        FOREIGN KEY (snapshot_id) REFERENCES snapshot (id) ON DELETE CASCADE,
        FOREIGN KEY (model_id) REFERENCES model (id))"

copy_into() { # TABLE -> seconds of the median of RUNS loads into the emptied table
  for _ in $(seq "$runs"); do
    DB=replay_1 sql -c "TRUNCATE $1" -c "CHECKPOINT"
    /usr/bin/python3 bench/measure.py --out "$work/copy.time" -- \
      psql "$conn dbname=replay_1" -X -q -v ON_ERROR_STOP=1 -c "\\copy $1 FROM '$work/entries.tsv'"
    cut -d' ' -f1 "$work/copy.time"
  done | median
}
copy_s=$(copy_into entry_copy)
copy_fk_s=$(copy_into entry_copy_fk)
copied=$(DB=replay_1 sql -c "SELECT count(*) FROM entry_copy_fk")
[ "$copied" = "$entries" ] || { echo "COPY loaded $copied rows, replay stored $entries" >&2; exit 1; }

per_day=$((entries / snapshots))
awk -v e="$entries" -v n="$snapshots" -v d="$per_day" -v k="$models" -v r="$runs" \
    -v rs="$replay_s" -v rc="$replay_cpu" -v ps="$plain_s" -v pc="$plain_cpu" \
    -v cs="$copy_s" -v fs="$copy_fk_s" -v cores="$(nproc)" 'BEGIN {
  printf "replay vs plain COPY: %d entries in %d daily snapshots (~%d rows each), generated from the\n", e, n, d
  printf "real LMArena page by bench/gen_history.py --models %d; median of %d runs; %d cores\n", k, r, cores
  printf "  %-58s %7.2f s %9.0f entries/s  (lbtrack CPU %.2f s)\n", "replay   lbtrack replay --report json (parse ... COPY ... diff)", rs, e / rs, rc
  printf "  %-58s %7.2f s %9.0f entries/s  (lbtrack CPU %.2f s)\n", "         the same without a report (no diff)", ps, e / ps, pc
  printf "  %-58s %7.2f s %9.0f rows/s\n", "COPY     psql \\copy into entry_copy (indexes, no FKs)", cs, e / cs
  printf "  %-58s %7.2f s %9.0f rows/s\n", "COPY+FK  psql \\copy into entry_copy_fk (indexes and FKs)", fs, e / fs
  printf "  ratio replay / COPY: %.2f (aim >= 0.5)   replay / COPY+FK: %.2f\n", cs / rs, fs / rs
  printf "  without a report:     %.2f                  %.2f\n", cs / ps, fs / ps
}'

if [ "$breakdown" = 1 ]; then
  log="$pgdir/log/postgresql.log"
  from=$(($(wc -l <"$log") + 1))
  sql -c "CREATE DATABASE breakdown" -c "ALTER DATABASE breakdown SET log_min_duration_statement = 0"
  DATABASE_URL="$conn dbname=breakdown" /usr/bin/python3 bench/measure.py --out "$work/b.time" -- \
    "$lbtrack" replay --source lmarena-text --report json "$work/days" >/dev/null 2>&1
  tail -n +"$from" "$log" >"$work/statements.log"
  read -r wall user sys _ <"$work/b.time"
  echo "where replay's time goes (one more replay with every statement logged, which slows it a little):"
  /usr/bin/python3 - "$work/statements.log" "$wall" "$user" "$sys" <<'EOF'
import collections, re, sys
log, wall, user, sys_ = sys.argv[1], *map(float, sys.argv[2:])
total, calls = collections.Counter(), collections.Counter()
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.search(r"duration: ([\d.]+) ms\s+(statement|execute [^:]*|parse [^:]*|bind [^:]*): (.*)", line)
    if m:
        key = " ".join(m.group(3).split())[:64]
        total[key] += float(m.group(1)) / 1000
        calls[key] += not m.group(2).startswith(("parse", "bind"))
server = sum(total.values())
print(f"  wall {wall:.2f} s = lbtrack CPU {user + sys_:.2f} s + server statements {server:.2f} s"
      f" + the rest {wall - user - sys_ - server:.2f} s (process start, waits)")
print("  (a COPY's server time includes the time lbtrack takes to format the rows it streams)")
for key, seconds in total.most_common(12):
    print(f"  {seconds:7.3f} s {calls[key]:6d} x  {key}")
EOF
fi
