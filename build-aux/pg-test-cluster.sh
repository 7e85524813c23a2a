#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: initdb and pg_ctl on a
# temporary folder, reachable through a Unix socket in that folder and on
# 127.0.0.1 (the TLS test needs TCP).
#   pg-test-cluster.sh start DIR   prints the libpq conninfo base on stdout
#   pg-test-cluster.sh stop DIR    stops it and removes DIR
# PostgreSQL refuses to run as root: as root the cluster belongs to the
# unprivileged "postgres" account that Debian's package creates.
# Durability is off (a crash loses nothing worth keeping). The suite leaves
# hundreds of small databases behind, one per case: autovacuum looks at each
# once in ten minutes, not once a minute (at the default it kept 12-29 % of
# a core busy starting workers on a cluster of 200-300 such databases).
set -euo pipefail

cmd=${1:?start or stop}
dir=${2:?a folder}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg-test-cluster: PostgreSQL server binaries not found" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  as_owner () { runuser -u postgres -- "$@"; }
else
  owner=$(id -un)
  as_owner () { "$@"; }
fi

case "$cmd" in
  start)
    mkdir -p "$dir"
    chmod 0755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U "$owner" -A trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(( 20000 + ($$ % 20000) ))
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200 -c autovacuum_naptime=600" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "host=$dir port=$port user=$owner"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "pg-test-cluster: start or stop, not $cmd" >&2
    exit 2
    ;;
esac
