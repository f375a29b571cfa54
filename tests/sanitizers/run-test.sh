#!/bin/sh
# Runs one test of a sanitizer build (LANTIR_SANITIZE=address|thread) and fails it on any report.
#
#   run-test.sh REPORT_DIR COMMAND [ARG...]
#
# CTest sets ASAN_OPTIONS, LSAN_OPTIONS, UBSAN_OPTIONS and TSAN_OPTIONS for every test
# (tests/CMakeLists.txt), with log_path pointing into REPORT_DIR: each sanitized process, the test
# itself and every lantir-sync or simulator it starts, writes its reports to REPORT_DIR/report.<pid>
# instead of its standard error. So a report fails the test even when it comes from a child whose
# exit status the test does not look at (a killed lantir-sync, a simulator stopped with SIGTERM),
# and it never mixes with the output a test reads and checks.
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT_DIR COMMAND [ARG...]" >&2
    exit 2
fi
report_dir=$1
shift

rm -rf "$report_dir"
mkdir -p "$report_dir"
# World-writable (sticky): tst_databasefaults drops root privileges to uid 65534 and must still be
# able to write its report.
chmod 1777 "$report_dir"

"$@"
status=$?

reports=$(find "$report_dir" -type f -size +0 | sort)
if [ -n "$reports" ]; then
    for report in $reports; do
        echo "==== sanitizer report: $report" >&2
        cat "$report" >&2
    done
    echo "FAIL: sanitizer report(s) above (test exit status $status)" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
