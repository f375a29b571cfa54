#!/usr/bin/env bash
# Builds the Debian package from a finished build tree and checks it the way a site would use it:
#   1. cpack -G DEB into a scratch folder
#   2. contents (dpkg-deb -c): programs, man pages, systemd units, desktop files, docs, copyright,
#      and nothing that belongs to a user (no database, no configuration, no token)
#   3. metadata (dpkg-deb -I): name, version, Depends including the Qt SQLite plugin package
#   4. lintian (required; scripts/setup-deps.sh installs it): no E: lines, and it must not crash
#   5. dpkg -i into a throwaway root (plain extraction where dpkg refuses); systemd-analyze verify
#      of the units; the installed lantir-sync prints its version and syncs once against the
#      REDCap simulator into a new database, and once more into the system unit's default
#      database; the system unit's command line with the PostgreSQL drop-in of OPERATIONS.md
#      syncs into a private PostgreSQL server, and explains a wrong password and an unreachable
#      server; the installed lantir (offscreen, French) loads its translation and icons from
#      the installed share/lantir
#   6. reinstalling the same package, upgrading to a newer version, removing and purging it
#      leave a user's and a site's database and configuration byte for byte as they were
# Run by CTest as package_deb (label packaging); needs the environment PackagingTests.cmake sets.
# Exit 77 (skipped) only when the REDCap simulator program is not part of this build.
set -euo pipefail
source "$(dirname "$0")/../support/require-tool.sh"

: "${LANTIR_BINARY_DIR:?run this through ctest}"
: "${LANTIR_VERSION:?}" "${LANTIR_DEB_VERSION:?}" "${CPACK_COMMAND:?}"
with_gui=${LANTIR_WITH_GUI:-0}
start=$SECONDS

