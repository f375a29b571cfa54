#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/: the real `lantir` under a virtual X server
# (xvfb-run) with a system tray (trayer), against the REDCap simulator on 127.0.0.1 and a
# worklist database in a temporary folder, with two sources. Nothing of the user's is read or
# written: the settings live in a temporary INI file and the tokens in memory.
#
#   tests/gui/screenshots.sh [--postgresql] [BUILD_DIR] [OUTPUT_DIR]
#                                                       (defaults: build, docs/screenshots)
#
# --postgresql: the worklist is in a private PostgreSQL server on 127.0.0.1 (lantir-pg-testserver)
# instead of a SQLite file, its password in a libpq password file (PGPASSFILE), as a site whose
# keychain holds none. A `lantir-sync` node (the site's service) syncs both sources into it first,
# so the desktop app is the second node: it shows the worklist and who syncs it. Only the main
# window's worklist tab is kept, as main-worklist-postgresql.png.
#
# `lantir` runs twenty cycles, ten of each source (or $LANTIR_SCREENSHOT_CYCLES), ten seconds apart (about two
# minutes), then saves each tab of its main window, the tray menu and the settings dialog with its
# own --screenshot-dir hook. When ImageMagick's `import` is installed, a picture of the whole
# virtual screen, tray icon included, is saved as well (desktop.png).
set -euo pipefail
cd "$(dirname "$0")/../.."

postgresql=0
if [[ "${1:-}" == --postgresql ]]; then
  postgresql=1
  shift
fi
build=$(realpath "${1:-build}")
out=$(realpath -m "${2:-docs/screenshots}")
for tool in xvfb-run trayer; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is not installed" >&2; exit 2; }
done
programs=("$build/src/app/lantir" "$build/tests/support/lantir-redcap-sim")
[[ $postgresql == 1 ]] && programs+=("$build/tests/support/lantir-pg-testserver" "$build/src/cli/lantir-sync")
for program in "${programs[@]}"; do
  [[ -x "$program" ]] || { echo "screenshots.sh: $program is missing; build first" >&2; exit 2; }
done

