#!/usr/bin/env bash
# Runs 20 lantir-sync cycles against the REDCap simulator under valgrind memcheck and fails on
# any definite or indirect leak, or any invalid memory access.
#   lantir-sync-memcheck.sh <build-dir>
set -euo pipefail
build=${1:?build directory}
source "$(dirname "$0")/../support/require-tool.sh"
require_tool valgrind
work=$(mktemp -d)
trap 'kill "${sim:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$build/tests/support/lantir-redcap-sim" --records 150 --scans 2 --churn 5 --ready-file "$work/url" >"$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 200); do [[ -s "$work/url" ]] && break; sleep 0.05; done
[[ -s "$work/url" ]] || { echo "the simulator did not start"; cat "$work/sim.log"; exit 1; }
"$build/tests/support/lantir-redcap-sim" --print-default-token >"$work/token"
cat >"$work/lantir.json" <<JSON
{ "source": { "api_url": "$(cat "$work/url")", "batch_size": 40 },
  "database": { "path": "$work/worklist.db" },
  "mapping": { "site": "792", "field_mapping": { "youth_dob_y": "patient_birth_date" } } }
JSON

valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect \
  --errors-for-leak-kinds=definite,indirect --error-exitcode=3 --num-callers=30 \
  --log-file="$work/memcheck.log" \
  "$build/src/cli/lantir-sync" --config "$work/lantir.json" --token-file "$work/token" --cycles 20 \
  --report "$work/report.jsonl" 2>"$work/sync.log" || status=$?
status=${status:-0}
grep -E "ERROR SUMMARY|definitely lost|indirectly lost" "$work/memcheck.log" || true
cycles=$(wc -l <"$work/report.jsonl")
failed=$(grep -c '"ok":false' "$work/report.jsonl" || true)
echo "cycles: $cycles, failed: $failed"
if [[ $status -ne 0 || $cycles -ne 20 || $failed -ne 0 ]]; then
  cat "$work/memcheck.log" | tail -80
  tail -20 "$work/sync.log"
  exit 1
fi
echo "memcheck: 20 cycles, no leaks, no invalid accesses"
