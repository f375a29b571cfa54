#!/usr/bin/env bash
# Sets up, builds and runs Lantir on a fresh Debian/Ubuntu machine against the bundled REDCap
# simulator (127.0.0.1), writing the embedded SQLite worklist database under build/demo/.
#   scripts/run.sh              the desktop app when a display is available, else the headless sync
#   scripts/run.sh --headless   lantir-sync, one line per cycle (Ctrl+C stops); further options go
#                               to it, e.g. scripts/run.sh --headless --cycles 5
set -euo pipefail
cd "$(dirname "$0")/.."

headless=0
if [[ "${1:-}" == "--headless" ]]; then
  headless=1
  shift
fi
desktop=0
if [[ $headless -eq 0 && ( -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ) ]]; then
  desktop=1
fi

scripts/setup-deps.sh
build=${LANTIR_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# Only the programs this script runs, not the test suites (scripts/test.sh builds those): on a
# fresh clone that is a few minutes instead of ten.
targets=(lantir-sync lantir-redcap-sim)
if [[ $desktop -eq 1 ]]; then
  targets+=(lantir)
fi
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

demo="$build/demo"
mkdir -p "$demo"
chmod 700 "$demo"
ready="$demo/simulator.url"
rm -f "$ready"
"$build/tests/support/lantir-redcap-sim" --records 500 --scans 2 --churn 3 --ready-file "$ready" &
sim=$!
trap 'kill "$sim" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s "$ready" ]] && break; sleep 0.1; done
url=$(cat "$ready")

cat >"$demo/lantir.json" <<JSON
{
  "source": { "name": "REDCap", "api_url": "$url", "batch_size": 500 },
  "database": { "path": "worklist.db" },
  "schedule": { "interval_s": 20, "overlap_s": 300 },
  "mapping": {
    "site": "792",
    "protocol": "BRAIN_MRI_3T",
    "field_mapping": { "youth_dob_y": "patient_birth_date", "demo_sex": "patient_sex" }
  }
}
JSON
# The simulator's built-in test token (never a real one).
"$build/tests/support/lantir-redcap-sim" --print-default-token >"$demo/token"
chmod 600 "$demo/token" "$demo/lantir.json"

echo "Worklist database: $demo/worklist.db"
if [[ $desktop -eq 1 ]]; then
  "$build/src/app/lantir" --config "$demo/lantir.json" --token-file "$demo/token" "$@"
else
  "$build/src/cli/lantir-sync" --config "$demo/lantir.json" --token-file "$demo/token" "$@"
fi