work=$(mktemp -d)
sim=""
pg=""
node=""
cleanup() {
  [[ -n "$node" ]] && kill "$node" 2>/dev/null && wait "$node" 2>/dev/null || true
  [[ -n "$sim" ]] && kill "$sim" 2>/dev/null && wait "$sim" 2>/dev/null || true
  [[ -n "$pg" ]] && kill "$pg" 2>/dev/null && wait "$pg" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 700 "$work"

# The simulator: 300 records with two scans each; every export touches a few records so that
# each cycle has something to update.
"$build/tests/support/lantir-redcap-sim" --records 300 --scans 2 --churn 4 --ready-file "$work/url" &
sim=$!
for _ in $(seq 100); do [[ -s "$work/url" ]] && break; sleep 0.1; done
[[ -s "$work/url" ]] || { echo "screenshots.sh: the simulator did not start" >&2; exit 1; }
"$build/tests/support/lantir-redcap-sim" --print-default-token >"$work/token"
chmod 600 "$work/token"

# Cycles ten seconds apart turn the first minutes' settling of the heap (half a MB or so) into
# tens of MB "per hour", so the growth warning of this short demo is set above that; the chart's
# title shows the threshold used. Real sites sync every 30 minutes with the default 10 MB/h.
# Two REDCap projects into the one worklist: "Hospital" and "Annex" (both served by the simulator),
# each with its own token from REDCAP_API_TOKEN_<NAME>, as lantir-sync reads them.
source_json() {
  cat <<SOURCE
    {
      "name": "$1", "api_url": "$(cat "$work/url")", "batch_size": 100,
      "schedule": { "interval_s": 10, "overlap_s": 300 },
      "mapping": {
        "site": "$2",
        "protocol": "BRAIN_MRI_3T",
        "field_mapping": { "youth_dob_y": "patient_birth_date", "demo_sex": "patient_sex" }
      }
    }
SOURCE
}
database_json="{ \"path\": \"$work/worklist.db\" }"
if [[ $postgresql == 1 ]]; then
  "$build/tests/support/lantir-pg-testserver" --database lantir_worklist --ready-file "$work/pg.env" >"$work/pg.log" 2>&1 &
  pg=$!
  for _ in $(seq 600); do [[ -s "$work/pg.env" ]] && break; sleep 0.1; done
  [[ -s "$work/pg.env" ]] || { cat "$work/pg.log" >&2; echo "screenshots.sh: PostgreSQL did not start" >&2; exit 1; }
  pg_value() { sed -n "s/^$1=//p" "$work/pg.env"; }
  database_json="{ \"driver\": \"postgresql\", \"host\": \"127.0.0.1\", \"port\": $(pg_value PGPORT),
    \"name\": \"lantir_worklist\", \"user\": \"$(pg_value PGUSER)\", \"sslmode\": \"disable\" }"
  export PGPASSFILE
  PGPASSFILE=$(pg_value PGPASSFILE)
fi
cat >"$work/lantir.json" <<JSON
{
  "version": 2,
  "sources": [
$(source_json Hospital 792),
$(source_json Annex 793)
  ],
  "database": $database_json,
  "memory": { "warn_growth_mb_per_hour": 60, "critical_rss_mb": 500 }
}
JSON
chmod 600 "$work/lantir.json"

if [[ $postgresql == 1 ]]; then
  # The other node: it takes both sources' sync and keeps them while it runs.
  REDCAP_API_TOKEN_HOSPITAL=$(cat "$work/token") REDCAP_API_TOKEN_ANNEX=$(cat "$work/token") \
    "$build/src/cli/lantir-sync" --config "$work/lantir.json" >"$work/node.log" 2>&1 &
  node=$!
  for _ in $(seq 300); do
    [[ $(grep -c "cycle 1 ok" "$work/node.log") -ge 2 ]] && break
    kill -0 "$node" 2>/dev/null || { cat "$work/node.log" >&2; echo "screenshots.sh: lantir-sync exited" >&2; exit 1; }
    sleep 0.1
  done
  [[ $(grep -c "cycle 1 ok" "$work/node.log") -ge 2 ]] || { cat "$work/node.log" >&2; echo "screenshots.sh: lantir-sync did not sync" >&2; exit 1; }
fi

mkdir -p "$out" "$work/shots"
cat >"$work/session.sh" <<'SESSION'
#!/usr/bin/env bash
# Runs inside xvfb-run: a tray, the app, and (if available) a picture of the whole screen.
set -u
work=$1 build=$2
trayer --edge top --align right --widthtype request --height 28 --transparent false --tint 0x303030 \
  --SetDockType true --expand true >/dev/null 2>&1 &
tray=$!
sleep 1
REDCAP_API_TOKEN_HOSPITAL=$(cat "$work/token") REDCAP_API_TOKEN_ANNEX=$(cat "$work/token") \
LANG=en_GB.UTF-8 QT_QPA_PLATFORMTHEME= "$build/src/app/lantir" --settings "$work/lantir.ini" \
  --config "$work/lantir.json" \
  --screenshot-dir "$work/shots" --screenshot-after-cycles "${LANTIR_SCREENSHOT_CYCLES:-20}" &
app=$!
if command -v import >/dev/null; then
  # After its last picture the app shows the chart for a few seconds: photograph the screen.
  for _ in $(seq 3000); do [[ -s "$work/shots/settings-dialog.png" ]] && break; sleep 0.1; done
  sleep 1.5
  import -window root "$work/shots/desktop.png" || true
fi
wait "$app"
status=$?
kill "$tray" 2>/dev/null
exit $status
SESSION
chmod +x "$work/session.sh"

echo "Live cycles and screenshots under xvfb-run"
xvfb-run -a -s "-screen 0 1280x800x24 -dpi 96" "$work/session.sh" "$work" "$build"

shopt -s nullglob
shots=("$work"/shots/*.png)
[[ ${#shots[@]} -gt 0 ]] || { echo "screenshots.sh: no screenshots were taken" >&2; exit 1; }
if [[ $postgresql == 1 ]]; then
  [[ -s "$work/shots/main-worklist.png" ]] || { echo "screenshots.sh: no main-worklist.png was taken" >&2; exit 1; }
  cp "$work/shots/main-worklist.png" "$out/main-worklist-postgresql.png"
  echo "  $out/main-worklist-postgresql.png"
  exit 0
fi
cp "${shots[@]}" "$out/"
for shot in "${shots[@]}"; do echo "  $out/$(basename "$shot")"; done
