#!/usr/bin/env bash
# Installs what Renkei needs to build, run and test on Debian 12, only what is
# missing, and generates the ja_JP.UTF-8 locale. Idempotent; needs root or sudo.
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev libical-dev libjson-glib-dev
  libcairo2-dev libpango1.0-dev libpq-dev postgresql libxlsxwriter-dev
  fonts-noto-cjk fonts-ipaexfont-gothic locales
  poppler-utils xvfb xauth python3-icalendar python3-recurring-ical-events python3-openpyxl sqlite3
  dbus at-spi2-core python3-pyatspi
  desktop-file-utils appstream imagemagick x11-utils
  scdoc man-db bash-completion debhelper dpkg-dev fakeroot lintian
  clang libclang-rt-dev
)

as_root () {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
  as_root sed -i 's/^# *ja_JP.UTF-8 UTF-8/ja_JP.UTF-8 UTF-8/' /etc/locale.gen
  grep -q '^ja_JP.UTF-8 UTF-8' /etc/locale.gen || echo 'ja_JP.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen >/dev/null
  as_root locale-gen >/dev/null
fi
