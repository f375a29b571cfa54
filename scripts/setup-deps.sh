#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Lantir needs to build, run and test, if any are missing.
# clang, clang-tidy and libclang-rt-dev (libFuzzer and the sanitizer runtimes of clang; on Debian 12
# it pulls libclang-rt-14-dev) are for scripts/clang-tidy.sh and tests/fuzz/run-fuzzers.sh;
# clang-format and universal-ctags for the checks stage of scripts/test.sh; ccache, when present,
# lets the plain and sanitizer builds reuse what an earlier build compiled; DCMTK for the worklist server;
# simdjson for reading REDCap's exports; postgresql (initdb, pg_ctl and the server) and Qt's QPSQL driver
# (libqt6sql6-psql) for the tests that start a private PostgreSQL server on 127.0.0.1.
# Every program a test runs is here (tests/support/require-tool.sh, LANTIR_REQUIRE_TOOL): under CI=true
# a missing one fails its test. man-db and groff-base check the man pages, binutils (readelf) and
# systemd (systemd-analyze) the package.
# Uses apt-get directly as root, or through sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite libsqlite3-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libxkbcommon-dev qtkeychain-qt6-dev
  xvfb xauth trayer dbus dbus-x11 gnome-keyring sqlite3 valgrind openssl
  dpkg-dev file lintian appstream desktop-file-utils librsvg2-bin man-db groff-base binutils systemd
  clang clang-tidy clang-format libclang-rt-dev universal-ctags ccache
  libdcmtk-dev dcmtk libsimdjson-dev
  postgresql libqt6sql6-psql
)
if [[ "${LANTIR_EXTRA_PACKAGES:-}" != "" ]]; then
  read -r -a extra <<<"${LANTIR_EXTRA_PACKAGES}"
  packages+=("${extra[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "Missing packages: ${missing[*]}. Install them as root (apt-get install ...)." >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
