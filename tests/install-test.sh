#!/usr/bin/env bash
# meson install into a temporary DESTDIR, then the installed programs run
# from there with a clean environment (no RENKEI_*, GSETTINGS_*, XDG_* set):
# the CLI and, under Xvfb, the desktop app find their translations and
# settings schema by themselves. Also checks what the desktop looks for.
# Usage: install-test.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d /tmp/renkei-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
destdir=$tmp/dest

# Not quiet: meson says which post-install steps a DESTDIR install leaves
# to the package manager (the schema is compiled by dpkg's glib trigger).
meson install -C "$build" --destdir "$destdir" --no-rebuild >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; echo "not ok 1 - meson install"; exit 1; }
info () { meson introspect "$build" "$1" | python3 -c "import json,sys; d=json.load(sys.stdin); $2"; }
prefix=$(info --buildoptions 'print([o["value"] for o in d if o["name"]=="prefix"][0])')
version=$(info --projectinfo 'print(d["version"])')
root=$destdir$prefix
fail () { echo "not ok - $*"; exit 1; }

n=0
check () { n=$((n+1)); echo "ok $n - $*"; }

for f in bin/renkei bin/renkei-cli \
         share/applications/io.github.renkei.Renkei.desktop \
         share/metainfo/io.github.renkei.Renkei.metainfo.xml \
         share/icons/hicolor/scalable/apps/io.github.renkei.Renkei.svg \
         share/icons/hicolor/symbolic/apps/io.github.renkei.Renkei-symbolic.svg \
         share/glib-2.0/schemas/io.github.renkei.Renkei.gschema.xml \
         share/locale/ja/LC_MESSAGES/renkei.mo \
         share/man/man1/renkei.1 share/man/man1/renkei-cli.1 \
         share/bash-completion/completions/renkei-cli; do
  [ -e "$root/$f" ] || fail "installed $f"
done
check "everything installed under $prefix"

grep -q "Skipping custom install script because DESTDIR is set.*glib-compile-schemas.*$prefix/share/glib-2.0/schemas" \
  "$tmp/install.log" || { cat "$tmp/install.log"; fail "no post-install schema compilation"; }
[ ! -e "$root/share/glib-2.0/schemas/gschemas.compiled" ] || fail "compiled schema shipped"
# What the post-install step (or the package's trigger) does:
glib-compile-schemas --strict "$root/share/glib-2.0/schemas" || fail "schema compiles"
check "the schema is compiled after install (meson post-install; left to the packager in a DESTDIR)"

# Nothing of Renkei's, GLib's or XDG's; a sanitizer build keeps its options.
clean () {
  env -i HOME="$tmp/home" PATH=/usr/bin:/bin ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} \
    ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} "$@"
}
mkdir -p "$tmp/home"
out=$(clean "$root/bin/renkei-cli" --version)
[ "$out" = "renkei-cli $version" ] ||
  fail "renkei-cli --version: $out"
check "installed renkei-cli --version: $out"

clean "$root/bin/renkei-cli" --db "$tmp/home/r.db" init --demo >/dev/null || fail "init --demo"
clean "$root/bin/renkei-cli" --db "$tmp/home/r.db" staff list --json | grep -q '"name"' ||
  fail "staff list"
check "installed renkei-cli makes and reads a database"

set +e
err=$(clean LANG=ja_JP.UTF-8 "$root/bin/renkei-cli" --db "$tmp/home/r.db" event cancel 999 2>&1)
rc=$?
set -e
[ $rc -eq 2 ] || fail "event cancel 999 exit $rc"
case "$err" in *"ID 999 の予定はありません"*) ;; *) fail "no Japanese: $err" ;; esac
check "installed renkei-cli speaks Japanese with no RENKEI_LOCALEDIR: $err"

out=$(clean "$root/bin/renkei" --version 2>&1) || fail "renkei --version: $out"
[ "$out" = "renkei $version" ] || fail "renkei --version: $out"
check "installed renkei --version: $out"

# The desktop app, in Japanese, from a clean environment: its window must
# come up titled 連携 (translations found) and stay up (the settings schema
# found: GLib aborts on a missing one). RENKEI_INSTALL_SHOT=x.png keeps a
# screenshot to look at.
cat >"$tmp/gui.sh" <<'EOF'
"$1" --db "$2" >"$3" 2>&1 &
pid=$!
title=
for _ in $(seq 1 200); do
  for w in $(xwininfo -root -children 2>/dev/null | awk '$1 ~ /^0x/ { print $1 }'); do
    t=$(xprop -id "$w" _NET_WM_NAME 2>/dev/null | sed -n 's/^_NET_WM_NAME(UTF8_STRING) = "\(.*\)"$/\1/p')
    [ -n "$t" ] && title=$t
  done
  [ -n "$title" ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
sleep 1
[ -n "$4" ] && import -window root "$4"
echo "title=$title"
kill -0 $pid 2>/dev/null && echo running
kill $pid 2>/dev/null; wait $pid
EOF
set +e
gui=$(clean LANG=ja_JP.UTF-8 sh "$(dirname "$0")/with-xvfb.sh" 1024x600x24 \
  bash "$tmp/gui.sh" "$root/bin/renkei" "$tmp/home/r.db" "$tmp/gui.log" "${RENKEI_INSTALL_SHOT:-}")
set -e
grep -qx running <<<"$gui" || { cat "$tmp/gui.log"; fail "installed renkei did not stay up: $gui"; }
grep -q '^title=.*連携' <<<"$gui" || { cat "$tmp/gui.log"; fail "installed renkei's window not in Japanese: $gui"; }
if grep -E "CRITICAL|ERROR|schema|not installed" "$tmp/gui.log"; then
  fail "installed renkei complained"
fi
check "installed renkei runs under Xvfb in Japanese with its own schema: $(sed -n 's/^title=//p' <<<"$gui")"
echo "1..$n"
