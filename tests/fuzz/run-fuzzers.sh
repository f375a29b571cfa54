#!/bin/sh
# Builds the libFuzzer targets (CMake preset `fuzz`: clang, ASan + UBSan) and runs each one for
# SECONDS (default 30) on a copy of its seed corpus in tests/fuzz/corpus/<target>/.
#
#   tests/fuzz/run-fuzzers.sh            # 30 s each: the CI smoke run (scripts/test.sh)
#   tests/fuzz/run-fuzzers.sh 3600       # an hour each (the long run)
#   JOBS=4 tests/fuzz/run-fuzzers.sh 28800   # eight hours each, four workers per target
#
# Needs clang and libFuzzer's runtime (Debian: clang, libclang-rt-dev; scripts/setup-deps.sh).
# A crash leaves crash-*/leak-*/timeout-* files in build-fuzz/findings/<target>/ and makes the
# script exit 1; reproduce with build-fuzz/tests/fuzz/fuzz_<target> <file>, then add the file to
# tests/fuzz/corpus/<target>/ and a regression test to tests/unit/. The last line is a summary.
set -eu
seconds=${1:-30}
jobs=${JOBS:-1}
start=$(date +%s)
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-fuzz"

cmake --preset fuzz -S "$root" >/dev/null
cmake --build "$build" -j"${BUILD_JOBS:-$(nproc)}" --target fuzz_records fuzz_record_ids fuzz_datetime fuzz_config fuzz_redcap_error fuzz_http_response fuzz_dicom_query

parallel=""
if [ "$jobs" -gt 1 ]; then
    parallel="-jobs=$jobs -workers=$jobs"
fi

# -malloc_limit_mb: DCMTK reserves an element's declared length (up to 4 GB) before its bytes
# arrive; the reservation is never touched, so what a run really holds is still capped by
# -rss_limit_mb, but one such malloc must not count as running out of memory.
status=0
failed=""
targets="records record_ids datetime config redcap_error http_response dicom_query"
count=0
for target in $targets; do
    count=$((count + 1))
    work="$build/corpus/$target"
    findings="$build/findings/$target"
    mkdir -p "$work" "$findings"
    cp -n "$root/tests/fuzz/corpus/$target/"* "$work/" 2>/dev/null || true
    echo "== fuzz_$target: ${seconds}s"
    if ! (cd "$findings" && "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 \
            -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=8192 $parallel -print_final_stats=1 "$work" \
            > "$findings/log.txt" 2>&1); then
        echo "!! fuzz_$target found a problem; see $findings"
        tail -n 40 "$findings/log.txt"
        status=1
        failed="$failed fuzz_$target"
    else
        grep -E '^(stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb)' "$findings/log.txt" || true
    fi
done
elapsed=$(($(date +%s) - start))
if [ "$status" -ne 0 ]; then
    echo "fuzzers: FAILED:$failed (${seconds} s per target, ${elapsed} s in all)"
else
    echo "fuzzers: ${count} targets, no finding (${seconds} s per target, ${elapsed} s in all with the build)"
fi
exit $status
