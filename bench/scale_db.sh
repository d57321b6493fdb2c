#!/usr/bin/env bash
# Query latency at DESIGN.md's scale: BOARDS boards x ROWS rows x DAYS daily snapshots (10 x
# 10,000 x 365 = 36.5M entries by default) in lbtrack's own schema, then p50/p95 of the reads
# behind `lbtrack history` (one model on every board, all time and --since 90d), `lbtrack board
# --as-of` (a day in the middle) and `lbtrack movers --since 90d`:
#   SQL level   build/bench/store_queries_bench: the store functions those commands call, in a
#               tight loop on one connection (server time plus result decoding);
#   end to end  the lbtrack commands as processes (start, config, connect, query, print).
# Also the size of `entry` and its indexes per million entries.
#
# The data: a fresh embedded cluster, schema by `lbtrack db migrate`, then bench/scale_gen.sql
# fills source, payload, snapshot, fetch_log, model and entry inside PostgreSQL (INSERT ...
# SELECT from a per-board random walk, one transaction per day) from the model universe of
# bench/scale_models.py: the real LMArena page's names, organizations, licenses and scores
# scaled up with suffixes (there is no multi-day real history; see docs/benchmarks.md). The
# snapshots carry the identity version this lbtrack stamps, so board and movers read them as
# stored, and the last day is today, so --since 90d reaches back into the history.
#
#   bench/scale_db.sh [--build DIR] [--boards N (10)] [--rows N (10000)] [--days N (365)]
#                     [--runs N (50)] [--keep] [--reuse DIR]
#
# --keep leaves the work dir and the cluster running and prints the --reuse command.
# --reuse DIR measures a kept work dir again, after `lbtrack db migrate` with this build (the
# way to time a new migration on the data and compare before/after); add --keep to keep it.
# At the default scale: ~18 GB of disk while generating (13 GB of database, up to 4 GB of WAL),
# 15-30 minutes on 2 cores, then a few minutes of measuring.
set -euo pipefail
cd "$(dirname "$0")/.."

build=""
boards=10
rows=10000
days=365
runs=50
keep=0
reuse=""
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --boards) boards=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --reuse) reuse=$2; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
. bench/common.sh
use_build "$build"
bench="$build/bench/store_queries_bench"
[ -x "$bench" ] || { echo "no $bench: configure with -DLBTRACK_BUILD_BENCH=ON" >&2; exit 2; }
command -v psql >/dev/null || { echo "psql not found (postgresql-client-15)" >&2; exit 2; }
use_real_page

. bench/private_cluster.sh
if [ -n "$reuse" ]; then
  [ -f "$reuse/sources.toml" ] || { echo "$reuse: not a scale_db.sh work dir" >&2; exit 2; }
  private_cluster "$reuse"
  # shellcheck disable=SC1091
  . "$work/params"
else
  private_cluster
fi
[ "$keep" = 1 ] && echo "(--keep: measure the kept dir again with bench/scale_db.sh --reuse DIR)"
conn="$conn dbname=lbtrack"
sql() { psql "$conn" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
lb() { "$lbtrack" --config "$work/sources.toml" "$@"; }
seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }

if [ -z "$reuse" ]; then
  first_day=$(date -u -d "-$((days - 1)) days" +%F)
  printf 'boards=%s rows=%s days=%s first_day=%s\n' "$boards" "$rows" "$days" "$first_day" >"$work/params"
  # BOARDS boards in the LMArena export's shape, so board and movers find them in the config.
  for b in $(seq -f %02g 1 "$boards"); do
    cat <<EOF
[[source]]
id = "board-$b"
title = "Generated board $b"
url = "https://example.org/board-$b.csv"
format = "csv"

[source.columns]
model = "model"
rank = "rank"
score = "arena_score"
ci = "95_pct_ci"
votes = "votes"
organization = "organization"
license = "license"
knowledge_cutoff = "knowledge_cutoff"

[source.metrics]
rank_stylectrl = "rank_stylectrl"

