#!/usr/bin/env bash
# Runs lantir-sync under valgrind memcheck against the REDCap simulator and fails on any definite
# or indirect leak, or any invalid memory access: 20 cycles of one source, then 10 rounds of two
# sources (two simulators, each with its own token, synced in turn into one database).
#   lantir-sync-memcheck.sh <build-dir>
set -euo pipefail
build=${1:?build directory}
source "$(dirname "$0")/../support/require-tool.sh"
require_tool valgrind
work=$(mktemp -d)
trap 'kill ${sims:-} 2>/dev/null || true; rm -rf "$work"' EXIT
sims=""

# start_simulator <name> <seed> [token]: a churning project on 127.0.0.1, its URL in $work/<name>.url.
start_simulator() {
  local token_args=()
  [[ -n "${3:-}" ]] && token_args=(--token "$3")
  "$build/tests/support/lantir-redcap-sim" --records 150 --scans 2 --churn 5 --seed "$2" "${token_args[@]}" \
    --ready-file "$work/$1.url" >"$work/$1.log" 2>&1 &
  sims="$sims $!"
  for _ in $(seq 200); do [[ -s "$work/$1.url" ]] && break; sleep 0.05; done
  [[ -s "$work/$1.url" ]] || { echo "the simulator $1 did not start"; cat "$work/$1.log"; exit 1; }
}

# memcheck <name> <cycles expected> <lantir-sync arguments...>
memcheck() {
  local name=$1 expected=$2 status=0
  shift 2
  valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=3 --num-callers=30 \
    --log-file="$work/$name-memcheck.log" \
    "$build/src/cli/lantir-sync" --report "$work/$name.jsonl" "$@" 2>"$work/$name-sync.log" || status=$?
  grep -E "ERROR SUMMARY|definitely lost|indirectly lost" "$work/$name-memcheck.log" || true
  local cycles failed
  cycles=$(wc -l <"$work/$name.jsonl")
  failed=$(grep -c '"ok":false' "$work/$name.jsonl" || true)
  echo "$name: cycles: $cycles, failed: $failed"
  if [[ $status -ne 0 || $cycles -ne $expected || $failed -ne 0 ]]; then
    tail -80 "$work/$name-memcheck.log"
    tail -20 "$work/$name-sync.log"
    exit 1
  fi
}

start_simulator one 1
"$build/tests/support/lantir-redcap-sim" --print-default-token >"$work/token"
cat >"$work/lantir.json" <<JSON
{ "source": { "api_url": "$(cat "$work/one.url")", "batch_size": 40 },
  "database": { "path": "$work/worklist.db" },
  "mapping": { "site": "792", "field_mapping": { "youth_dob_y": "patient_birth_date" } } }
JSON
memcheck one-source 20 --config "$work/lantir.json" --token-file "$work/token" --cycles 20

token_b=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
start_simulator two 2 "$token_b"
(umask 077 && printf '%s\n' "$token_b" >"$work/two.token")
cat >"$work/two-sources.json" <<JSON
{ "version": 2,
  "sources": [ { "name": "study_a", "api_url": "$(cat "$work/one.url")", "batch_size": 40,
                 "token_file": "$work/token" },
               { "name": "study_b", "api_url": "$(cat "$work/two.url")", "batch_size": 40,
                 "token_file": "$work/two.token" } ],
  "database": { "path": "$work/two-sources.db" },
  "mapping": { "site": "792", "field_mapping": { "youth_dob_y": "patient_birth_date" } } }
JSON
memcheck two-sources 20 --config "$work/two-sources.json" --cycles 10
grep -q '"source":"study_b"' "$work/two-sources.jsonl" || { echo "no cycle of study_b in the report"; exit 1; }
echo "memcheck: 20 cycles of one source and 10 rounds of two sources, no leaks, no invalid accesses"
