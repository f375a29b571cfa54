#!/usr/bin/env bash
# No function in src/ longer than LANTIR_MAX_FUNCTION_LINES (120) lines, from its signature to its
# closing brace, as Universal Ctags measures it (lambdas count toward the function they are in).
# Prints every function over the limit and exits 1; exits 0 with one summary line when all fit.
set -euo pipefail
cd "$(dirname "$0")/.."

limit=${LANTIR_MAX_FUNCTION_LINES:-120}
ctags=$(command -v ctags-universal || command -v ctags || true)
if [[ -z "$ctags" ]] || ! "$ctags" --version 2>/dev/null | grep -q 'Universal Ctags'; then
    echo "check-function-length: Universal Ctags is not installed (scripts/setup-deps.sh, or apt-get install universal-ctags)" >&2
    exit 2
fi

mapfile -t files < <(find src -name '*.cpp' -o -name '*.h' | sort)
# One line per function: first line, last line, file, scope and name.
listing=$("$ctags" -x --_xformat='%n %{end} %F %{scope} %N' --kinds-C++=f --fields=+ne --language-force=C++ "${files[@]}")
over=$(awk -v limit="$limit" '$2 != "" && $2 - $1 + 1 > limit {
    scope = ($4 == "-" ? "" : $4 "::"); sub(/^[a-z]+:/, "", scope); gsub(/__anon[0-9a-f]+/, "(anonymous)", scope)
    printf "%s:%d: %s%s is %d lines (limit %d)\n", $3, $1, scope, $5, $2 - $1 + 1, limit }' <<<"$listing")
count=$(wc -l <<<"$listing")
if [[ -n "$over" ]]; then
    echo "$over"
    echo "check-function-length: $(wc -l <<<"$over") function(s) over $limit lines in src/" >&2
    exit 1
fi
echo "check-function-length: $count functions in src/, none over $limit lines"