EOF
  done >"$work/sources.toml"
  lb -q db migrate >/dev/null

  # The identity version this lbtrack stamps snapshots with: from one real replay of one day.
  /usr/bin/python3 bench/gen_history.py --page "$page" --days 1 --out "$work/probe" >/dev/null
  sql -c "CREATE DATABASE probe"
  DATABASE_URL="${conn% dbname=*} dbname=probe" lb -q replay --source board-01 "$work/probe" >/dev/null
  IFS='|' read -r identity rules < <(psql "${conn% dbname=*} dbname=probe" -X -At -F '|' \
    -c "SELECT identity_version, rules_version FROM snapshot")
  sql -c "DROP DATABASE probe"

  /usr/bin/python3 bench/scale_models.py --page "$page" --lbtrack "$lbtrack" --out "$work/models.tsv" \
    --boards "$boards" --rows "$rows" --days "$days" --start "$first_day"

  echo "generating $boards boards x $rows rows x $days days inside PostgreSQL (bench/scale_gen.sql) ..."
  # Bulk-load settings for this private cluster only, reset below: fewer checkpoints while
  # ~15 GB of WAL go through.
  sql -c "ALTER SYSTEM SET max_wal_size = '4GB'" -c "ALTER SYSTEM SET checkpoint_timeout = '30min'" \
    -c "SELECT pg_reload_conf()" >/dev/null
  t0=$(seconds)
  psql "$conn" -X -q -At -v ON_ERROR_STOP=1 -v models_tsv="$work/models.tsv" -v boards="$boards" \
    -v days="$days" -v first_day="$first_day" -v identity="$identity" -v rules="$rules" \
    -f bench/scale_gen.sql | sed -u 's/^/  /'
  t1=$(seconds)
  sql -c "SET maintenance_work_mem = '1GB'" -c "VACUUM ANALYZE"
  t2=$(seconds)
  sql -c "ALTER SYSTEM RESET max_wal_size" -c "ALTER SYSTEM RESET checkpoint_timeout" \
    -c "SELECT pg_reload_conf()" -c "CHECKPOINT" >/dev/null
  orphans=$(sql -c "SELECT (SELECT count(*) FROM entry e WHERE NOT EXISTS (SELECT 1 FROM model m WHERE m.id = e.model_id))
                         + (SELECT count(*) FROM entry e WHERE NOT EXISTS (SELECT 1 FROM snapshot s WHERE s.id = e.snapshot_id))")
  [ "$orphans" = 0 ] || { echo "generated $orphans entries without their model or snapshot" >&2; exit 1; }
  awk -v g="$(elapsed "$t0" "$t1")" -v v="$(elapsed "$t1" "$t2")" \
    'BEGIN { printf "generation: %.0f s inside PostgreSQL (%.1f min), then VACUUM ANALYZE %.0f s\n", g, g / 60, v }'
else
  t0=$(seconds)
  applied=$(lb -q db migrate)
  t1=$(seconds)
  echo "$applied" | sed 's/^.*: //'
  awk -v s="$(elapsed "$t0" "$t1")" 'BEGIN { printf "migration on the existing data: %.1f s\n", s }'
  sql -c "SET maintenance_work_mem = '1GB'" -c "VACUUM ANALYZE"
fi

schema=$(sql -c "SELECT max(version) FROM schema_migration")
echo
echo "database: schema version $schema; $(sql -F ', ' -c "SELECT (SELECT count(*) FROM source) || ' boards', (SELECT count(*) FROM snapshot) || ' snapshots', (SELECT count(*) FROM model) || ' models'")"
sql -F $'\t' -c "
  WITH rels AS (
    SELECT c.oid, c.relname, c.relkind FROM pg_class c
    WHERE c.relname = 'entry' OR c.oid IN (SELECT inhrelid FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'entry')),
  n AS (SELECT count(*) AS entries FROM entry)
  SELECT 'entries', to_char(entries, 'FM999,999,999'), '' FROM n
  UNION ALL SELECT 'table (heap + TOAST)', pg_size_pretty(sum(pg_table_size(oid))), round(sum(pg_table_size(oid)) / 1048576.0 / (entries / 1e6), 1) || ' MB' FROM rels, n GROUP BY entries
  UNION ALL SELECT 'index ' || regexp_replace(ic.relname, '^entry_[0-9_]*(p[0-9_]*_)?', ''), pg_size_pretty(sum(pg_relation_size(ic.oid))), round(sum(pg_relation_size(ic.oid)) / 1048576.0 / (entries / 1e6), 1) || ' MB'
    FROM rels JOIN pg_index x ON x.indrelid = rels.oid JOIN pg_class ic ON ic.oid = x.indexrelid, n
    GROUP BY 1, entries
  UNION ALL SELECT 'entry in all (pg_total_relation_size)', pg_size_pretty(sum(pg_total_relation_size(oid))), round(sum(pg_total_relation_size(oid)) / 1048576.0 / (entries / 1e6), 1) || ' MB' FROM rels, n GROUP BY entries
  UNION ALL SELECT 'database', pg_size_pretty(pg_database_size(current_database())), '' " |
  awk -F '\t' 'BEGIN { printf "  %-40s %12s %16s\n", "", "size", "per 1M entries" } { printf "  %-40s %12s %16s\n", $1, $2, $3 }'

model="Claude Opus 4 (20250514)" # a real row: on every board, every day
mid=$(date -u -d "$first_day + $((days / 2)) days" +%F)
echo
echo "SQL level (store_queries_bench: the commands' store calls, one connection, $runs runs after a warm-up):"
LBTRACK_BENCH_DATABASE_URL="$conn" LBTRACK_BENCH_CONFIG="$work/sources.toml" LBTRACK_BENCH_MODEL="$model" \
  LBTRACK_BENCH_SOURCE=board-01 LBTRACK_BENCH_AS_OF="$mid" LBTRACK_BENCH_SINCE=90d \
  "$bench" --benchmark_repetitions="$runs" --benchmark_report_aggregates_only=true \
  --benchmark_format=csv 2>/dev/null |
  awk -F, -v mid="$mid" '
    /_p50"?,|_p95"?,/ {
      name = $1; gsub(/"/, "", name); stat = name; sub(/.*_/, "", stat); sub(/\/iterations.*|_p[0-9]+$/, "", name)
      sub(/\/iterations:1\/repeats:[0-9]+\/real_time/, "", name); v[name, stat] = $3; order[name] = ++n }
    END {
      label["history/all"] = "history MODEL (all boards, all time)"
      label["history/since"] = "history MODEL --since 90d"
      label["board/as_of"] = "board --source board-01 --as-of " mid
      label["board/top50"] = "board --source board-01 --as-of " mid " --top 50"
      label["movers/since"] = "movers --since 90d"
      split("history/all history/since board/as_of board/top50 movers/since", keys, " ")
      for (i = 1; i <= 5; i++) printf "  %-44s p50 %8.2f ms  p95 %8.2f ms\n", label[keys[i]], v[keys[i], "p50"], v[keys[i], "p95"]
    }'

measure() {
  local label=$1
  shift
  "$@" >/dev/null 2>&1 # warm-up
  "$@" >/dev/null 2>&1
  for _ in $(seq "$runs"); do
    /usr/bin/python3 bench/measure.py --out "$work/t" -- "$@" >/dev/null 2>&1
    cut -d' ' -f1 "$work/t"
  done | sort -g | awk -v label="$label" '
    { t[NR] = $1 * 1000 }
    END {
      p50 = t[int(NR * 0.50 + 0.999)]; p95 = t[int(NR * 0.95 + 0.999)]
      printf "  %-44s p50 %8.2f ms  p95 %8.2f ms  (%d runs)\n", label, p50, p95, NR
    }'
}
echo
echo "end to end (lbtrack processes over the embedded cluster's Unix socket):"
lbc=("$lbtrack" --config "$work/sources.toml")
measure "history MODEL --format csv" "${lbc[@]}" history "$model" --format csv
measure "history MODEL --since 90d --format csv" "${lbc[@]}" history "$model" --since 90d --format csv
measure "board --source board-01 --as-of $mid" "${lbc[@]}" board --source board-01 --as-of "$mid"
measure "board --source board-01 --as-of $mid --top 50" "${lbc[@]}" board --source board-01 --as-of "$mid" --top 50
measure "movers --since 90d --top 20" "${lbc[@]}" movers --since 90d --top 20
measure "resolve MODEL (process start, no database)" "${lbc[@]}" resolve "$model"
