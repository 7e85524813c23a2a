#!/usr/bin/env bash
# Installs what is missing, builds, and starts the desktop application on the
# default database ($XDG_DATA_HOME/renkei/renkei.db). Extra arguments go to
# renkei, e.g. --db PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/install-deps.sh
[ -f build/build.ninja ] || meson setup build
ninja -C build
# The settings schema is compiled into build/data by ninja; the build's
# translations are in build/po.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
export RENKEI_LOCALEDIR="${RENKEI_LOCALEDIR:-$PWD/build/po}"
exec build/src/gui/renkei "$@"
