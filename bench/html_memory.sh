#!/usr/bin/env bash
# Peak RSS and time of reading hostile and real HTML pages, against their size (issue 18 item 11:
# a 75 KB page of nested unclosed tables took 820 MB, 150 KB took 3.2 GB in 52 s, 225 KB aborted
# inside gumbo). Pages, generated here unless real:
#   - nested tables: "<table><tr><td>" repeated to 75 KB, 150 KB, 225 KB and the fetch size cap
#     (64 MiB, fetcher.hpp's max_bytes), read by `lbtrack extract --format html --table 0`;
#   - nested divs: "<div>" repeated to 225 KB and to the cap, around a small table;
#   - tables nested 60 deep (under the depth limit), closed and repeated to the cap: the most
#     work a page can ask of gumbo and of the cell layout without being refused for its depth;
#   - a generated board of 5 columns (bench/memory_per_format.sh's rows) of 16 MiB;
#   - the real modelrank-openllm-html page (3.29 MiB) with config/sources.toml's source.
# Each row: exit code and the first line of the error, peak RSS (ru_maxrss, bench/measure.py),
# RSS per input byte above the baseline (`lbtrack resolve x`), wall and CPU (user + system) time. A run over --timeout
# seconds (default 300) is killed and reported as such.
#
#   bench/html_memory.sh [--build DIR] [--timeout SECONDS] [--no-cap]
#
# --no-cap skips the 64 MiB pages (useful on a build that is still quadratic).
set -euo pipefail
cd "$(dirname "$0")/.."

build=""
limit=300
cap=1
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    --no-cap) cap=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
. bench/common.sh
use_build "$build"
shared=${LBTRACK_SHARED_DATA:-$(cd .. && pwd)/shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

repeat_to() { # UNIT BYTES FILE [TAIL]: UNIT repeated to BYTES, then TAIL
  python3 - "$1" "$2" "$3" "${4:-}" <<'PY'
import sys
unit, size, path, tail = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
with open(path, "w") as f:
    f.write(unit * (size // len(unit)) + tail)
PY
}

measure() { # LABEL FILE COMMAND...: one row of the table
  local label=$1 file=$2
  shift 2
  local bytes code
  bytes=$(wc -c <"$file")
  code=0
  python3 bench/measure.py --out "$work/m" -- timeout "$limit" "$@" "$file" >/dev/null \
    2>"$work/err" || code=$?
  local what="parsed"
  if [ "$code" = 124 ]; then
    what="killed after ${limit} s"
  elif [ "$code" -ge 128 ]; then
    what="signal $((code - 128))"
  elif [ "$code" != 0 ]; then
    what="exit $code: $(grep -m1 -v '^$' "$work/err" | cut -c1-150)"
  fi
  read -r wall user sys peak _ <"$work/m"
  awk -v l="$label" -v b="$bytes" -v p="$peak" -v base="$baseline" -v w="$wall" -v what="$what" \
    -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
    'BEGIN { printf "| %s | %d | %.1f MB | %.1f | %.2f s | %.2f s | %s |\n", l, b, p / 1024,
             (p - base) * 1024 / b, w, cpu, what }'
}

baseline=$(python3 bench/measure.py --out /dev/stdout -- "$lbtrack" resolve x 2>/dev/null |
  tail -1 | cut -d' ' -f4)
echo "baseline (lbtrack resolve x): $baseline KB"
echo "| page | bytes | peak RSS | RSS − baseline per byte | wall | CPU | outcome |"
echo "|---|---:|---:|---:|---:|---:|---|"
sizes=(76800 153600 230400)
[ "$cap" = 1 ] && sizes+=($((64 << 20)))
for size in "${sizes[@]}"; do
  repeat_to "<table><tr><td>" "$size" "$work/nested.html"
  measure "nested tables, $((size / 1024)) KB" "$work/nested.html" \
    "$lbtrack" -q extract --format html --table 0
done
div_sizes=(230400)
[ "$cap" = 1 ] && div_sizes+=($((64 << 20)))
for size in "${div_sizes[@]}"; do
  repeat_to "<div>" "$size" "$work/divs.html" "<table><tr><th>Model<tr><td>a</table>"
  measure "nested divs, $((size / 1024)) KB" "$work/divs.html" \
    "$lbtrack" -q extract --format html --table 0
done
if [ "$cap" = 1 ]; then
  python3 - "$work/nests.html" $((64 << 20)) <<'PY'
import sys
nest = "<table><tr><td>" * 60 + "x" + "</table>" * 60 + "\n"
with open(sys.argv[1], "w") as f:
    f.write(nest * (int(sys.argv[2]) // len(nest)))
PY
  measure "tables nested 60 deep, repeated to 64 MB" "$work/nests.html" \
    "$lbtrack" -q extract --format html --table 0
fi
python3 - "$work/board.html" $((16 << 20)) <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("<!DOCTYPE html><html><body><table><thead><tr><th>model</th><th>organization</th>"
            "<th>score</th><th>votes</th><th>price</th></tr></thead><tbody>\n")
    i = 0
    while f.tell() < size:
        f.write("<tr><td>Model-%07d-Instruct</td><td>Org %d</td><td>%.3f</td><td>%d</td>"
                "<td>%.1f$</td></tr>\n" % (i, i % 97, 1500 - i / 1000, 1000 + i, i % 50 / 10))
        i += 1
    f.write("</tbody></table></body></html>\n")
PY
measure "generated board, 16 MB" "$work/board.html" "$lbtrack" -q extract --format html --table 0
real="$shared/modelrank-openllm-html/2025-05-09.html"
if [ -f "$real" ]; then
  measure "real modelrank-openllm-html 2025-05-09" "$real" \
    "$lbtrack" -q --config config/sources.toml extract --source modelrank-openllm-html
else
  echo "skipped: no real page at $real (set LBTRACK_SHARED_DATA)" >&2
fi
