#!/bin/sh
# Runs a command on its own D-Bus session bus (dbus-run-session), with the
# bus's own output (the accessibility daemons it starts print to their
# standard output) sent to standard error, so that the command's standard
# output carries nothing but its TAP.
# atspi-session.sh DBUS-RUN-SESSION COMMAND [ARG...]
set -u
runner=$1; shift
exec 3>&1 1>&2
exec "$runner" -- sh -c 'exec "$@" 1>&3 3>&-' sh "$@"
