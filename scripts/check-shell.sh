#!/bin/sh
# Every tracked shell script parses in the shell its first line names: a /bin/sh script is read by
# dash on Debian, so bash syntax in it (arrays, [[ ]]) fails there and nowhere else.
set -eu
cd "$(dirname "$0")/.."
status=0
count=0
for file in $(git ls-files '*.sh' '.ci/*'); do
    first=$(head -n 1 "$file")
    case "$first" in
        '#!/bin/sh'*) shell=dash ;;
        '#!/bin/bash'* | '#!/usr/bin/env bash'*) shell=bash ;;
        *) continue ;;
    esac
    count=$((count + 1))
    if ! "$shell" -n "$file"; then
        echo "check-shell: $file does not parse with $shell" >&2
        status=1
    fi
done
echo "check-shell: $count scripts parsed"
exit $status
