#!/usr/bin/env bash
# End-to-end latency of the trend queries as a user runs them: `lbtrack history`, `lbtrack movers
# --since 90d` and `lbtrack board --as-of`, each a whole process (start, connect, query, print)
# against the embedded PostgreSQL, over a year of daily LMArena history generated from the real
# page in ../shared/data (bench/gen_history.py). Prints the replay figures, then p50/p95/max per
# query over RUNS calls.
#
#   bench/query_latency.sh [BUILD_DIR (build)] [DAYS (365)] [RUNS (30)]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
days=${2:-365}
runs=${3:-30}
. bench/common.sh
use_build "$build"
use_real_page

. bench/private_cluster.sh
private_cluster
trap 'echo "failed; log:" >&2; tail -5 "$work/replay.log" >&2 2>/dev/null' ERR

# The last generated day is today, so "--since 90d" reaches back into the history.
/usr/bin/python3 bench/gen_history.py --page "$page" --days "$days" --out "$work/days" \
  --start "$(date -u -d "-$((days - 1)) days" +%F)"
start=$(date +%s.%N)
command time -f "%M" -o "$work/rss" "$lbtrack" replay --source lmarena-text "$work/days" 2>"$work/replay.log"
end=$(date +%s.%N)
echo "replay: $days days in $(echo "$end - $start" | bc) s, peak RSS $(cat "$work/rss") KB"
echo "        $(grep -o "replay of .*" "$work/replay.log" | tail -1)"

last=$(ls "$work/days" | tail -1)
mid=$(ls "$work/days" | sed -n "$((days / 2))p")
leader=$(sed -n 2p "$work/days/$last" | cut -d, -f1)

measure() {
  local label=$1
  shift
  local times=()
  "$@" >/dev/null 2>&1 # warm-up: the first call may start the cluster
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { t[NR] = $1 }
    END {
      p50 = t[int((n + 1) * 0.50)]; p95 = t[int((n + 1) * 0.95)]; if (p95 == "") p95 = t[n]
      printf "%-44s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d runs)\n", label, p50 / 1000, p95 / 1000, t[n] / 1000, n
    }'
}

echo "queries (whole process, embedded PostgreSQL over a Unix socket):"
measure "history \"$leader\" (all $days days)" "$lbtrack" history "$leader" --format csv
measure "history \"$leader\" --since 90d" "$lbtrack" history "$leader" --since 90d --format csv
measure "movers --since 90d --top 20" "$lbtrack" movers --since 90d --top 20
measure "board --as-of ${mid%.csv}" "$lbtrack" board --source lmarena-text --as-of "${mid%.csv}"
measure "resolve (process start, no database)" "$lbtrack" resolve "$leader"
