#!/usr/bin/env bash
# Sets up, builds and runs every Lantir test and check, in stages; each prints its summary line
# (CTest's for the plain, asan and tsan stages).
#
#   scripts/test.sh [--quick] [CTEST ARGS...]
#
#   checks      the shape of the tree: includes run one way (scripts/check-includes.sh), no function
#               over 120 lines (scripts/check-function-length.sh), every file as .clang-format says
#               (scripts/check-format.sh), shell scripts parse (scripts/check-shell.sh), the headless
#               and test-less build options configure (scripts/check-configure.sh)
#   plain       warnings-as-errors build (RelWithDebInfo, build-ci/ or $LANTIR_BUILD_DIR), every test
#   asan        preset asan (build-asan/): AddressSanitizer + UBSan + LeakSanitizer, every test that
#               can run under it (see SANITIZER_EXCLUDED_LABELS)
#   tsan        preset tsan (build-tsan/): ThreadSanitizer, the same tests
#   clang_tidy  scripts/clang-tidy.sh over src/ (build-tidy/)
#   fuzz        tests/fuzz/run-fuzzers.sh 30: each fuzzer for 30 s (build-fuzz/)
#
# --quick runs the checks and plain stages only (for development). Any other arguments go to the ctest of the
# stages that run CTest (e.g. -R tst_endtoend). All stages run even when one fails; the script
# fails if any did. A stage is a function stage_<name>; adding one is adding its name to STAGES.
set -euo pipefail
cd "$(dirname "$0")/.."

STAGES=(checks plain asan tsan clang_tidy fuzz)
JOBS=$(nproc)

# Labels left out of the sanitizer stages:
# - memcheck: runs lantir-sync under valgrind, which cannot run a sanitized program (both take over
#   the address space and malloc); the plain stage runs it.
# - packaging: builds a .deb with cpack from the build tree and installs it like a release; a
#   sanitized build is not a release (its binaries need the sanitizer runtimes) and the package
#   checks say nothing about memory or threads. The plain stage runs it.
SANITIZER_EXCLUDED_LABELS='^(memcheck|packaging)$'
# Sanitized tests run several times slower than plain ones: one generous limit for each test
# instead of the per-test TIMEOUTs of the plain build (which sanitizer builds do not set).
SANITIZER_TEST_TIMEOUT=1800

# Uses ccache when it is installed; nothing in the build defeats it (no timestamps in sources, no
# precompiled headers), so the sanitizer builds cache like the plain one.
# Paths below the checkout are hashed relative to it, so a second clone reuses what the first one
# compiled.
compiler_launcher=()
if command -v ccache >/dev/null 2>&1; then
    compiler_launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=true
fi

ctest_args=()

# Each check prints what breaks it, then a summary line; all three run even when one fails.
stage_checks()
{
    local status=0
    scripts/check-includes.sh || status=1
    scripts/check-function-length.sh || status=1
    scripts/check-format.sh || status=1
    scripts/check-shell.sh || status=1
    scripts/check-configure.sh || status=1
    return $status
}

stage_plain()
{
    local build=${LANTIR_BUILD_DIR:-build-ci}
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLANTIR_WERROR=ON "${compiler_launcher[@]}"
    cmake --build "$build" -j"$JOBS"
    ctest --test-dir "$build" --output-on-failure -j"$JOBS" --timeout 600 "${ctest_args[@]}"
}

# stage_sanitizer <preset>: configure, build and test one sanitizer preset (build-<preset>/).
stage_sanitizer()
{
    local preset=$1
    cmake --preset "$preset" "${compiler_launcher[@]}"
    cmake --build --preset "$preset" -j"$JOBS"
    ctest --preset "$preset" -j"$JOBS" --timeout "$SANITIZER_TEST_TIMEOUT" \
        --label-exclude "$SANITIZER_EXCLUDED_LABELS" "${ctest_args[@]}"
}

stage_asan() { stage_sanitizer asan; }
stage_tsan() { stage_sanitizer tsan; }

# Static analysis of src/ and a 30 s run of each fuzzer (docs/RELIABILITY.md); one summary line each.
stage_clang_tidy() { scripts/clang-tidy.sh; }
stage_fuzz() { tests/fuzz/run-fuzzers.sh 30; }

for arg in "$@"; do
    case $arg in
        --quick) STAGES=(checks plain) ;;
        *) ctest_args+=("$arg") ;;
    esac
done

scripts/setup-deps.sh

failed=()
summary=()
for stage in "${STAGES[@]}"; do
    echo "==== stage $stage"
    started=$SECONDS
    # A subshell of its own so that errexit stops the stage at its first failing command (it would
    # be ignored inside a function called as part of a || list), without stopping the script.
    set +e
    (set -e; "stage_$stage")
    status=$?
    set -e
    elapsed=$((SECONDS - started))
    if [[ $status -eq 0 ]]; then
        summary+=("$stage: passed in $((elapsed / 60)) min $((elapsed % 60)) s")
    else
        summary+=("$stage: FAILED (exit status $status) after $((elapsed / 60)) min $((elapsed % 60)) s")
        failed+=("$stage")
    fi
    echo "==== stage $stage: ${summary[-1]#*: }"
done

echo "==== stages"
printf '  %s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "FAILED stages: ${failed[*]}" >&2
    exit 1
fi
