#!/usr/bin/env bash
# Every C++ file the project tracks (src/, tests/, bench/) formatted as .clang-format says.
# Prints the files that differ and exits 1; `scripts/check-format.sh --fix` formats them in place.
set -euo pipefail
cd "$(dirname "$0")/.."

format=$(command -v clang-format || command -v clang-format-14 || true)
if [[ -z "$format" ]]; then
    echo "check-format: clang-format is not installed (scripts/setup-deps.sh, or apt-get install clang-format)" >&2
    exit 2
fi
mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h')
if [[ "${1:-}" == "--fix" ]]; then
    "$format" -i "${files[@]}"
    exit 0
fi
differ=()
for f in "${files[@]}"; do
    "$format" --dry-run -Werror "$f" >/dev/null 2>&1 || differ+=("$f")
done
if [[ ${#differ[@]} -gt 0 ]]; then
    printf '%s\n' "${differ[@]}"
    echo "check-format: ${#differ[@]} of ${#files[@]} files differ from .clang-format (scripts/check-format.sh --fix)" >&2
    exit 1
fi
echo "check-format: ${#files[@]} files formatted as .clang-format says"
