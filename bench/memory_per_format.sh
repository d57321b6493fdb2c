#!/usr/bin/env bash
# Peak RSS per input byte of `lbtrack extract --source` for the same board written in each format
# lbtrack reads (CSV, JSON, Markdown, HTML): ROWS rows of model, organization, score, votes and
# a price, generated here. Then the two payloads of issue 16 item 7: a JSON of 10^6 short rows
# (model and score, 42 MB; it took 1 GB) and a 50 MB model cell in CSV, JSON and Markdown (it
# took 1.46 GB before failing), unless --no-issue-cases.
#
#   bench/memory_per_format.sh [--build DIR] [--rows N]... [--no-issue-cases]
#                                                       (default: --rows 10000 --rows 100000)
#
# Peak RSS is getrusage's ru_maxrss (bench/measure.py). Baseline: `lbtrack resolve x` (process,
# config, registry; parses nothing). Ratio: (peak - baseline) / payload bytes. extract needs no
# database, so none is started.
set -euo pipefail
cd "$(dirname "$0")/.."

build=""
sizes=()
issue_cases=1
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --rows) sizes+=("$2"); shift 2 ;;
    --no-issue-cases) issue_cases=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
. bench/common.sh
use_build "$build"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

config="$work/sources.toml"
for format in csv json markdown html; do
  cat >>"$config" <<TOML
[[source]]
id = "$format-min"
url = "file:///dev/null"
format = "$format"
[source.columns]
model = "model"
score = "score"

TOML
  cat >>"$config" <<TOML
[[source]]
id = "$format"
url = "file:///dev/null"
format = "$format"
[source.columns]
model = "model"
organization = "organization"
score = "score"
votes = "votes"
[source.metrics]
price = "price"

TOML
done

rss() { # COMMAND... -> peak RSS in KB; fails loudly when the command does
  python3 bench/measure.py --out "$work/m" -- "$@" >/dev/null 2>"$work/err" ||
    { echo "failed: $*" >&2; tail -5 "$work/err" >&2; exit 1; }
  cut -d' ' -f4 "$work/m"
}

refused_rss() { # COMMAND... -> peak RSS in KB of a command that must fail (a refused payload)
  if python3 bench/measure.py --out "$work/m" -- "$@" >/dev/null 2>"$work/err"; then
    echo "not refused: $*" >&2
    exit 1
  fi
  cut -d' ' -f4 "$work/m"
}

baseline=$(rss "$lbtrack" --config "$config" resolve x)
echo "peak RSS of lbtrack extract --source FORMAT FILE; baseline (resolve x): $baseline KB"
printf '| format | rows | bytes | peak (KB) | peak - baseline (KB) | bytes of RSS per input byte |\n'
printf '|---|---:|---:|---:|---:|---:|\n'
for rows in "${sizes[@]}"; do
  python3 - "$work" "$rows" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
rows = [(f"Model-{i:07d}-Instruct", f"Org {i % 97}", 1500 - i / 1000, 1000 + i, f"{i % 50 / 10:.1f}$")
        for i in range(n)]
with open(f"{work}/board.csv", "w") as f:
    f.write("model,organization,score,votes,price\n")
    for r in rows:
        f.write("%s,%s,%.3f,%d,%s\n" % r)
with open(f"{work}/board.json", "w") as f:
    json.dump([dict(zip(["model", "organization", "score", "votes", "price"], r)) for r in rows], f)
with open(f"{work}/board.md", "w") as f:
    f.write("| model | organization | score | votes | price |\n|---|---|---:|---:|---:|\n")
    for r in rows:
        f.write("| %s | %s | %.3f | %d | %s |\n" % r)
with open(f"{work}/board.html", "w") as f:
    f.write("<!DOCTYPE html><html><body><table><thead><tr><th>model</th><th>organization</th>"
            "<th>score</th><th>votes</th><th>price</th></tr></thead><tbody>\n")
    for r in rows:
        f.write("<tr><td>%s</td><td>%s</td><td>%.3f</td><td>%d</td><td>%s</td></tr>\n" % r)
    f.write("</tbody></table></body></html>\n")
PY
  for format in csv json markdown html; do
    ext=$format
    [ "$format" = markdown ] && ext=md
    file="$work/board.$ext"
    bytes=$(wc -c <"$file")
    peak=$(rss "$lbtrack" -q --config "$config" extract --source "$format" "$file")
    awk -v f="$format" -v n="$rows" -v b="$bytes" -v p="$peak" -v base="$baseline" 'BEGIN {
      printf "| %s | %d | %d | %d | %d | %.1f |\n", f, n, b, p, p - base, (p - base) * 1024 / b }'
  done
done

[ "$issue_cases" = 1 ] || exit 0
echo
echo "issue 16 item 7: peak RSS of lbtrack extract; a 50 MB model cell must be refused"
printf '| payload | bytes | peak (KB) | peak - baseline (KB) | bytes of RSS per input byte |\n'
printf '|---|---:|---:|---:|---:|\n'
row() { # LABEL FILE PEAK_KB
  awk -v l="$1" -v b="$(wc -c <"$2")" -v p="$3" -v base="$baseline" 'BEGIN {
    printf "| %s | %d | %d | %d | %.1f |\n", l, b, p, p - base, (p - base) * 1024 / b }'
}
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/rows.json", "w") as f:
    f.write("[" + ",".join('{"model":"model-%07d","score":%.3f}' % (i, 1000 - i / 1000)
                           for i in range(10**6)) + "]")
big = "a" * (50 * 10**6)
open(f"{work}/cell.csv", "w").write("model,score\n" + big + ",1\nok,2\n")
open(f"{work}/cell.json", "w").write('[{"model":"' + big + '","score":1},{"model":"ok","score":2}]')
open(f"{work}/cell.md", "w").write("| model | score |\n|---|---|\n| " + big + " | 1 |\n| ok | 2 |\n")
PY
row "JSON, 10^6 rows of model and score" "$work/rows.json" \
  "$(rss "$lbtrack" -q --config "$config" extract --source json-min "$work/rows.json")"
rm "$work/rows.json"
for format in csv json markdown; do
  ext=$format
  [ "$format" = markdown ] && ext=md
  row "$format, a 50 MB model cell (refused)" "$work/cell.$ext" \
    "$(refused_rss "$lbtrack" -q --config "$config" extract --source "$format-min" "$work/cell.$ext")"
done
