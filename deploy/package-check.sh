#!/usr/bin/env bash
# The Debian package, built as users get it (Release, no tests), installed on this machine, and
# checked where it landed: the binary, the man page, the units. Run as root on a throwaway
# machine (it installs lbtrack system-wide): bash deploy/package-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
pkg_started=$(date +%s)
mkdir -p build-pkg
cmake -S . -B build-pkg -DCMAKE_BUILD_TYPE=Release -DLBTRACK_WERROR=ON \
  -DLBTRACK_BUILD_TESTS=OFF -DLBTRACK_BUILD_BENCH=OFF > build-pkg/configure.log
cmake --build build-pkg -j"$(nproc)" --target lbtrack
(cd build-pkg && cpack -G DEB)
dpkg -i build-pkg/lbtrack_*.deb
lbtrack --version
man -w lbtrack
systemd-analyze verify /lib/systemd/system/lbtrack.service /lib/systemd/system/lbtrack.timer \
  /lib/systemd/system/lbtrack-serve.service
getent passwd lbtrack lbtrack-serve
echo "ci: package built, installed and checked in $(($(date +%s) - pkg_started)) s"
