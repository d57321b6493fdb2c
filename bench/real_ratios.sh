#!/usr/bin/env bash
# The four ratios of issue 19's aims, measured in one run on one private embedded PostgreSQL
# cluster with the real history of ../shared/data (LBTRACK_SHARED_DATA), config/sources.toml:
#   1. ingest: `lbtrack replay --source B B/` (and with --report json, which also diffs) into an
#      empty database, against a bare `\copy` of the same rows (exported from what replay
#      stored) into entry_copy (LIKE entry INCLUDING ALL: indexes, no FKs) and into entry_copy_fk
#      (also entry's two foreign keys), for B = openllm-v2 and lmarena-text -> rows/s ratio;
#   2. client CPU per row of that replay against the pandas + psycopg2 peer
#      (bench/pandas_peer.py: read, key, rank, COPY, diff per day) on the same folder;
#   3. each query command (history, board --as-of, board, movers, sources), a whole process,
#      against a bare `psql -c 'select 1'`, the calls interleaved, 10 x RUNS of each -> p50 ratio;
#   4. peak RSS above a baseline process (`lbtrack resolve x`) per payload byte of the largest
#      real file of each format (MANIFEST.tsv): `lbtrack extract` and a one-file replay.
# Every figure is a median of RUNS (default 3) in this run; the load average is printed, as the
# ratios are only comparable between runs on a quiet machine.
#
#   bench/real_ratios.sh [BUILD_DIR] [RUNS (3)]
#
# LBTRACK_RATIO_AIMS=12 measures aims 1 and 2 only (ingest), skipping the query commands and the
# peak-memory runs (about half of the script's time); unset or 1234, all four.
#
# The peer needs Debian's python3-pandas and python3-psycopg2 (apt-get install python3-pandas
# python3-psycopg2); without them its line is skipped. Needs psql (postgresql-client-15).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
use_build "${1:-}"
runs=${2:-3}
aims=${LBTRACK_RATIO_AIMS:-1234}
command -v psql >/dev/null || { echo "psql not found (postgresql-client-15)" >&2; exit 2; }
shared=${LBTRACK_SHARED_DATA:-$(cd .. && pwd)/shared/data}
[ -d "$shared/openllm-v2" ] || { echo "skipped: no real boards under $shared" >&2; exit 0; }
peer=1
/usr/bin/python3 -c 'import pandas, psycopg2' 2>/dev/null || {
  peer=0
  echo "the pandas peer is skipped: apt-get install python3-pandas python3-psycopg2" >&2
}

. bench/private_cluster.sh
private_cluster
config="$PWD/config/sources.toml"
boards=(openllm-v2 lmarena-text)
sql() { psql "$conn dbname=${DB:-lbtrack}" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
measure() { # OUT COMMAND... -> "wall user sys maxrss_kb" in OUT; fails loudly when COMMAND does
  local out=$1
  shift
  /usr/bin/python3 bench/measure.py --out "$out" -- "$@" >/dev/null 2>"$work/err" ||
    { echo "failed: $*" >&2; tail -5 "$work/err" >&2; exit 1; }
}
lb() { "$lbtrack" --config "$config" "$@"; }

echo "issue 19 ratios: $(basename "$build"), $runs runs, $(nproc) cores, load average at start:" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
lb -q db migrate >/dev/null # creates and starts the cluster: not part of any timing
# The database the queries read and the COPYs load from: both boards, replayed once (untimed).
for b in "${boards[@]}"; do lb -q replay --source "$b" "$shared/$b" >/dev/null 2>&1; done

# --- 1 and 2: ingest ---------------------------------------------------------------------------
sql -c "CREATE TABLE entry_copy (LIKE entry INCLUDING ALL)" \
  -c "CREATE TABLE entry_copy_fk (LIKE entry INCLUDING ALL,
        FOREIGN KEY (snapshot_id) REFERENCES snapshot (id) ON DELETE CASCADE,
        FOREIGN KEY (model_id) REFERENCES model (id))"
