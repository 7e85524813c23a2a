#!/usr/bin/env bash
# bash completion of renkei-cli (data/completion/renkei-cli) as bash runs it:
# commands, sub-commands, flags, a flag's choices, and ids with names read
# from the database the command line names (or $RENKEI_DB).
# Usage: completion-test.sh SOURCE_DIR RENKEI_CLI
set -uo pipefail
src=$1 cli=$2
tmp=$(mktemp -d /tmp/renkei-completion-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/r.db
"$cli" --db "$db" init --demo >/dev/null || { echo "not ok 1 - init --demo"; exit 1; }
"$cli" --db "$db" venue add --name 'Bay "North" hall' >/dev/null
mkdir -p "$tmp/bin"
ln -s "$(realpath "$cli")" "$tmp/bin/renkei-cli"

# What bash offers for the command line $1 (the word under the cursor last).
complete_line () {
  env -i HOME="$tmp" PATH="$tmp/bin:/usr/bin:/bin" ${RENKEI_DB:+RENKEI_DB=$RENKEI_DB} \
    ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} bash -c '
    source /usr/share/bash-completion/bash_completion
    source "$1"
    line=$2
    COMP_LINE=$line COMP_POINT=${#line}
    read -ra COMP_WORDS <<< "$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _renkei_cli
    printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$src/data/completion/renkei-cli" "$1"
}
n=0 failed=0
# expect LINE WORD... : every WORD offered ("=X": exactly X alone, "~RE": a
# word matching the extended regular expression RE)
expect () {
  local line=$1; shift
  local got; got=$(complete_line "$line")
  n=$((n+1))
  for w in "$@"; do
    if [[ $w == =* ]]; then
      [ "$got" = "${w#=}" ] && continue
    elif [[ $w == "~"* ]]; then
      grep -qE -- "${w#"~"}" <<<"$got" && continue
    else
      grep -qxF -- "$w" <<<"$got" && continue
    fi
    echo "not ok $n - '$line' offers '$w'; got: $(tr '\n' '|' <<<"$got")"; failed=1; return
  done
  echo "ok $n - '$line' → $(tr '\n' ' ' <<<"$got" | cut -c1-150)"
}
expect "renkei-cli " init staff venue room equipment program event export import check \
  find-time assign attendance report --version --help --db
expect "renkei-cli st" =staff
expect "renkei-cli staff " add list unavailable schedule availability plan
expect "renkei-cli settings " set
expect "renkei-cli event add --" --program --title --start --end --repeat --on-holiday --tentative --equipment --db
expect "renkei-cli event add --on-holiday " skip next-day previous-day keep
expect "renkei-cli export --format " pdf ics csv text
expect "renkei-cli staff list --role " hub_staff public_health_nurse nutritionist midwife childcare_volunteer other
expect "renkei-cli --db $db room add --venue " "1 - みなみ子育て支援センター" "2 - きた子育てひろば" \
  "3 - さくら市保健センター" '4 - Bay "North" hall'
expect "renkei-cli --db $db room add --venue 3" =3
expect "renkei-cli --db $db find-time --program " "1 - 両親学級（休日編）" "4 - 連絡会議"
expect "renkei-cli --db $db find-time --room " "1 - プレイルーム (みなみ子育て支援センター)"
expect "renkei-cli --db $db event add --equipment 1," "2 - 身長計" "3 - ベビーバス"
expect "renkei-cli --db $db event add --equipment 1,2" =1,2
# positional ids: the event's, then the staff member's (a flag between)
expect "renkei-cli --db $db event cancel " "~^4 - 20[0-9]{2}-[0-9]{2}-[0-9]{2} 連絡会議$" \
  "~^1 - 20[0-9]{2}-[0-9]{2}-[0-9]{2} 両親学級（休日編）$"
expect "renkei-cli --db $db assign 4 --date 2026-01-01 " "2 - 鈴木 恵" "14 - 井上 幸子"
expect "renkei-cli --db $db assign 4 --tentative " "2 - 鈴木 恵"
RENKEI_DB=$db expect "renkei-cli staff schedule 1" "1 - 山田 花子" "14 - 井上 幸子"
expect "renkei-cli --db $db staff schedule 14" =14
touch "$tmp/month.ics"
expect "renkei-cli import $tmp/mon" "=$tmp/month.ics"
expect "renkei-cli export -o $tmp/mon" "=$tmp/month.ics"
echo "1..$n"
exit $failed
