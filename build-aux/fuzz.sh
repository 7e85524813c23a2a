#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer in build-fuzz/, and runs each for SECONDS
# (default 300) over its corpus. Crashes are left in build-fuzz/tests/fuzz/
# crashes/ and make the run fail. CI runs it briefly through build-aux/test.sh.
# Usage: build-aux/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
dir=${RENKEI_FUZZ_BUILD:-build-fuzz}
if [ ! -f "$dir/build.ninja" ]; then
  CC=clang meson setup "$dir" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
fi
targets=(tests/fuzz/fuzz-ics tests/fuzz/fuzz-csv tests/fuzz/fuzz-rrule tests/fuzz/fuzz-cli-values)
ninja -C "$dir" "${targets[@]}"
RENKEI_FUZZ_SECONDS=$seconds meson test -C "$dir" --no-rebuild --suite fuzz --print-errorlogs \
  --num-processes 2 --timeout-multiplier $(( seconds / 60 + 2 ))
