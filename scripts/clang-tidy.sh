#!/usr/bin/env bash
# Runs clang-tidy (checks in .clang-tidy) over every .cpp in src/ with the compile commands of a
# configured build. Exits 1 when it reports anything.
#
#   scripts/clang-tidy.sh                 # uses build/compile_commands.json
#   BUILD=build-ci JOBS=2 scripts/clang-tidy.sh src/core/SyncEngine.cpp   # some files only
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
jobs=${JOBS:-2}
tidy=${CLANG_TIDY:-$(command -v clang-tidy || command -v clang-tidy-14 || true)}
if [ -z "$tidy" ]; then
    echo "clang-tidy is not installed (Debian/Ubuntu: apt-get install clang-tidy)" >&2
    exit 2
fi
if [ ! -f "$build/compile_commands.json" ]; then
    echo "$build/compile_commands.json is missing: configure first (cmake -S . -B $build -G Ninja)" >&2
    exit 2
fi
# Generated headers (moc, version) must exist for the sources to parse.
cmake --build "$build" --target lantir_core_autogen >/dev/null 2>&1 || true

if [ "$#" -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(find src -name '*.cpp' ! -name '*_win.cpp' ! -name '*_mac.cpp' | sort)
fi
# Only files the build compiles (platform files for other systems are skipped).
compiled=()
for f in "${files[@]}"; do
    if grep -q "\"file\": \"$(pwd)/$f\"" "$build/compile_commands.json" || grep -q "/$f\"" "$build/compile_commands.json"; then
        compiled+=("$f")
    fi
done

out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%s\n' "${compiled[@]}" | xargs -P "$jobs" -n 1 "$tidy" -p "$build" --quiet \
    --extra-arg=-Wno-unknown-warning-option 2>/dev/null >"$out" || true
if grep -qE '(warning|error): ' "$out"; then
    grep -E -A3 '(warning|error): ' "$out"
    echo "clang-tidy: $(grep -cE '(warning|error): ' "$out") finding(s) in ${#compiled[@]} files" >&2
    exit 1
fi
echo "clang-tidy: ${#compiled[@]} files clean"
