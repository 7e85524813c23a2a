#!/usr/bin/env bash
# Installs what is missing, builds, and starts the desktop application on the
# default database ($XDG_DATA_HOME/renkei/renkei.db). Extra arguments go to
# renkei, e.g. --db PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/install-deps.sh
[ -f build/build.ninja ] || meson setup build
ninja -C build
exec build/src/gui/renkei "$@"
