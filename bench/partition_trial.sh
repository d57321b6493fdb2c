#!/usr/bin/env bash
# Would monthly partitioning of `entry` (DESIGN.md's scale plan) make the hot reads faster?
# On a database kept by `bench/scale_db.sh --keep`, builds entry_by_month: entry's rows plus
# their snapshot's observed_at, PARTITION BY RANGE (observed_at), one partition per month,
# primary key (snapshot_id, row_number, observed_at) and the same history index as entry; then
# times the reads of `board --as-of` and `history` on both tables with pgbench (one
# connection, RUNS runs after a warm-up, p50/p95 of the server round trip), on the partitioned
# table both as the store queries it today (by snapshot id and model, no partition key) and
# with the partition key added (what the store would have to pass to prune). Drops
# entry_by_month at the end. Needs free disk about the size of entry and its indexes.
#
#   bench/partition_trial.sh DIR [--runs N (50)]      DIR: the work dir scale_db.sh kept
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,13p' "$0"; exit 2; }
work=$(cd "$1" && pwd)
shift
runs=50
[ "${1:-}" = --runs ] && runs=$2
[ -f "$work/params" ] || { echo "$work: not a scale_db.sh work dir" >&2; exit 2; }
conn="host=$work/data/lbtrack/pg/run port=5432 user=lbtrack dbname=lbtrack"
sql() { psql "$conn" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
tmp=$(mktemp -d)
trap 'sql -c "DROP TABLE IF EXISTS entry_by_month" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

echo "building entry_by_month (a partitioned copy of entry) ..."
t0=$(date +%s.%N)
sql <<'EOF'
SET maintenance_work_mem = '256MB';
CREATE TABLE entry_by_month (LIKE entry INCLUDING DEFAULTS, observed_at timestamptz NOT NULL)
    PARTITION BY RANGE (observed_at);
SELECT format('CREATE TABLE entry_%s PARTITION OF entry_by_month FOR VALUES FROM (%L) TO (%L)',
              to_char(m, 'YYYY_MM'), m, m + interval '1 month')
FROM generate_series(date_trunc('month', (SELECT min(observed_at) FROM snapshot)),
                     (SELECT max(observed_at) FROM snapshot), interval '1 month') m \gexec
INSERT INTO entry_by_month SELECT e.*, s.observed_at FROM entry e JOIN snapshot s ON s.id = e.snapshot_id;
ALTER TABLE entry_by_month ADD PRIMARY KEY (snapshot_id, row_number, observed_at);
CREATE INDEX ON entry_by_month (model_id, snapshot_id) INCLUDE (variant, rank, score, raw_name);
VACUUM ANALYZE entry_by_month;
EOF
t1=$(date +%s.%N)
parts=$(sql -c "SELECT count(*) FROM pg_inherits WHERE inhparent = 'entry_by_month'::regclass")
awk -v a="$t0" -v b="$t1" -v p="$parts" 'BEGIN { printf "  %d monthly partitions, copied and indexed in %.0f s\n", p, b - a }'

mid=$(sql -c "SELECT id FROM snapshot WHERE source_id = 'board-01' ORDER BY observed_at OFFSET (SELECT count(*) / 2 FROM snapshot WHERE source_id = 'board-01') LIMIT 1")
at=$(sql -c "SELECT observed_at FROM snapshot WHERE id = $mid")
model=$(sql -c "SELECT id FROM model WHERE canonical_key = 'claude4-opus-0514'")
board_cols="e.row_number, e.raw_name, m.canonical_key, e.variant, e.organization, e.rank, e.score, e.ci_plus, e.ci_minus, e.votes, e.license, e.knowledge_cutoff, e.metrics, e.metric_units"
hist_cols="s.source_id, to_char(s.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), e.variant, e.rank, e.score, e.raw_name"
hist_order="ORDER BY s.source_id, s.observed_at, e.variant"
since="now() - interval '90 days'"

bench() { # LABEL SQL
  echo "SET jit = off; $2;" >"$tmp/q.sql"
  pgbench "$conn" -n -f "$tmp/q.sql" -t 5 >/dev/null 2>&1 # warm-up
  (cd "$tmp" && rm -f pgbench_log.* && pgbench "$conn" -n -f q.sql -t "$runs" -l >/dev/null 2>&1)
  cat "$tmp"/pgbench_log.* | awk '{ print $3 / 1000 }' | sort -g | awk -v label="$1" '
    { t[NR] = $1 } END {
      printf "  %-66s p50 %7.2f ms  p95 %7.2f ms\n", label, t[int(NR * 0.50 + 0.999)], t[int(NR * 0.95 + 0.999)] }'
}
echo "reads (pgbench, $runs runs each; includes SET jit = off and the result transfer):"
for t in entry entry_by_month; do
  bench "$t: board (one snapshot's 10,000 rows, by snapshot id)" \
    "SELECT $board_cols FROM $t e JOIN model m ON m.id = e.model_id WHERE e.snapshot_id = $mid ORDER BY e.row_number"
done
bench "entry_by_month: board, partition key added (pruned)" \
  "SELECT $board_cols FROM entry_by_month e JOIN model m ON m.id = e.model_id WHERE e.snapshot_id = $mid AND e.observed_at = '$at' ORDER BY e.row_number"
for t in entry entry_by_month; do
  bench "$t: history, one model, all time" \
    "SELECT $hist_cols FROM $t e JOIN snapshot s ON s.id = e.snapshot_id WHERE e.model_id = $model $hist_order"
  bench "$t: history --since 90d" \
    "SELECT $hist_cols FROM $t e JOIN snapshot s ON s.id = e.snapshot_id WHERE e.model_id = $model AND s.observed_at >= $since $hist_order"
done
bench "entry_by_month: history --since 90d, partition key added (pruned)" \
  "SELECT $hist_cols FROM entry_by_month e JOIN snapshot s ON s.id = e.snapshot_id WHERE e.model_id = $model AND e.observed_at >= $since AND s.observed_at >= $since $hist_order"
