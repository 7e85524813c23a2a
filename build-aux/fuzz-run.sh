#!/usr/bin/env bash
# Runs one libFuzzer harness for RENKEI_FUZZ_SECONDS (default 12) over its
# corpus tests/fuzz/corpus/NAME (seed files and every crash found before),
# with its dictionary. New inputs go to a scratch folder, so the corpus in
# git changes only by hand. A crash leaves its input in
# $RENKEI_FUZZ_CRASHES (default: beside the harness, crashes/) and fails;
# copy that file into the corpus as regression-*.
# Usage: fuzz-run.sh HARNESS SOURCE_DIR(tests/fuzz) NAME
set -euo pipefail
exe=$1 src=$2 name=$3
seconds=${RENKEI_FUZZ_SECONDS:-12}
crashes=${RENKEI_FUZZ_CRASHES:-$(dirname "$exe")/crashes}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/renkei-fuzz-$name-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$crashes"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export G_SLICE=always-malloc
export GSETTINGS_BACKEND=memory
set +e
"$exe" -max_total_time="$seconds" -timeout=10 -error_exitcode=1 -rss_limit_mb=2048 -max_len=65536 \
  -dict="$src/$name.dict" -artifact_prefix="$crashes/$name-" -print_final_stats=1 \
  "$scratch" "$src/corpus/$name" 2>&1 | grep -v '^#[0-9]*.*\(NEW\|REDUCE\|pulse\)'
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ]; then
  echo "fuzz-$name: failed (exit $rc); the input is in $crashes/ — add it to" \
       "tests/fuzz/corpus/$name/ as regression-… once fixed" >&2
fi
exit "$rc"