declare -A rows replay_rps report_rps copy_rps fk_rps cpu_row peer_cpu_row
n=0
for b in "${boards[@]}"; do
  rows[$b]=$(sql -c "SELECT count(*) FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
                     WHERE s.source_id = '$b'")
  sql -c "\\copy (SELECT e.* FROM entry e JOIN snapshot s ON s.id = e.snapshot_id
                  WHERE s.source_id = '$b') TO '$work/$b.tsv'"
  : >"$work/replay" && : >"$work/report" && : >"$work/copy" && : >"$work/fk" && : >"$work/peer"
  for _ in $(seq "$runs"); do
    for mode in replay report; do
      n=$((n + 1))
      sql -c "CREATE DATABASE r$n" -c "CHECKPOINT"
      extra=()
      [ "$mode" = report ] && extra=(--report json)
      DATABASE_URL="$conn dbname=r$n" measure "$work/m" "$lbtrack" --config "$config" replay \
        --source "$b" "${extra[@]}" "$shared/$b"
      cat "$work/m" >>"$work/$mode"
      sql -c "DROP DATABASE r$n"
    done
    for table in entry_copy entry_copy_fk; do
      sql -c "TRUNCATE $table" -c "CHECKPOINT"
      measure "$work/m" psql "$conn dbname=lbtrack" -X -q -v ON_ERROR_STOP=1 \
        -c "\\copy $table FROM '$work/$b.tsv'"
      [ "$table" = entry_copy ] && cat "$work/m" >>"$work/copy" || cat "$work/m" >>"$work/fk"
    done
    if [ "$peer" = 1 ]; then
      n=$((n + 1))
      sql -c "CREATE DATABASE r$n" -c "CHECKPOINT"
      model=fullname,model_name score=average,model_average_score
      [ "$b" = lmarena-text ] && model=model score=arena_score,arena_elo
      measure "$work/m" /usr/bin/python3 bench/pandas_peer.py --dsn "$conn dbname=r$n" \
        --model "$model" --score "$score" "$shared/$b"
      peer_rows=$(grep -o 'stored ([0-9]* rows)' "$work/err" | tr -dc 0-9)
      awk -v r="$peer_rows" '{ print $1, $2, $3, r }' "$work/m" >>"$work/peer"
      sql -c "DROP DATABASE r$n"
    fi
  done
  r=${rows[$b]}
  wall() { cut -d' ' -f1 "$work/$1" | median; }
  cpu() { awk '{ print $2 + $3 }' "$work/$1" | median; }
  replay_rps[$b]=$(awk -v r="$r" -v s="$(wall replay)" 'BEGIN { print r / s }')
  report_rps[$b]=$(awk -v r="$r" -v s="$(wall report)" 'BEGIN { print r / s }')
  copy_rps[$b]=$(awk -v r="$r" -v s="$(wall copy)" 'BEGIN { print r / s }')
  fk_rps[$b]=$(awk -v r="$r" -v s="$(wall fk)" 'BEGIN { print r / s }')
  cpu_row[$b]=$(awk -v r="$r" -v c="$(cpu replay)" 'BEGIN { print c / r * 1e6 }')
  echo
  echo "$b: ${rows[$b]} rows in $(sql -c "SELECT count(*) FROM snapshot WHERE source_id = '$b'") snapshots"
  printf '  %-40s %7.2f s %8.0f rows/s  client CPU %5.2f s (%.1f us/row)  peak RSS %3.0f MiB\n' \
    "lbtrack replay" "$(wall replay)" "${replay_rps[$b]}" "$(cpu replay)" "${cpu_row[$b]}" \
    "$(cut -d' ' -f4 "$work/replay" | median | awk '{ print $1 / 1024 }')"
  printf '  %-40s %7.2f s %8.0f rows/s  client CPU %5.2f s  peak RSS %3.0f MiB\n' \
    "lbtrack replay --report json" "$(wall report)" "${report_rps[$b]}" "$(cpu report)" \
    "$(cut -d' ' -f4 "$work/report" | median | awk '{ print $1 / 1024 }')"
  printf '  %-40s %7.2f s %8.0f rows/s\n' "\\copy into entry_copy (indexes)" "$(wall copy)" "${copy_rps[$b]}"
  printf '  %-40s %7.2f s %8.0f rows/s\n' "\\copy into entry_copy_fk (indexes, FKs)" "$(wall fk)" "${fk_rps[$b]}"
  if [ "$peer" = 1 ]; then
    pr=$(cut -d' ' -f4 "$work/peer" | median)
    peer_cpu_row[$b]=$(awk -v r="$pr" -v c="$(cpu peer)" 'BEGIN { print c / r * 1e6 }')
    printf '  %-40s %7.2f s %8.0f rows/s  client CPU %5.2f s (%.1f us/row, %d rows)\n' \
      "pandas + psycopg2 peer" "$(wall peer)" "$(awk -v r="$pr" -v s="$(wall peer)" 'BEGIN { print r / s }')" \
      "$(cpu peer)" "${peer_cpu_row[$b]}" "$pr"
  fi
