#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/: the real `lantir` under a virtual X server
# (xvfb-run) with a system tray (trayer), against the REDCap simulator on 127.0.0.1 and a
# worklist database in a temporary folder, with two sources. Nothing of the user's is read or
# written: the settings live in a temporary INI file and the tokens in memory.
#
#   tests/gui/screenshots.sh [BUILD_DIR] [OUTPUT_DIR]     (defaults: build, docs/screenshots)
#
# `lantir` runs twenty cycles, ten of each source (or $LANTIR_SCREENSHOT_CYCLES), ten seconds apart (about two
# minutes), then saves each tab of its main window, the tray menu and the settings dialog with its
# own --screenshot-dir hook. When ImageMagick's `import` is installed, a picture of the whole
# virtual screen, tray icon included, is saved as well (desktop.png).
set -euo pipefail
cd "$(dirname "$0")/../.."

build=$(realpath "${1:-build}")
out=$(realpath -m "${2:-docs/screenshots}")
for tool in xvfb-run trayer; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is not installed" >&2; exit 2; }
done
for program in "$build/src/app/lantir" "$build/tests/support/lantir-redcap-sim"; do
  [[ -x "$program" ]] || { echo "screenshots.sh: $program is missing; build first" >&2; exit 2; }
done

work=$(mktemp -d)
sim=""
cleanup() {
  [[ -n "$sim" ]] && kill "$sim" 2>/dev/null && wait "$sim" 2>/dev/null || true
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
cat >"$work/lantir.json" <<JSON
{
  "version": 2,
  "sources": [
$(source_json Hospital 792),
$(source_json Annex 793)
  ],
  "database": { "path": "$work/worklist.db" },
  "memory": { "warn_growth_mb_per_hour": 60, "critical_rss_mb": 500 }
}
JSON
chmod 600 "$work/lantir.json"

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
cp "${shots[@]}" "$out/"
for shot in "${shots[@]}"; do echo "  $out/$(basename "$shot")"; done
