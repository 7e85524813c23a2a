#!/usr/bin/env bash
# Builds the Debian package from the working tree with
# `dpkg-buildpackage -us -uc -b` (debhelper with meson, see debian/) and
# checks it with lintian: an error fails, warnings are shown. Prints the
# .deb's path last. The package lands in build-deb/ (or the folder $1);
# install it with: apt-get install ./build-deb/renkei_*.deb
# DEB_BUILD_OPTIONS is honoured (default: parallel=<cores>).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-build-deb}")
build-aux/install-deps.sh >/dev/null

# A clean copy of the tree: the package never sees build folders.
work=$(mktemp -d "${TMPDIR:-/tmp}/renkei-deb-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/renkei"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    xargs -0 cp --parents -t "$work/renkei"
else
  tar -c --exclude='./build*' --exclude=./.git . | tar -x -C "$work/renkei"
fi
(cd "$work/renkei" &&
  DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-parallel=$(nproc)} \
    dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1) ||
  { tail -40 "$work/build.log" >&2; echo "deb.sh: dpkg-buildpackage failed" >&2; exit 1; }
mkdir -p "$out"
rm -f "$out"/renkei_*.deb
cp "$work"/renkei_*.deb "$out"/
deb=$(ls "$out"/renkei_*.deb)
if ! lintian --fail-on error "$deb" >&2; then
  echo "deb.sh: lintian found errors in $deb" >&2
  exit 1
fi
echo "$deb"
