#!/bin/sh
# The build options a site may choose configure: the headless tree (-DLANTIR_BUILD_GUI=OFF, lantir-sync
# with its tests and benches, no Qt Widgets or Charts) and the release tree without tests
# (-DLANTIR_BUILD_TESTS=OFF, docs/OPERATIONS.md). Only CMake's configure step runs, in a scratch folder.
set -eu
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
count=0
for options in "-DLANTIR_BUILD_GUI=OFF" "-DLANTIR_BUILD_TESTS=OFF" "-DLANTIR_BUILD_GUI=OFF -DLANTIR_BUILD_TESTS=OFF"; do
    count=$((count + 1))
    # shellcheck disable=SC2086 # the options are words
    if ! cmake -S . -B "$scratch/$count" -G Ninja -DCMAKE_BUILD_TYPE=Release $options >"$scratch/log" 2>&1; then
        cat "$scratch/log" >&2
        echo "check-configure: cmake $options failed (above)" >&2
        failed=$((failed + 1))
    fi
done
echo "check-configure: $count option sets, $failed failed"
[ "$failed" -eq 0 ]
