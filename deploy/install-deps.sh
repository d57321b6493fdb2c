#!/usr/bin/env bash
# Installs the Debian 12 packages lbtrack builds and runs with. Used by .ci/run (with
# --with-browser) and by deploy/quickstart.sh; safe to run again (apt-get skips what is installed).
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache clang-format
  libpqxx-dev postgresql-15 postgresql-client-15
  libcurl4-openssl-dev libssl-dev libboost-dev
  libsimdjson-dev nlohmann-json3-dev libgumbo-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libmd4c-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev
  libutf8proc-dev libzstd-dev libgit2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-aiosmtpd  # the real SMTP server the email-sink test sends to, on loopback
  man-db systemd dpkg-dev adduser  # .ci/run's package step: man -w, systemd-analyze, cpack
)

# --with-browser: also headless Chromium and the CJK fonts its pages need, for the browser and
# render test suites (.ci/run); without them those suites report a skip. Not needed to run lbtrack.
if [ "${1:-}" = --with-browser ]; then
  packages+=(chromium fonts-noto-cjk)
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
# The postgresql package starts a system cluster; lbtrack does not use it (it runs its own
# private cluster or DATABASE_URL), so policy-rc.d keeps apt from starting services where it can.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}"
