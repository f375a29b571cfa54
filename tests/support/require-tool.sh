# Sourced by the shell tests (tests/packaging, tests/memcheck): what to do when a program a test
# needs is missing. scripts/setup-deps.sh installs every one of them, so under CI=true a missing tool
# fails the test (a CI run that quietly skips proves nothing); elsewhere the test is skipped
# (exit 77, CTest's SKIP_RETURN_CODE), saying what to install. The C++ suites do the same through
# LANTIR_REQUIRE_TOOL (tests/support/TestEnvironment.h).

lantir_is_ci() {
    case "${CI:-}" in
    true | TRUE | True | 1 | yes) return 0 ;;
    *) return 1 ;;
    esac
}

# require_tool <program>: returns if it is on PATH, else ends the test (exit 1 under CI, else 77).
require_tool() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if lantir_is_ci; then
        echo "FAILED: $1 is not installed, and this test needs it: run scripts/setup-deps.sh (CI=true: a missing tool fails the test)" >&2
        exit 1
    fi
    echo "skipped: $1 is not installed, and this test needs it: run scripts/setup-deps.sh" >&2
    exit 77
}

# have_tool <program>: for a check among several: true if it is on PATH; when it is not, says so
# and, under CI, sets lantir_missing_tool=1 for the script to fail at its end.
lantir_missing_tool=0
have_tool() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if lantir_is_ci; then
        echo "FAILED: $1 is not installed: run scripts/setup-deps.sh (CI=true: a missing tool fails the test)"
        lantir_missing_tool=1
    else
        echo "skipped: $1 is not installed: run scripts/setup-deps.sh"
    fi
    return 1
}
