#!/usr/bin/env bash
# The main job from a fresh Debian 12 checkout: install dependencies, build lbtrack, and run it
# on config/sources.toml against the embedded PostgreSQL default (or DATABASE_URL / PG* when
# set). Extra arguments go to `lbtrack run`, e.g. --report md or --mirror FROM=TO.
# --demo: no network needed; replays the history shipped in demo/ instead (deploy/demo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
# Warnings are errors in CI, not on a user's machine with another compiler.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLBTRACK_WERROR=OFF -DLBTRACK_BUILD_TESTS=OFF \
  -DLBTRACK_BUILD_BENCH=OFF \
  > build-configure.log
cmake --build build -j"$(nproc)" --target lbtrack
if [ "${1:-}" = --demo ]; then
  exec bash deploy/demo.sh build/app/lbtrack
fi
exec ./build/app/lbtrack --config config/sources.toml run "$@"
