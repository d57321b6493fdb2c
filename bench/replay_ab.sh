#!/usr/bin/env bash
# Replay time of two builds on the same real boards, alternated on one private embedded
# PostgreSQL (a fresh database per replay), so both see the same server and the same load:
#
#   REPS=8 bench/replay_ab.sh BUILD_A BUILD_B BOARD...
#
# Prints one line per replay ("A|B board seconds"), then the mean per build and board.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
[ $# -ge 3 ] || { echo "usage: bench/replay_ab.sh BUILD_A BUILD_B BOARD..." >&2; exit 2; }
use_build "$1"
lbtrack_a=$lbtrack
use_build "$2"
lbtrack_b=$lbtrack
shift 2
. bench/private_cluster.sh
private_cluster
shared=${LBTRACK_SHARED_DATA:-$(cd .. && pwd)/shared/data}
config="$PWD/config/sources.toml"
"$lbtrack" --config "$config" db migrate >/dev/null 2>&1
for i in $(seq "${REPS:-5}"); do
  for side in A B; do
    bin=$lbtrack_a
    [ "$side" = B ] && bin=$lbtrack_b
    for b in "$@"; do
      db="ab_${side,,}_${i}_${b//-/_}"
      psql "$conn dbname=lbtrack" -qc "CREATE DATABASE $db" >/dev/null
      DATABASE_URL="$conn dbname=$db" "$bin" --config "$config" db migrate >/dev/null 2>&1
      DATABASE_URL="$conn dbname=$db" /usr/bin/time -o "$work/time" -f '%e' \
        "$bin" --config "$config" -q replay --source "$b" "$shared/$b" >/dev/null 2>&1 || true
      echo "$side $b $(cat "$work/time")"
    done
  done
done | tee "$work/times"
awk '{k = $1 " " $2; s[k] += $3; n[k]++} END {for (k in s) printf "mean %s: %.2f s over %d\n", k, s[k] / n[k], n[k]}' \
  "$work/times" | sort
