# Sourced by the bench scripts (from the repository root): which build to time and the real page
# the generated histories start from.

# use_build [DIR]: sets build (absolute) and lbtrack; default build-release, else build. Exits 2
# when DIR holds no lbtrack binary.
use_build() {
  build=${1:-}
  if [ -z "$build" ]; then
    build=build-release
    [ -x "$build/app/lbtrack" ] || build=build
  fi
  case $build in /*) ;; *) build="$PWD/$build" ;; esac
  lbtrack="$build/app/lbtrack"
  [ -x "$lbtrack" ] || { echo "no $lbtrack: build first (--build DIR)" >&2; exit 2; }
}

# use_real_page: sets shared and page, the largest real page of ../shared/data
# (LBTRACK_SHARED_DATA); exits 0 with the reason when it is absent, as a skipped benchmark.
use_real_page() {
  shared=${LBTRACK_SHARED_DATA:-$(cd .. && pwd)/shared/data}
  page="$shared/pages/lmarena-zh-2025-06-27.md"
  [ -f "$page" ] || { echo "skipped: no real page at $page (set LBTRACK_SHARED_DATA)" >&2; exit 0; }
}
