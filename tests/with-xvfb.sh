#!/bin/sh
# Runs a command under its own Xvfb server: with-xvfb.sh WxHxD COMMAND [ARG...].
# The server chooses a free display itself (-displayfd), so tests running in
# parallel never race for one number the way `xvfb-run -a` can (two runs
# picking the same number, one client then talking to the other's server).
set -u
screen=$1; shift
dir=$(mktemp -d "${TMPDIR:-/tmp}/renkei-xvfb-XXXXXX") || exit 1
mkfifo "$dir/fd" || exit 1
Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp -noreset 3>"$dir/fd" 2>"$dir/log" &
xpid=$!
cleanup () {
  kill "$xpid" 2>/dev/null
  wait "$xpid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
display=$(head -n 1 "$dir/fd")
if [ -z "$display" ]; then
  echo "with-xvfb.sh: Xvfb did not start:" >&2
  cat "$dir/log" >&2
  exit 1
fi
DISPLAY=":$display" "$@"
