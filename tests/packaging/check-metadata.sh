#!/usr/bin/env bash
# Validates the desktop integration files as the build configured them: the AppStream metainfo
# (appstreamcli), the desktop entry (desktop-file-validate) and the man pages (man/groff warnings).
# Checks whose tool is missing are reported and skipped, or fail under CI=true
# (tests/support/require-tool.sh); exit 77 (skipped) if none could run.
# Run by CTest as packaging_metadata; needs the environment PackagingTests.cmake sets.
set -euo pipefail
source "$(dirname "$0")/../support/require-tool.sh"

: "${LANTIR_PACKAGING_DIR:?run this through ctest}"
linux="$LANTIR_PACKAGING_DIR/linux"
ran=0
failed=0

check() { # check <what> <command...>
    local what=$1
    shift
    local out
    if out=$("$@" 2>&1); then
        echo "ok: $what"
        [[ -n "$out" ]] && sed 's/^/    /' <<<"$out"
    else
        echo "FAILED: $what"
        sed 's/^/    /' <<<"$out"
        failed=1
    fi
    ran=1
}

# Man pages: any warning from man/groff (bad macro, unknown escape, line too long to fill) fails.
if have_tool man && have_tool groff; then
    for page in "$linux"/man/*.1; do
        warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null || true)
        if [[ -n "$warnings" ]]; then
            echo "FAILED: man page $(basename "$page")"
            sed 's/^/    /' <<<"$warnings"
            failed=1
        else
            echo "ok: man page $(basename "$page")"
        fi
        ran=1
    done
fi

if [[ "${LANTIR_WITH_GUI:-0}" == 1 ]]; then
    if have_tool appstreamcli; then
        check "AppStream metainfo" appstreamcli validate --no-net --explain "$linux/$LANTIR_APPSTREAM_ID.metainfo.xml"
    fi
    if have_tool desktop-file-validate; then
        check "desktop entry $LANTIR_DESKTOP_FILE" desktop-file-validate "$LANTIR_DESKTOP_FILE"
        # desktop-file-validate prints hints without failing; hints are fine, errors are not.
    fi
else
    echo "skipped: metainfo and desktop entry (the desktop app is not built)"
fi

if [[ $lantir_missing_tool == 1 ]]; then
    exit 1
fi
if [[ $ran == 0 ]]; then
    echo "nothing could be checked"
    exit 77
fi
exit $failed
