#!/usr/bin/env bash
# Peak memory of parsing a payload (DESIGN.md, "Benchmarks"): the peak RSS of `lbtrack extract`
# (fetch from file, parse, extract, normalize; prints the rows) and of `lbtrack replay` of the
# payload as a one-day folder (the same plus store and diff), against the payload's size:
#   - the largest real payload, ../shared/data/pages/lmarena-zh-2025-06-27.md (Markdown, 209
#     rows), with tests/data/config/shared_pages.toml's lmarena-zh source;
#   - larger synthetic LMArena CSVs from bench/gen_history.py --models K (the real page's rows
#     and replicas of them): ~10,000 and ~50,000 rows, with config/sources.toml's lmarena-text.
# Baseline: the RSS of a process that parses nothing (`lbtrack resolve x`: start, config,
# registry). Ratio: (peak - baseline) / payload bytes (aim < 3).
#
#   bench/peak_memory.sh [--build DIR] [--keep]
#
# Peak RSS is getrusage's ru_maxrss (what `/usr/bin/time -f %M` prints), read by bench/measure.py.
# Replays run against a private embedded cluster, started before any measurement so initdb and
# the server are not counted; it is stopped and removed at the end unless --keep.
set -euo pipefail
cd "$(dirname "$0")/.."

build=""
keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
. bench/common.sh
use_build "$build"
use_real_page

. bench/private_cluster.sh
private_cluster
"$lbtrack" -q db migrate >/dev/null

rss() { # COMMAND... -> peak RSS in KB; fails loudly when the command does
  /usr/bin/python3 bench/measure.py --out "$work/m" -- "$@" >/dev/null 2>"$work/err" ||
    { echo "failed: $*" >&2; tail -5 "$work/err" >&2; exit 1; }
  cut -d' ' -f4 "$work/m"
}

baseline=$(rss "$lbtrack" resolve x)
echo "peak RSS (ru_maxrss) against payload size; baseline: lbtrack resolve x = $baseline KB"
printf '  %-44s %10s %10s %10s %8s\n' "payload / command" "bytes" "peak KB" "-baseline" "ratio"
row() { # LABEL BYTES PEAK_KB
  awk -v l="$1" -v b="$2" -v p="$3" -v base="$baseline" 'BEGIN {
    printf "  %-44s %10d %10d %10d %8.2f\n", l, b, p, p - base, (p - base) * 1024 / b }'
}

n=0
measure_payload() { # LABEL CONFIG SOURCE FILE
  local label=$1 config=$2 source=$3 file=$4 bytes ext
  bytes=$(wc -c <"$file")
  n=$((n + 1))
  ext=${file##*.}
  mkdir -p "$work/day$n"
  cp "$file" "$work/day$n/2025-06-27.$ext"
  "$lbtrack" -q --config "$config" extract --source "$source" "$file" >/dev/null # warm file cache
  row "$label: extract" "$bytes" "$(rss "$lbtrack" --config "$config" extract --source "$source" "$file")"
  psql "$conn dbname=lbtrack" -X -q -c "CREATE DATABASE replay_$n"
  row "$label: replay (store + diff)" "$bytes" \
    "$(DATABASE_URL="$conn dbname=replay_$n" rss "$lbtrack" --config "$config" replay --source "$source" "$work/day$n")"
}

measure_payload "real lmarena-zh page (209 rows, md)" tests/data/config/shared_pages.toml lmarena-zh "$page"
for k in 48 240; do
  /usr/bin/python3 bench/gen_history.py --page "$page" --days 1 --models "$k" --out "$work/gen$k" >/dev/null
  csv=$(ls "$work/gen$k"/*.csv)
  rows=$(($(wc -l <"$csv") - 1))
  measure_payload "synthetic CSV ($rows rows, --models $k)" config/sources.toml lmarena-text "$csv"
done