done

# --- 3: query commands against a bare psql -----------------------------------------------------
declare -A query_ratio rss_ratio
if [[ $aims == *3* ]]; then
last=$(ls "$shared/lmarena-text" | tail -1)
mid=$(ls "$shared/lmarena-text" | sed -n 46p)
leader=$(sed -n 2p "$shared/lmarena-text/$last" | cut -d, -f3)
since=$(date -u -d "${last%.csv} -90 days" +%F)
labels=("psql -c 'select 1'" "history \"$leader\"" "board --as-of ${mid%.csv} (lmarena-text)"
  "board (openllm-v2, latest)" "movers --since $since" "sources")
short=(psql history board--as-of board-latest movers sources)
call() { # I: one whole-process call of query I; sources exits 1 for a stale source: not a failure
  case $1 in
    0) psql "$conn dbname=lbtrack" -X -q -c 'select 1' ;;
    1) lb history "$leader" ;;
    2) lb board --source lmarena-text --as-of "${mid%.csv}" ;;
    3) lb board --source openllm-v2 ;;
    4) lb movers --since "$since" ;;
    5) lb sources || [ $? = 1 ] ;;
  esac
}
for i in "${!labels[@]}"; do
  call "$i" >"$work/out" 2>"$work/err" || { echo "failed: ${labels[$i]}" >&2; tail -5 "$work/err" >&2; exit 1; }
  [ -s "$work/out" ] || { echo "no output: ${labels[$i]}" >&2; exit 1; }
  : >"$work/q$i"
done
for _ in $(seq $((10 * runs))); do
  for i in "${!labels[@]}"; do
    t0=$(date +%s%N)
    call "$i" >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) >>"$work/q$i"
  done
done
psql_us=$(median <"$work/q0")
echo
echo "query commands, whole process, $((10 * runs)) interleaved calls each (p50, p95):"
for i in "${!labels[@]}"; do
  p50=$(median <"$work/q$i")
  p95=$(sort -n "$work/q$i" | awk '{ v[NR] = $1 } END { print v[int(NR * 0.95 + 0.5)] }')
  query_ratio[$i]=$(awk -v a="$p50" -v b="$psql_us" 'BEGIN { print a / b }')
  printf '  %-44s p50 %6.1f ms  p95 %6.1f ms  %5.2fx psql\n' "${labels[$i]}" \
    "$(awk -v a="$p50" 'BEGIN { print a / 1000 }')" "$(awk -v a="$p95" 'BEGIN { print a / 1000 }')" \
    "${query_ratio[$i]}"
done

fi

