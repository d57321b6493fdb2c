#!/usr/bin/env bash
# `lbtrack serve` under load: the real board history of ../shared/data (LBTRACK_SHARED_DATA)
# replayed into a private embedded PostgreSQL, the server started on loopback, then
# bench/serve_load (20 keep-alive clients, 30 s) over every kind of page: the boards index, each
# board as of its latest and of earlier dates (HTML, JSON, CSV), diffs, the most-listed models,
# movers, health and the feeds. Prints p50/p95/p99 per page kind and the throughput.
#
#   bench/serve_load.sh [BUILD_DIR] [CLIENTS (20)] [SECONDS (30)]
#   keep=1 WORK=DIR bench/serve_load.sh ...   # keep the replayed cluster / reuse it
#   SERVE_ARGS="--cache-mb 0" bench/serve_load.sh ...   # every answer computed (no answer cache)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
. bench/private_cluster.sh
use_build "${1:-}"
clients=${2:-20}
seconds=${3:-30}
load="$build/bench/serve_load"
[ -x "$load" ] || { echo "no $load: build with -DLBTRACK_BUILD_BENCH=ON" >&2; exit 2; }
shared=${LBTRACK_SHARED_DATA:-$(cd .. && pwd)/shared/data}
[ -d "$shared/lmarena-text" ] || { echo "skipped: no real boards under $shared" >&2; exit 0; }
private_cluster "${WORK:-}"
config="$PWD/config/sources.toml"
q() { psql "$conn dbname=lbtrack" -Atc "$1"; }

if [ ! -f "$work/replayed" ]; then
  "$lbtrack" --config "$config" db migrate >/dev/null 2>&1
  start=$(date +%s)
  for b in $(sed -n 's/^id = "\(.*\)"$/\1/p' "$config"); do
    [ -d "$shared/$b" ] || continue
    "$lbtrack" --config "$config" -q replay --source "$b" "$shared/$b" >/dev/null 2>&1 || true
  done
  touch "$work/replayed"
  echo "replayed in $(( $(date +%s) - start )) s"
fi
echo "history: $(q "SELECT count(*) FROM source") boards, $(q "SELECT count(*) FROM snapshot")" \
  "snapshots, $(q "SELECT count(*) FROM entry") entries, $(q "SELECT count(*) FROM model") models"

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086 # SERVE_ARGS is a list of words
"$lbtrack" --config "$config" serve --listen "127.0.0.1:$port" ${SERVE_ARGS:-} 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; private_cluster_cleanup' EXIT
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/style.css" >/dev/null && break
  sleep 0.2
done

# The pages: every board, three earlier dates of each, the 40 models on most boards.
urls="$work/urls.tsv"
{
  echo -e "index\t/"
  echo -e "index.json\t/boards.json"
  echo -e "movers\t/movers?since=2025-01-01"
  echo -e "health\t/health"
  echo -e "feed (digest)\t/feed.atom"
  q "SELECT id FROM source ORDER BY id" | while read -r b; do
    echo -e "board\t/boards/$b"
    echo -e "board.json\t/boards/$b.json"
    echo -e "board.csv\t/boards/$b.csv"
    echo -e "diff\t/boards/$b/diff"
    echo -e "feed (board)\t/boards/$b/feed.atom"
  done
  q "SELECT source_id || ' ' || to_char(observed_at, 'YYYY-MM-DD') FROM (SELECT source_id,
     observed_at, row_number() OVER (PARTITION BY source_id ORDER BY md5(id::text)) AS n
     FROM snapshot) s WHERE n <= 3" | while read -r b d; do
    echo -e "board as_of\t/boards/$b?as_of=$d"
  done
  q "SELECT m.canonical_key FROM model m JOIN entry e ON e.model_id = m.id
     JOIN snapshot s ON s.id = e.snapshot_id GROUP BY m.id
     ORDER BY count(DISTINCT s.source_id) DESC, count(*) DESC LIMIT 40" |
    /usr/bin/python3 -c 'import sys, urllib.parse
for k in sys.stdin.read().splitlines():
    print("model\t/models/" + urllib.parse.quote(k, safe=""))
    print("model.json\t/models/" + urllib.parse.quote(k, safe="") + ".json")
    print("feed (model)\t/models/" + urllib.parse.quote(k, safe="") + "/feed.atom")'
} >"$urls"
echo "$(wc -l <"$urls") pages; server: $(nproc) cores shared with the load generator"
"$load" 127.0.0.1 "$port" "$urls" "$clients" "$seconds"
