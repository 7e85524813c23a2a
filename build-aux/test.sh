#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (TAP). Under
# CI it runs the suite a second time built with AddressSanitizer and
# UndefinedBehaviorSanitizer, and each libFuzzer harness for a few seconds.
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
build-aux/install-deps.sh || exit 1

status=0
logs=()

# A throwaway PostgreSQL server for the server backend's cases, stopped and
# removed however the run ends.
pg_dir=$(mktemp -d /tmp/renkei-pg-XXXXXX)
trap 'build-aux/pg-test-cluster.sh stop "$pg_dir"' EXIT
if RENKEI_TEST_PG=$(build-aux/pg-test-cluster.sh start "$pg_dir"); then
  export RENKEI_TEST_PG
else
  echo "test.sh: could not start the PostgreSQL test server" >&2
  status=1
fi

# run_suite DIR [SETUP-OPTION...] [-- TEST-OPTION...]
run_suite () {
  local dir=$1; shift
  local setup=() tests=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do setup+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  tests=("$@")
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "${setup[@]}" || return 1
  fi
  ninja -C "$dir" || return 1
  meson test -C "$dir" --print-errorlogs --num-processes 2 "${tests[@]}" || status=1
  logs+=("$dir/meson-logs/testlog.json")
}

# Timeouts are for a test that hangs, not for a slow machine: CI's two
# cores may be shared, and the sanitizers make everything slower still.
run_suite build -- --timeout-multiplier 2 || status=1
if [ "${CI:-}" = "true" ] || [ "${RENKEI_SANITIZE:-}" = "1" ]; then
  # The sanitizers look at the code, not at the data: the PostgreSQL
  # twins of the SQLite cases (the driver itself keeps its own test, pg)
  # and the benchmark's timing harness run in the normal build only.
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug \
      -- --no-suite postgresql --no-suite bench --timeout-multiplier 3 \
    || status=1
  # Each libFuzzer harness briefly over its corpus (seed files and every
  # crash found before): about a minute in all. build-aux/fuzz.sh runs longer.
  if build-aux/fuzz.sh "${RENKEI_FUZZ_SECONDS:-12}"; then :; else status=1; fi
  logs+=("build-fuzz/meson-logs/testlog.json")
fi

python3 build-aux/tap-count.py "${logs[@]}" || status=1
exit $status
