#!/usr/bin/env bash
# The man pages as man shows them: renkei(1) and renkei-cli(1) render with no
# groff warning, and renkei-cli(1) has every command of `renkei-cli --help`
# and every exit code.
# Usage: man-test.sh BUILD_DIR RENKEI_CLI
set -uo pipefail
build=$1 cli=$2
n=0 failed=0
ok () { n=$((n+1)); echo "ok $n - $*"; }
bad () { n=$((n+1)); echo "not ok $n - $*"; failed=1; }
render () {
  LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -l "$1" 2>"$build/doc/man-test.err" | col -b
}
for page in renkei renkei-cli; do
  text=$(render "$build/doc/$page.1")
  if [ -s "$build/doc/man-test.err" ]; then
    bad "$page(1) renders with warnings: $(cat "$build/doc/man-test.err")"
  elif ! grep -q "^NAME" <<<"$text" || ! grep -q "^SYNOPSIS" <<<"$text" ||
       ! grep -q "^       $page - " <<<"$text"; then
    bad "$page(1) has no NAME/SYNOPSIS: $(head -5 <<<"$text")"
  else
    ok "man -l $page.1 renders its NAME and SYNOPSIS without warnings"
  fi
  eval "text_${page//-/_}=\$text"
done
rm -f "$build/doc/man-test.err"

grep -q -- "--db=LOCATION" <<<"$text_renkei" && grep -q -- "--version" <<<"$text_renkei" &&
  ok "renkei(1) has --db and --version" || bad "renkei(1) lacks --db or --version"

# Each command of --help (its lower-case words) as a heading of COMMANDS.
commands=$(sed -n '/^COMMANDS/,/^VALUES/p' <<<"$text_renkei_cli")
missing=
while read -r line; do
  name=$(awk '{ n = 1; while (n < NF && $(n+1) ~ /^[a-z][a-z-]*$/) n++;
                for (i = 1; i <= n; i++) printf "%s%s", $i, (i < n ? " " : "") }' <<<"$line")
  grep -q "^       $name\( \|$\)" <<<"$commands" || missing+="$name; "
done < <(LC_ALL=C.UTF-8 "$cli" --help | sed -n '/^Commands:/,$p' | tail -n +2 | sed '/^ *$/d')
[ -z "$missing" ] && ok "renkei-cli(1) lists every command of --help" ||
  bad "renkei-cli(1) lacks: $missing"

status=$(sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' <<<"$text_renkei_cli")
for code in 0 1 2 3; do
  grep -q "^       $code$" <<<"$status" || { bad "renkei-cli(1) lacks exit status $code"; code=x; break; }
done
[ "$code" != x ] && ok "renkei-cli(1) explains the exit statuses 0, 1, 2, 3"
echo "1..$n"
exit $failed