work=$(mktemp -d "${TMPDIR:-/tmp}/lantir-deb-test.XXXXXX")
sim_pid=""
gui_pid=""
pg_pid=""
cleanup() {
    if [[ -n "$gui_pid" ]]; then
        kill "$gui_pid" 2>/dev/null || true
    fi
    if [[ -n "$pg_pid" ]]; then
        kill "$pg_pid" 2>/dev/null || true
        wait "$pg_pid" 2>/dev/null || true
    fi
    if [[ -n "$sim_pid" ]]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# A command that stops the script through set -e says where, instead of ending it silently.
trap 'echo "FAIL: line $LINENO: \"$BASH_COMMAND\" exited with $?" >&2' ERR
step() { echo "== $* ($((SECONDS - start)) s)"; }
# wait_ready <pid> <ready file> <log> <seconds> <what>: until the background program <pid> has
# written its ready file; fails with its log when it exits or takes longer.
wait_ready() {
    local _
    for _ in $(seq $(($4 * 10))); do
        [[ -s "$2" ]] && return 0
        kill -0 "$1" 2>/dev/null || { cat "$3"; fail "$5 exited"; }
        sleep 0.1
    done
    cat "$3"
    fail "$5 did not start within $4 s"
}
# The drop-in docs/OPERATIONS.md gives a system service whose worklist is on PostgreSQL: the lines
# of its [Service] section, as a site pastes them into `systemctl edit`.
postgres_dropin() {
    awk '/^```ini$/ { block = 1; text = ""; next }
         block && /^```$/ { if (text ~ /LoadCredential=pgpass/) printf "%s", text; block = 0; next }
         block && !/^\[Service\]$/ { text = text $0 "\n" }' "${LANTIR_SOURCE_DIR:?}/docs/OPERATIONS.md"
}

# ---- 1. Build the package ---------------------------------------------------------------------
step "cpack -G DEB"
if ! (cd "$LANTIR_BINARY_DIR" && "$CPACK_COMMAND" -G DEB -B "$work/out" --config CPackConfig.cmake) >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    fail "cpack -G DEB failed"
fi
shopt -s nullglob
debs=("$work"/out/lantir_*.deb)
shopt -u nullglob
[[ ${#debs[@]} -eq 1 ]] || { cat "$work/cpack.log"; fail "expected one lantir_*.deb, found ${#debs[@]}"; }
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[[ "$(basename "$deb")" == "lantir_${LANTIR_DEB_VERSION}_${arch}.deb" ]] \
    || fail "unexpected file name $(basename "$deb"), wanted lantir_${LANTIR_DEB_VERSION}_${arch}.deb"
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# ---- 2. Contents ------------------------------------------------------------------------------
step "contents"
dpkg-deb -c "$deb" | awk '{print $1, $2, $6}' >"$work/contents"
sed 's/^/    /' "$work/contents"
paths=$(awk '{print $3}' "$work/contents")
expect() {
    grep -qxF "./$1" <<<"$paths" || fail "the package lacks /$1"
}
expect_mode() { # expect_mode <path> <mode string>
    expect "$1"
    grep -qE "^$2 root/root \./$1\$" "$work/contents" || fail "/$1 should be $2 root/root"
}
expect_mode usr/bin/lantir-sync -rwxr-xr-x
expect_mode usr/share/man/man1/lantir-sync.1.gz -rw-r--r--
expect_mode usr/lib/systemd/user/lantir-sync.service -rw-r--r--
expect_mode "usr/lib/systemd/system/lantir-sync@.service" -rw-r--r--
expect_mode usr/share/doc/lantir/copyright -rw-r--r--
expect_mode usr/share/doc/lantir/changelog.Debian.gz -rw-r--r--
if [[ -f "$LANTIR_SOURCE_DIR/docs/OPERATIONS.md" ]]; then
    expect usr/share/doc/lantir/OPERATIONS.md
fi
if [[ $with_gui == 1 ]]; then
    expect_mode usr/bin/lantir -rwxr-xr-x
    expect_mode usr/share/man/man1/lantir.1.gz -rw-r--r--
    expect usr/share/applications/lantir.desktop
    expect "usr/share/metainfo/$LANTIR_APPSTREAM_ID.metainfo.xml"
    expect usr/share/icons/hicolor/scalable/apps/lantir.svg
    # The installed app's translations and icons (Translator.cpp, Icons.cpp look here first).
    for lang in fr es; do
        expect_mode "usr/share/lantir/translations/lantir_$lang.qm" -rw-r--r--
    done
    for icon in lantir tray-ok tray-syncing tray-warning tray-error; do
        expect_mode "usr/share/lantir/icons/$icon.svg" -rw-r--r--
    done
else
    ! grep -qxF ./usr/bin/lantir <<<"$paths" || fail "lantir is packaged although the desktop app was not built"
fi
# Nothing that belongs to a site: no database, configuration, token, and nothing under /etc.
if grep -E '\.(db|sqlite|json|token)$|^\./etc/|^\./var/|^\./home/' <<<"$paths"; then
    fail "the package ships files that belong to a user or a site (listed above)"
fi
! grep -E '^\./usr/local/' <<<"$paths" || fail "the package installs into /usr/local"

# ---- 3. Metadata ------------------------------------------------------------------------------
step "metadata"
dpkg-deb -I "$deb" >"$work/info"
sed 's/^/    /' "$work/info"
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == lantir ]] || fail "Package: $(field Package)"
[[ "$(field Version)" == "$LANTIR_DEB_VERSION" ]] || fail "Version: $(field Version), wanted $LANTIR_DEB_VERSION"
[[ "$(field Architecture)" == "$arch" ]] || fail "Architecture: $(field Architecture)"
[[ -n "$(field Maintainer)" ]] || fail "no Maintainer"
[[ "$(field Section)" == science ]] || fail "Section: $(field Section)"
[[ -n "$(field Homepage)" ]] || fail "no Homepage"
depends=$(field Depends)
# has_dep <package>: named in Depends, alone or as an alternative, with or without a version.
has_dep() {
    tr ',|' '\n\n' <<<"$depends" | sed 's/^ *//; s/[ (].*//' | grep -xF "$1" >/dev/null || fail "Depends lacks $1: $depends"
}
has_dep libqt6sql6-sqlite # the QSQLITE plugin, which dpkg-shlibdeps cannot see
has_dep libc6
grep -q libqt6sql6-psql <<<"$(field Recommends)" || fail "Recommends lacks libqt6sql6-psql (database.driver postgresql)"
if [[ $with_gui == 1 ]]; then
    has_dep qt6-qpa-plugins
    has_dep libqt6svg6
    grep -q qt6-translations-l10n <<<"$(field Recommends)" || fail "Recommends lacks qt6-translations-l10n"
fi
description=$(field Description)
[[ $(wc -l <<<"$description") -ge 3 ]] || fail "the description has no extended text"

# ---- 4. lintian -------------------------------------------------------------------------------
# Exit status 0: no errors; 1: it found errors (listed as E: lines); anything else: lintian itself
# failed, which must not pass as "no errors".
step "lintian"
command -v lintian >/dev/null || fail "lintian is not installed: run scripts/setup-deps.sh (or apt install lintian)"
set +e
lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>"$work/lintian.err"
lintian_status=$?
set -e
sed 's/^/    /' "$work/lintian.log"
# Its own messages (such as the note about running as root) go to standard error.
sed 's/^/    lintian: /' "$work/lintian.err"
case $lintian_status in
0 | 1) ;;
*) fail "lintian failed with exit status $lintian_status (output above)" ;;
esac
if grep -q '^E: ' "$work/lintian.log"; then
    fail "lintian reports errors"
fi
[[ $lintian_status -eq 0 ]] || fail "lintian exited with 1 without reporting an error tag (output above)"
# Anything but tags (E:, W:, I:, P:, X:, O:, C:, N:, M:) and blank lines on standard output means
# lintian did not get to check the package properly.
if grep -vE '^([EWIPXOCNM]: |$)' "$work/lintian.log" >"$work/lintian.other"; then
    sed 's/^/    /' "$work/lintian.other"
    fail "lintian printed lines that are not tags (above): it may not have checked the package"
fi

# ---- 5. Install into a throwaway root and run ------------------------------------------------
step "install"
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
installed_by=""
# --force-depends: the throwaway root has no Qt; the programs use this machine's Qt below.
if dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless --log=/dev/null \
        -i "$deb" >"$work/dpkg.log" 2>&1; then
    installed_by="dpkg -i"
    dpkg --root="$root" -s lantir | grep '^Status: install ok installed' >/dev/null || fail "dpkg does not list lantir as installed"
else
    sed 's/^/    /' "$work/dpkg.log"
    echo "dpkg -i into a scratch root is not possible here; extracting with dpkg-deb -x"
    dpkg-deb -x "$deb" "$root"
    installed_by="dpkg-deb -x"
fi
echo "installed with $installed_by"
sync_bin="$root/usr/bin/lantir-sync"
[[ -x "$sync_bin" ]] || fail "$sync_bin is missing after installing"
if have_tool readelf && readelf -d "$sync_bin" | grep -E 'RPATH|RUNPATH' >/dev/null; then
    fail "the installed lantir-sync carries an RPATH into the build tree"
fi

# Every shared library the packaged programs link must come from a package named in Depends
# (what dpkg-shlibdeps is for).
if have_tool readelf; then
    for program in "$root"/usr/bin/*; do
        for soname in $(readelf -d "$program" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
            library=$(ldconfig -p | awk -v so="$soname" '$1 == so && !found { print $NF; found = 1 }')
            [[ -n "$library" ]] || fail "$(basename "$program") needs $soname, which this machine does not have"
            owner=$(dpkg -S "$(readlink -f "$library")" 2>/dev/null | awk -F: 'NR == 1 { print $1 }') || true
            [[ -n "$owner" ]] || owner=$(dpkg -S "$library" 2>/dev/null | awk -F: 'NR == 1 { print $1 }') || true
            [[ -n "$owner" ]] || fail "no package owns $library ($soname)"
            has_dep "$owner"
            echo "    $(basename "$program"): $soname from $owner"
        done
    done
fi

# The units name the installed program and the documented paths.
# The user unit passes no --token-file (refused for a file of several sources): lantir-sync finds
# each source's token itself (checked by running its command line below).
grep -qx 'ExecStart=/usr/bin/lantir-sync --config %E/Lantir/lantir.json' \
    "$root/usr/lib/systemd/user/lantir-sync.service" || fail "the user unit's ExecStart is not the installed lantir-sync"
grep -qx 'ExecStart=/usr/bin/lantir-sync --config /etc/lantir/%i.json --token-file %d/token' \
    "$root/usr/lib/systemd/system/lantir-sync@.service" || fail "the system unit's ExecStart is not the installed lantir-sync"
# The system unit's default database lies in its state folder, the one place its sandbox lets it
# write (checked by running lantir-sync with that environment below).
grep -qx 'StateDirectory=lantir' "$root/usr/lib/systemd/system/lantir-sync@.service" || fail "the system unit has no StateDirectory=lantir"
grep -qx 'Environment=XDG_DATA_HOME=%S/lantir/%i' "$root/usr/lib/systemd/system/lantir-sync@.service" \
    || fail "the system unit does not put its default database under its state folder"
if have_tool systemd-analyze; then
    step "systemd-analyze verify"
    # verify needs the ExecStart program at its real path: check copies that point into the root.
    mkdir -p "$work/units"
    sed "s#/usr/bin/lantir-sync#$sync_bin#" "$root/usr/lib/systemd/user/lantir-sync.service" >"$work/units/lantir-sync.service"
    sed "s#/usr/bin/lantir-sync#$sync_bin#" "$root/usr/lib/systemd/system/lantir-sync@.service" >"$work/units/lantir-sync@.service"
    cp "$work/units/lantir-sync@.service" "$work/units/lantir-sync@site792.service"
    # And an instance with the PostgreSQL drop-in of docs/OPERATIONS.md in its [Service] section.
    postgres_dropin >"$work/pg-dropin.conf"
    grep -q '^Environment=PGPASSFILE=' "$work/pg-dropin.conf" || fail "docs/OPERATIONS.md has no PostgreSQL drop-in"
    sed "/^LoadCredential=token:/r $work/pg-dropin.conf" "$work/units/lantir-sync@.service" \
        >"$work/units/lantir-sync@site793.service"
    # verify exits 0 on unknown keys and bad values (it only warns): any line about our units fails.
    SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$work/units/lantir-sync.service" \
        "$work/units/lantir-sync@site792.service" "$work/units/lantir-sync@site793.service" >"$work/verify.log" 2>&1 || true
    sed 's/^/    /' "$work/verify.log"
    if grep -E 'lantir-sync(@site79[23])?\.service' "$work/verify.log"; then
        fail "systemd-analyze verify found problems in the units"
    fi
    if systemd-analyze security --help 2>/dev/null | grep -- '--offline' >/dev/null; then
        systemd-analyze security --offline=true --no-pager "$work/units/lantir-sync@site792.service" 2>&1 | tail -n 1 | sed 's/^/    system unit: /'
    fi
fi

step "lantir-sync --version"
# The installed program with this machine's Qt: nothing from the build tree.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$HOME"
unset LD_LIBRARY_PATH QT_PLUGIN_PATH REDCAP_API_TOKEN REDCAP_API_URL
version=$("$sync_bin" --version)
echo "    $version"
[[ "$version" == "lantir-sync $LANTIR_VERSION" ]] || fail "lantir-sync --version printed '$version'"
if [[ $with_gui == 1 ]]; then
    gui_version=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/lantir" --version 2>/dev/null || true)
    echo "    $gui_version"
    grep -qF "$LANTIR_VERSION" <<<"$gui_version" || fail "lantir --version printed '$gui_version'"

    step "lantir finds its installed translation and icons"
    # French, offscreen, without a session bus or keychain; the lantir.resources debug lines name
    # the files used. It keeps running once started, so it is stopped when the lines are there.
    mkdir -p -m 700 "$work/runtime"
    env -u LC_ALL -u LC_MESSAGES LANG=fr_FR.UTF-8 LANGUAGE=fr QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work/runtime" \
        DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus" QT_LOGGING_RULES="lantir.resources.debug=true" \
        "$root/usr/bin/lantir" --settings "$work/gui-settings.ini" >"$work/gui.log" 2>&1 &
    gui_pid=$!
    for _ in $(seq 150); do
        grep -q 'Icons from' "$work/gui.log" && grep -q 'Translation for' "$work/gui.log" && break
        kill -0 "$gui_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$gui_pid" 2>/dev/null || true
    wait "$gui_pid" 2>/dev/null || true
    gui_pid=""
    grep 'lantir.resources' "$work/gui.log" | sed 's/^/    /' || true
    grep -qF "loaded from $root/usr/share/lantir/translations/lantir_fr.qm" "$work/gui.log" \
        || { cat "$work/gui.log"; fail "the installed lantir did not load its French translation from /usr/share/lantir/translations"; }
    grep -qxF "lantir.resources: Icons from $root/usr/share/lantir/icons" "$work/gui.log" \
        || { cat "$work/gui.log"; fail "the installed lantir did not take its icons from /usr/share/lantir/icons"; }
fi

if [[ -z "${LANTIR_SIMULATOR:-}" || ! -x "${LANTIR_SIMULATOR:-}" ]]; then
    echo "The REDCap simulator (lantir-redcap-sim) is not part of this build: the sync check is skipped."
    exit 77
fi
command -v sqlite3 >/dev/null || fail "sqlite3 is needed to read the synced database (apt install sqlite3)"

step "one cycle against the REDCap simulator"
"$LANTIR_SIMULATOR" --port 0 --records 40 --ready-file "$work/sim.url" >"$work/sim.log" 2>&1 &
sim_pid=$!
wait_ready "$sim_pid" "$work/sim.url" "$work/sim.log" 20 "the simulator"
url=$(head -n1 "$work/sim.url")
[[ "$url" == http://127.0.0.1:* ]] || fail "the simulator is not on 127.0.0.1: $url"

token_file="$work/token"
(
    umask 077
    if ! "$LANTIR_SIMULATOR" --print-default-token >"$token_file" 2>/dev/null; then
        # Older simulators: the built-in test token, as its source defines it.
        grep -A3 'QString RedcapSimulator::defaultToken()' "$LANTIR_SOURCE_DIR/tests/support/RedcapSimulator.cpp" \
            | grep -oE '"[0-9A-Fa-f]{32}"' | tr -d '"' >"$token_file"
    fi
)
[[ $(tr -d '[:space:]' <"$token_file" | wc -c) -eq 32 ]] || fail "could not get the simulator's test token"

config_dir="$HOME/.config/Lantir"
mkdir -p -m 700 "$config_dir"
database="$HOME/.local/share/Lantir/worklist.db"
cat >"$config_dir/lantir.json" <<JSON
{"source": {"api_url": "$url"}, "database": {"path": "$database"}}
JSON
chmod 600 "$config_dir/lantir.json"
# As the user unit runs it: its ExecStart, the token in lantir-sync's default token file.
(umask 077 && cp "$token_file" "$config_dir/token")
unit_command=$(sed -n 's/^ExecStart=//p' "$root/usr/lib/systemd/user/lantir-sync.service")
unit_command=${unit_command//%E/$XDG_CONFIG_HOME}
unit_command=${unit_command//\/usr\/bin\/lantir-sync/$sync_bin}
set +e
# shellcheck disable=SC2086 # the unit's command line, split into words as systemd does
timeout 90 $unit_command --once >"$work/sync.log" 2>&1
status=$?
set -e
sed 's/^/    /' "$work/sync.log"
[[ $status -eq 0 ]] || fail "lantir-sync --once exited with $status"
if grep -qF "$(tr -d '[:space:]' <"$token_file")" "$work/sync.log"; then
    fail "the token appears in lantir-sync's output"
fi
rows=$(sqlite3 "$database" 'SELECT COUNT(*) FROM worklist_items;')
echo "    worklist_items: $rows rows"
[[ "$rows" -gt 0 ]] || fail "the database has no worklist rows after one cycle"
[[ "$(stat -c %a "$database")" == 600 ]] || fail "the new database is mode $(stat -c %a "$database"), not 600"

step "the user unit's command line with two sources"
# The same command for a file of two sources, each with its token file beside lantir.json; the
# default token file must not serve them (it stays in place, as it would for a site that grows).
cp "$config_dir/lantir.json" "$work/one-source.json"
(umask 077 && cp "$token_file" "$config_dir/study_a.token" && cp "$token_file" "$config_dir/study_b.token")
two_database="$work/two-sources.db" # the one-source database above stays as the site's copy below
cat >"$config_dir/lantir.json" <<JSON
{"version": 2, "database": {"path": "$two_database"},
 "sources": [{"name": "study_a", "api_url": "$url", "token_file": "study_a.token"},
             {"name": "study_b", "api_url": "$url", "token_file": "study_b.token"}]}
JSON
chmod 600 "$config_dir/lantir.json"
set +e
# shellcheck disable=SC2086
timeout 90 $unit_command --once >"$work/sync-two.log" 2>&1
status=$?
set -e
sed 's/^/    /' "$work/sync-two.log"
[[ $status -eq 0 ]] || fail "the user unit's command line with two sources exited with $status"
grep -qF "source 'study_a' cycle 1 ok" "$work/sync-two.log" || fail "no cycle line of source study_a"
grep -qF "source 'study_b' cycle 1 ok" "$work/sync-two.log" || fail "no cycle line of source study_b"
[[ "$(sqlite3 "$two_database" "SELECT COUNT(*) FROM worklist_items WHERE data_source = 'study_b';")" == "$rows" ]] \
    || fail "the second source's rows are not in the database"
# --token-file with that file is a usage error (exit 2), not a token shared by both.
status=0
# shellcheck disable=SC2086
timeout 90 $unit_command --token-file "$token_file" --once >"$work/sync-refused.log" 2>&1 || status=$?
[[ $status -eq 2 ]] || fail "--token-file with two sources exited with $status, not 2"
cp "$work/one-source.json" "$config_dir/lantir.json"

step "one cycle into the system unit's default database"
# As lantir-sync@site792 runs it: a configuration without database.path, and the unit's
# XDG_DATA_HOME with %S = /var/lib (here inside the scratch root) and %i = site792.
unit_data_home=$(sed -n 's/^Environment=XDG_DATA_HOME=//p' "$root/usr/lib/systemd/system/lantir-sync@.service")
unit_data_home=${unit_data_home//%S/$root/var/lib}
unit_data_home=${unit_data_home//%i/site792}
mkdir -p -m 700 "$root/var/lib/lantir"
(umask 077 && echo "{\"source\": {\"api_url\": \"$url\"}}" >"$work/site792.json")
set +e
XDG_DATA_HOME="$unit_data_home" timeout 90 "$sync_bin" --config "$work/site792.json" --token-file "$token_file" --once \
    >"$work/sync-system.log" 2>&1
status=$?
set -e
sed 's/^/    /' "$work/sync-system.log"
[[ $status -eq 0 ]] || fail "lantir-sync --once with the system unit's environment exited with $status"
unit_database="$root/var/lib/lantir/site792/Lantir/worklist.db"
[[ -f "$unit_database" ]] || fail "the system unit's default database is not $unit_database"
[[ "$(sqlite3 "$unit_database" 'SELECT COUNT(*) FROM worklist_items;')" == "$rows" ]] \
    || fail "the system unit's default database does not hold the $rows synced rows"
[[ "$(stat -c %a "$root/var/lib/lantir/site792")" == 700 ]] || fail "the instance's state folder is not mode 700"

step "the system unit's command line on a PostgreSQL worklist"
# As lantir-sync@site793 runs it with the drop-in docs/OPERATIONS.md gives for PostgreSQL: the
# password in a libpq password file passed as a systemd credential (LoadCredential=pgpass:...,
# Environment=PGPASSFILE=%d/pgpass), nothing in the configuration, the command line or the
# environment. Against a private PostgreSQL server on 127.0.0.1 (lantir-pg-testserver).
if [[ -z "${LANTIR_PG_TESTSERVER:-}" || ! -x "${LANTIR_PG_TESTSERVER:-}" ]]; then
    lantir_is_ci && fail "lantir-pg-testserver is not part of this build"
    echo "    skipped: lantir-pg-testserver is not part of this build"
else
    require_tool psql
    "$LANTIR_PG_TESTSERVER" --database lantir_worklist --ready-file "$work/pg.env" >"$work/pg.log" 2>&1 &
    pg_pid=$!
    wait_ready "$pg_pid" "$work/pg.env" "$work/pg.log" 60 "the PostgreSQL test server"
    pg_value() { sed -n "s/^$1=//p" "$work/pg.env"; }
    pg_port=$(pg_value PGPORT)
    [[ "$(pg_value PGHOST)" == 127.0.0.1 ]] || fail "the PostgreSQL test server is not on 127.0.0.1"
    # The unit's credential folder (%d): systemd gives the service a read-only copy, mode 0400.
    credentials="$work/credentials/lantir-sync@site793.service"
    mkdir -p -m 700 "$credentials"
    cp "$(pg_value PGPASSFILE)" "$credentials/pgpass"
    chmod 400 "$credentials/pgpass"
    (umask 077 && cat >"$work/site793.json" <<JSON
{"source": {"api_url": "$url"},
 "database": {"driver": "postgresql", "host": "127.0.0.1", "port": $pg_port,
              "name": "lantir_worklist", "user": "$(pg_value PGUSER)", "sslmode": "disable"}}
JSON
    )
    # The drop-in's PGPASSFILE, with %d the credentials folder.
    pg_passfile=$(postgres_dropin | sed -n 's/^Environment=PGPASSFILE=//p')
    [[ "$pg_passfile" == "%d/pgpass" ]] || fail "the PostgreSQL drop-in of docs/OPERATIONS.md names PGPASSFILE=$pg_passfile"
    pg_passfile=${pg_passfile//%d/$credentials}
    run_pg_unit() { # run_pg_unit <log>: the unit's ExecStart and environment, one cycle
        local status=0
        env -u PGPASSWORD -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGSERVICE \
            PGPASSFILE="$pg_passfile" XDG_DATA_HOME="$unit_data_home" \
            timeout 90 "$sync_bin" --config "$work/site793.json" --token-file "$token_file" --once >"$1" 2>&1 || status=$?
        sed 's/^/    /' "$1"
        return $status
    }
    pg_password=$(cut -d: -f5 "$credentials/pgpass")
    run_pg_unit "$work/sync-pg.log" || fail "lantir-sync --once on PostgreSQL exited with $?"
    pg_rows=$(PGPASSFILE="$(pg_value PGPASSFILE)" psql -h 127.0.0.1 -p "$pg_port" -U "$(pg_value PGUSER)" -d lantir_worklist \
        -Atc 'SELECT COUNT(*) FROM worklist_items;')
    echo "    worklist_items on PostgreSQL: $pg_rows rows"
    [[ "$pg_rows" == "$rows" ]] || fail "PostgreSQL holds $pg_rows rows, not the $rows of the SQLite runs"
    if grep -qF "$pg_password" "$work/sync-pg.log"; then
        fail "the PostgreSQL password appears in lantir-sync's output"
    fi
    [[ ! -e "$unit_data_home/Lantir/worklist.db" || "$(sqlite3 "$unit_data_home/Lantir/worklist.db" 'SELECT COUNT(*) FROM worklist_items;')" == "$rows" ]] \
        || fail "the PostgreSQL run touched the instance's SQLite database"

    step "a wrong PostgreSQL password, then an unreachable server"
    chmod 600 "$credentials/pgpass"
    sed -i 's/:[^:]*$/:not-the-password-42/' "$credentials/pgpass"
    chmod 400 "$credentials/pgpass"
    status=0
    run_pg_unit "$work/sync-pg-password.log" || status=$?
    [[ $status -eq 1 ]] || fail "a wrong PostgreSQL password: exit status $status, not 1"
    grep -qF "password authentication failed" "$work/sync-pg-password.log" \
        || fail "a wrong PostgreSQL password is not named as such"
    grep -qF "127.0.0.1:$pg_port/lantir_worklist" "$work/sync-pg-password.log" \
        || fail "the error of a wrong password does not name the database"
    if grep -qF "not-the-password-42" "$work/sync-pg-password.log"; then
        fail "the wrong password appears in lantir-sync's output"
    fi
    kill "$pg_pid"
    wait "$pg_pid" || fail "the PostgreSQL test server did not stop cleanly: $(cat "$work/pg.log")"
    pg_pid=""
    status=0
    run_pg_unit "$work/sync-pg-down.log" || status=$?
    [[ $status -eq 1 ]] || fail "an unreachable PostgreSQL server: exit status $status, not 1"
    grep -qF "127.0.0.1:$pg_port/lantir_worklist" "$work/sync-pg-down.log" \
        || fail "the error of an unreachable server does not name the database"
fi

# ---- 6. Reinstall, upgrade, remove and purge leave user data alone -----------------------------
if [[ $installed_by == "dpkg -i" ]]; then
    dpkg_root() { dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless --log=/dev/null "$@"; }
    site_db="$root/var/lib/lantir/site792.db"
    mkdir -p "$root/etc/lantir"
    cp "$database" "$site_db"
    echo '{"database": {"path": "/var/lib/lantir/site792.db"}}' >"$root/etc/lantir/site792.json"
    # Every file of the user's home (configuration, token-free settings, database) and of the site.
    user_data() {
        (cd "$HOME" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
        (cd "$root" && find ./etc/lantir ./var/lib/lantir -type f -print0 | sort -z | xargs -0 sha256sum)
    }
    user_data >"$work/data.before"
    sed 's/^/    /' "$work/data.before"
    grep -qF "./.config/Lantir/lantir.json" "$work/data.before" || fail "the user's configuration is not among the checked files"
    grep -qF "./.local/share/Lantir/worklist.db" "$work/data.before" || fail "the user's database is not among the checked files"
    same_data() { # same_data <after what>
        user_data >"$work/data.after"
        diff -u "$work/data.before" "$work/data.after" || fail "$1 changed a user's or a site's files (diff above)"
    }

    step "dpkg -i the same package again"
    dpkg_root -i "$deb" >"$work/reinstall.log" 2>&1 || { cat "$work/reinstall.log"; fail "reinstalling the package failed"; }
    [[ "$(dpkg --root="$root" -s lantir | sed -n 's/^Version: //p')" == "$LANTIR_DEB_VERSION" ]] || fail "wrong version after reinstalling"
    same_data "reinstalling"

    step "upgrade to a newer version"
    # The same files under a higher version: dpkg runs it as an upgrade (unpack over, then
    # remove what the old version had and the new one lacks).
    newer="${LANTIR_DEB_VERSION}+upgrade1"
    dpkg-deb -R "$deb" "$work/repack"
    sed -i "s/^Version: .*/Version: $newer/" "$work/repack/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz -b "$work/repack" "$work/upgrade.deb" >/dev/null
    dpkg --compare-versions "$newer" gt "$LANTIR_DEB_VERSION" || fail "$newer does not sort after $LANTIR_DEB_VERSION"
    dpkg_root -i "$work/upgrade.deb" >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log"; fail "upgrading the package failed"; }
    [[ "$(dpkg --root="$root" -s lantir | sed -n 's/^Version: //p')" == "$newer" ]] || fail "dpkg does not list $newer after the upgrade"
    [[ "$("$sync_bin" --version)" == "lantir-sync $LANTIR_VERSION" ]] || fail "lantir-sync does not run after the upgrade"
    same_data "upgrading"

    step "dpkg --remove"
    dpkg_root --remove lantir >"$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "dpkg --remove failed"; }
    [[ ! -e "$sync_bin" ]] || fail "lantir-sync is still there after remove"
    same_data "removing the package"

    step "dpkg --purge"
    dpkg_root --purge lantir >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge failed"; }
    dpkg --root="$root" -s lantir >/dev/null 2>&1 && fail "dpkg still knows lantir after purge"
    same_data "purging the package"
    [[ "$(sqlite3 "$site_db" 'SELECT COUNT(*) FROM worklist_items;')" == "$rows" ]] || fail "the site's database changed on purge"
fi

[[ $lantir_missing_tool == 0 ]] || fail "a tool this test needs is missing (see above): run scripts/setup-deps.sh"
step "done"