# --- 4: peak RSS per payload byte --------------------------------------------------------------
if [[ $aims == *4* ]]; then
echo
: >"$work/base"
for _ in $(seq "$runs"); do measure "$work/m" "$lbtrack" --config "$config" resolve x; cut -d' ' -f4 "$work/m" >>"$work/base"; done
baseline=$(median <"$work/base")
echo "peak RSS above the baseline (lbtrack resolve x: $baseline KB) per payload byte, largest real file:"
for ext in csv json html md; do
  read -r file bytes < <(awk -F'\t' -v e=".$ext" 'substr($1, length($1) - length(e) + 1) == e \
    && $3 > max { max = $3; f = $1 } END { print f, max }' "$shared/MANIFEST.tsv")
  b=${file%%/*}
  mkdir -p "$work/day-$ext"
  cp "$shared/$file" "$work/day-$ext/"
  : >"$work/x" && : >"$work/y"
  for _ in $(seq "$runs"); do
    measure "$work/m" "$lbtrack" --config "$config" extract --source "$b" "$shared/$file"
    cut -d' ' -f4 "$work/m" >>"$work/x"
    n=$((n + 1))
    sql -c "CREATE DATABASE r$n"
    DATABASE_URL="$conn dbname=r$n" measure "$work/m" "$lbtrack" --config "$config" replay \
      --source "$b" "$work/day-$ext"
    cut -d' ' -f4 "$work/m" >>"$work/y"
    sql -c "DROP DATABASE r$n"
  done
  x=$(median <"$work/x")
  y=$(median <"$work/y")
  rss_ratio[$ext]=$(awk -v p="$y" -v base="$baseline" -v b="$bytes" 'BEGIN { print (p - base) * 1024 / b }')
  printf '  %-4s %-44s %8d B  extract %6d KB %5.2fx  replay %6d KB %5.2fx\n' "$ext" "$file" "$bytes" \
    "$x" "$(awk -v p="$x" -v base="$baseline" -v b="$bytes" 'BEGIN { print (p - base) * 1024 / b }')" \
    "$y" "${rss_ratio[$ext]}"
done
fi

# --- the ratios --------------------------------------------------------------------------------
echo
echo "aims (issue 19), load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
for b in "${boards[@]}"; do
  printf '  1. %-13s replay / COPY %.2f (aim >= 0.5), / COPY+FK %.2f; with --report json %.2f / %.2f\n' \
    "$b" "$(awk -v a="${replay_rps[$b]}" -v c="${copy_rps[$b]}" 'BEGIN { print a / c }')" \
    "$(awk -v a="${replay_rps[$b]}" -v c="${fk_rps[$b]}" 'BEGIN { print a / c }')" \
    "$(awk -v a="${report_rps[$b]}" -v c="${copy_rps[$b]}" 'BEGIN { print a / c }')" \
    "$(awk -v a="${report_rps[$b]}" -v c="${fk_rps[$b]}" 'BEGIN { print a / c }')"
done
for b in "${boards[@]}"; do
  if [ "$peer" = 1 ]; then
    printf '  2. %-13s client CPU per row / peer %.2f (aim <= 0.1)\n' "$b" \
      "$(awk -v a="${cpu_row[$b]}" -v p="${peer_cpu_row[$b]}" 'BEGIN { print a / p }')"
  else
    printf '  2. %-13s skipped (no pandas/psycopg2)\n' "$b"
  fi
done
if [[ $aims == *3* ]]; then
worst=0
for i in "${!labels[@]}"; do
  [ "$i" = 0 ] && continue
  worst=$(awk -v a="${query_ratio[$i]}" -v w="$worst" 'BEGIN { print (a > w) ? a : w }')
done
printf '  3. query commands / psql: worst %.2f (aim <= 1.25):' "$worst"
for i in "${!labels[@]}"; do [ "$i" = 0 ] || printf ' %s %.2f;' "${short[$i]}" "${query_ratio[$i]}"; done
echo
fi
if [[ $aims == *4* ]]; then
printf '  4. replay peak RSS / payload (aim < 3):'
for ext in csv json html md; do printf ' %s %.2f;' "$ext" "${rss_ratio[$ext]}"; done
echo
fi
