#!/usr/bin/env bash
# Replays every board folder of ../shared/data (LBTRACK_SHARED_DATA) with config/sources.toml
# into a private embedded PostgreSQL and prints, per board: files, snapshots, unchanged, pages
# without a board, failed files, entries stored, wall time and peak RSS of the replay (GNU time).
#
#   bench/real_boards.sh [BUILD_DIR] [BOARD...]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
. bench/private_cluster.sh
use_build "${1:-}"
shift || true
shared=${LBTRACK_SHARED_DATA:-$(cd .. && pwd)/shared/data}
[ -d "$shared/lmarena-text" ] || { echo "skipped: no real boards under $shared" >&2; exit 0; }
private_cluster
config="$PWD/config/sources.toml"
"$lbtrack" --config "$config" db migrate >/dev/null 2>&1
boards=("$@")
if [ ${#boards[@]} -eq 0 ]; then
  mapfile -t boards < <(sed -n 's/^id = "\(.*\)"$/\1/p' "$config" | while read -r b; do
    [ -d "$shared/$b" ] && echo "$b"; done)
fi
q() { psql "$conn dbname=lbtrack" -Atc "$1"; }
printf '| board | files | snapshots | unchanged | no board | failed | entries | time (s) | peak RSS (MiB) |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for b in "${boards[@]}"; do
  files=$(find "$shared/$b" -maxdepth 1 -type f | wc -l)
  /usr/bin/time -o "$work/time" -f '%e %M' "$lbtrack" --config "$config" -q replay \
    --source "$b" "$shared/$b" >/dev/null 2>&1 || true
  read -r secs kib <"$work/time"
  w="WHERE source_id = '$b'"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %.0f |\n' "$b" "$files" \
    "$(q "SELECT count(*) FROM snapshot $w")" \
    "$(q "SELECT count(*) FROM fetch_log $w AND status = 'unchanged'")" \
    "$(q "SELECT count(*) FROM fetch_log $w AND status = 'no_board'")" \
    "$(q "SELECT count(*) FROM fetch_log $w AND status = 'failed'")" \
    "$(q "SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id $w")" \
    "$secs" "$(echo "$kib / 1024" | bc -l)"
done
