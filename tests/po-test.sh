#!/bin/sh
# The Japanese translation is complete: every file with translatable text
# is in po/POTFILES.in (and every file listed there exists), and every
# message xgettext finds in them has a checked, not fuzzy, translation in
# po/ja.po. TAP. $1: the source tree.
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

cd "$src" || exit 1

missing=$(grep -v '^#' po/POTFILES.in | grep . | while read -r f; do
  [ -e "$f" ] || echo "$f"; done | tr "\n" " ")
if [ -z "$missing" ]; then ok "every file in POTFILES.in exists"
else not_ok "POTFILES.in lists files that do not exist: $missing"; fi

# _("…"), N_("…"), C_(…), NC_(…), g_dngettext, or a .ui's translatable="yes"
unlisted=$(grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext) ?\(|translatable="yes"' \
             --include='*.c' --include='*.ui' src bench ui 2>/dev/null | sort |
           while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done | tr "\n" " ")
if [ -z "$unlisted" ]; then ok "every file with translatable text is in POTFILES.in"
else not_ok "not in POTFILES.in: $unlisted"; fi

# The keywords of meson's i18n "glib" preset.
if xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
     --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
     --keyword=g_dpgettext2:2c,3 -f po/POTFILES.in -D . -o "$tmp/renkei.pot" 2> "$tmp/err" &&
   [ -s "$tmp/renkei.pot" ]; then ok "xgettext reads every listed file"
else not_ok "xgettext failed"; sed "s/^/# /" "$tmp/err"; fi

if msgcmp po/ja.po "$tmp/renkei.pot" 2> "$tmp/cmp"; then
  ok "every message has its Japanese ($(grep -c '^msgid ' "$tmp/renkei.pot") messages)"
else
  not_ok "messages without Japanese:"; grep -v 'not used' "$tmp/cmp" | sed 's/^/# /' | head -40
fi

if msgfmt -c --check-format -o /dev/null po/ja.po 2> "$tmp/fmt"; then ok "ja.po is well formed"
else not_ok "msgfmt failed"; sed "s/^/# /" "$tmp/fmt"; fi

fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/ja.po | grep -c '^msgid ')
empty=$(msgattrib --untranslated --no-obsolete po/ja.po | grep -c '^msgid ')
if [ "$fuzzy" -eq 0 ] && [ "$empty" -eq 0 ]; then ok "no fuzzy or empty translation"
else not_ok "ja.po: $fuzzy fuzzy, $empty untranslated"; fi

echo "1..$n"
exit $failed
