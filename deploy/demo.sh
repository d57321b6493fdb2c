#!/usr/bin/env bash
# Offline demo: replays the real history shipped in demo/ (four weeks of three LMArena boards,
# see demo/README.md for source and license) into a private embedded PostgreSQL under
# build/demo, and prints the last day's report of each board. No network is used.
#   bash deploy/demo.sh [path/to/lbtrack]     (deploy/quickstart.sh --demo builds, then runs this)
set -euo pipefail
cd "$(dirname "$0")/.."

lbtrack="${1:-build/app/lbtrack}"
# Its own database, apart from the one `lbtrack run` fills: the demo's history is not yours.
export XDG_DATA_HOME="${LBTRACK_DEMO_HOME:-$PWD/build/demo}"
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE
boards=(lmarena-text lmarena-vision lmarena-image)

echo "lbtrack demo: replaying demo/ (${boards[*]}) into $XDG_DATA_HOME/lbtrack/pg" >&2
for board in "${boards[@]}"; do
  "$lbtrack" -q --config config/sources.toml replay --source "$board" "demo/$board"
done
for board in "${boards[@]}"; do
  "$lbtrack" --config config/sources.toml diff --source "$board"
  echo
done

demo_env="XDG_DATA_HOME=$XDG_DATA_HOME"
cat >&2 <<HINT
That was the last day of each board against the day before, from the history in demo/.
Look around the same database:
  $demo_env $lbtrack --config config/sources.toml movers --since 2025-07-07
  $demo_env $lbtrack --config config/sources.toml board --source lmarena-text --top 10
  $demo_env $lbtrack --config config/sources.toml sources
  $demo_env $lbtrack --config config/sources.toml serve     # browse it (where serve is built)
Stop the demo's database:  $demo_env $lbtrack db stop
Switch to the live boards (network needed):  bash deploy/quickstart.sh --report md
HINT
