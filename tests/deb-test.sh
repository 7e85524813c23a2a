#!/usr/bin/env bash
# The Debian package end to end, under CI (it builds the whole project once
# more: set CI=true or RENKEI_DEB_TEST=1 to run it elsewhere):
# build-aux/deb.sh builds it and lintian finds no error; its control data
# and contents are what a desktop needs; then it is installed and its
# renkei-cli run. As root, and with no renkei package installed already, it
# is installed for real with `apt-get install ./renkei_*.deb` and removed
# afterwards; otherwise it is unpacked into a temporary root (dpkg -x) and run
# from there.
# Usage: deb-test.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$1 build=$2
if [ "${CI:-}" != "true" ] && [ "${RENKEI_DEB_TEST:-}" != "1" ]; then
  echo "1..0 # SKIP the package test runs with CI=true or RENKEI_DEB_TEST=1"; exit 0
fi
if meson introspect "$build" --buildoptions |
   python3 -c 'import json,sys; sys.exit(0 if [o for o in json.load(sys.stdin) if o["name"]=="b_sanitize" and o["value"]!="none"] else 1)'; then
  echo "1..0 # SKIP once per run: not in the sanitizer build"; exit 0
fi
tmp=$(mktemp -d /tmp/renkei-deb-test-XXXXXX)
installed=
cleanup () {
  if [ -n "$installed" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq -o DPkg::Lock::Timeout=300 renkei >/dev/null 2>&1
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
n=0
ok () { n=$((n+1)); echo "ok $n - $* (${SECONDS}s)"; }
fail () { n=$((n+1)); echo "not ok $n - $*"; echo "1..$n"; exit 1; }

# Two cores in CI: the package's own check is the data suite, run elsewhere;
# no debug symbols package (deb.sh keeps only renkei_*.deb).
export DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-nocheck noautodbgsym parallel=2}
deb=$("$src/build-aux/deb.sh" "$tmp/out" 2>"$tmp/deb.log" | tail -1)
[ -f "$deb" ] || { cat "$tmp/deb.log"; fail "build-aux/deb.sh built no package"; }
ok "dpkg-buildpackage built $(basename "$deb"); lintian reports no error"

field () { dpkg-deb -f "$deb" "$1"; }
depends=$(field Depends)
for lib in libgtk-4-1 libadwaita-1-0 libsqlite3-0 libical3 libglib2.0-0; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
grep -q libpq <<<"$depends" && fail "libpq is in Depends (it is loaded only for a server): $depends"
grep -q libpq5 <<<"$(field Recommends)" || fail "libpq5 not recommended: $(field Recommends)"
contents=$(dpkg-deb -c "$deb")
for f in usr/bin/renkei usr/bin/renkei-cli \
         usr/share/applications/io.github.renkei.Renkei.desktop \
         usr/share/metainfo/io.github.renkei.Renkei.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.renkei.Renkei.svg \
         usr/share/icons/hicolor/symbolic/apps/io.github.renkei.Renkei-symbolic.svg \
         usr/share/glib-2.0/schemas/io.github.renkei.Renkei.gschema.xml \
         usr/share/locale/ja/LC_MESSAGES/renkei.mo \
         usr/share/man/man1/renkei.1.gz usr/share/man/man1/renkei-cli.1.gz \
         usr/share/bash-completion/completions/renkei-cli; do
  grep -q " \./$f\$" <<<"$contents" || fail "the package lacks /$f"
done
grep -q "gschemas.compiled" <<<"$contents" && fail "the package ships a compiled schema"
ok "Depends from the shared libraries without libpq, libpq5 recommended; all files in place"

# Real install only where it is safe: root, and no renkei of someone else's.
if [ "$(id -u)" -eq 0 ] && ! dpkg-query -W -f='${Status}' renkei 2>/dev/null | grep -q installed; then
  exec 9>/tmp/renkei-deb-test.lock
  flock 9
  if ! (cd "$(dirname "$deb")" && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq -o DPkg::Lock::Timeout=300 "./$(basename "$deb")" >"$tmp/apt.log" 2>&1); then
    cat "$tmp/apt.log"; fail "apt-get install ./$(basename "$deb")"
  fi
  installed=1
  root=
  ok "apt-get install ./$(basename "$deb")"
else
  root=$tmp/root
  dpkg -x "$deb" "$root" || fail "dpkg -x"
  # What the package's trigger does on a real install:
  glib-compile-schemas "$root/usr/share/glib-2.0/schemas" || fail "schema"
  ok "unpacked into a temporary root (not root, or a renkei package already installed)"
fi

home=$tmp/home
mkdir -p "$home"
run () { env -i HOME="$home" PATH=/usr/bin:/bin "$@"; }
v=$(run "$root/usr/bin/renkei-cli" --version) || fail "renkei-cli --version"
[ "$v" = "renkei-cli $(dpkg-deb -f "$deb" Version)" ] || fail "renkei-cli --version: $v"
run "$root/usr/bin/renkei-cli" --db "$home/r.db" init --demo >/dev/null || fail "renkei-cli init --demo"
run "$root/usr/bin/renkei-cli" --db "$home/r.db" venue list --json | grep -q '"venue_id"' ||
  fail "renkei-cli venue list"
msg=$(run LANG=ja_JP.UTF-8 "$root/usr/bin/renkei-cli" --db "$home/r.db" event cancel 999 2>&1)
case "$msg" in *"ID 999 の予定はありません"*) ;; *) fail "not in Japanese: $msg" ;; esac
run "$root/usr/bin/renkei" --version 2>&1 | grep -qx "renkei $(dpkg-deb -f "$deb" Version)" ||
  fail "renkei --version"
ok "the packaged programs run: $v, a demo database made and read, Japanese messages"
if [ -n "$installed" ]; then
  [ -f /usr/share/glib-2.0/schemas/gschemas.compiled ] &&
    gsettings_out=$(run gsettings list-keys io.github.renkei.Renkei 2>&1) ||
    fail "the installed schema was not compiled by the trigger: $gsettings_out"
  MANWIDTH=80 man renkei-cli 2>/dev/null | grep -q "EXIT STATUS" || fail "man renkei-cli"
  ok "the trigger compiled the schema; man renkei-cli finds the page"
fi
echo "1..$n"
