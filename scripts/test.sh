#!/usr/bin/env bash
# Sets up, builds and runs every Lantir test (warnings are errors). Prints CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
build=${LANTIR_BUILD_DIR:-build-ci}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLANTIR_WERROR=ON
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 600 "$@"

# Static analysis of src/ and a 30 s run of each fuzzer (docs/RELIABILITY.md); one summary line each.
scripts/clang-tidy.sh
tests/fuzz/run-fuzzers.sh 30
