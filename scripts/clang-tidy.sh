#!/usr/bin/env bash
# Runs clang-tidy (checks in .clang-tidy) over Lantir's own sources: every .cpp in src/core, src/dicom,
# src/cli, src/gui and src/app that the build compiles. Exits 1 on any finding (or a file that
# does not parse), 0 when clean, 2 when it cannot run; the last line is a one-line summary.
#
#   scripts/clang-tidy.sh                          # all sources, -j$(nproc)
#   scripts/clang-tidy.sh -j 1 src/core/sync/SyncEngine.cpp   # some files only
#   BUILD=build-ci scripts/clang-tidy.sh           # use (and configure if needed) another build dir
#
# The compile commands come from a build directory of its own (build-tidy/, configured with clang++
# when it is installed, the GUI on, tests off); only the generated headers (moc, uic, the version
# header) are built there, never the programs. Generated files are not checked (HeaderFilterRegex
# in .clang-tidy matches only headers directly in src/<dir>/).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

jobs=${JOBS:-$(nproc)}
if [[ "${1:-}" == "-j" ]]; then
    jobs=$2
    shift 2
elif [[ "${1:-}" == -j* ]]; then
    jobs=${1#-j}
    shift
fi
build=${BUILD:-build-tidy}
tidy=${CLANG_TIDY:-$(command -v clang-tidy || command -v clang-tidy-14 || true)}
if [[ -z "$tidy" ]]; then
    echo "clang-tidy is not installed (Debian/Ubuntu: scripts/setup-deps.sh, or apt-get install clang-tidy)" >&2
    exit 2
fi
start=$(date +%s)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Compile commands and the generated headers the sources include.
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    compiler=()
    if command -v clang++ >/dev/null 2>&1; then
        compiler=(-DCMAKE_CXX_COMPILER=clang++)
    fi
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLANTIR_WERROR=ON -DLANTIR_BUILD_GUI=ON \
        -DLANTIR_BUILD_TESTS=OFF "${compiler[@]}" >"$out/configure.log" 2>&1 \
        || { cat "$out/configure.log" >&2; echo "clang-tidy: could not configure $build" >&2; exit 2; }
fi
cmake -S . -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
# moc and uic output (ui_*.h) for each target, without building the libraries the targets link:
# CMake 3.25's <target>_autogen targets depend on those, so the step each one runs is run directly.
config=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
while IFS= read -r info; do
    (cd "$(dirname "$(dirname "$(dirname "$info")")")" && cmake -E cmake_autogen "$info" "${config:-Debug}") \
        || { echo "clang-tidy: could not run moc/uic ($info)" >&2; exit 2; }
done < <(find "$root/$build/src" -path '*/CMakeFiles/*_autogen.dir/AutogenInfo.json')
commands="$build/compile_commands.json"

if [[ "$#" -gt 0 ]]; then
    files=("$@")
else
    mapfile -t files < <(find src/core src/dicom src/cli src/gui src/app -name '*.cpp' | sort)
fi
# Only files the build compiles (the platform files of other systems are not).
compiled=()
for f in "${files[@]}"; do
    if grep -qF "\"file\": \"$root/$f\"" "$commands"; then
        compiled+=("$f")
    elif [[ "$#" -gt 0 ]]; then
        echo "clang-tidy: $f is not in $commands" >&2
        exit 2
    fi
done

# One output file per source, so parallel runs do not interleave; a file's exit status is kept too.
export tidy build out
printf '%s\n' "${compiled[@]}" | xargs -P "$jobs" -I{} sh -c '
    name=$(printf "%s" "$1" | tr / _)
    "$tidy" -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option "$1" >"$out/$name.txt" 2>"$out/$name.err"
    echo $? >"$out/$name.rc"' sh {}

findings=0
failed=0
for f in "${compiled[@]}"; do
    name=$(printf '%s' "$f" | tr / _)
    n=$(grep -cE '^[^ ].*:[0-9]+:[0-9]+: (warning|error): ' "$out/$name.txt" || true)
    rc=$(cat "$out/$name.rc")
    if [[ "$n" -gt 0 || "$rc" != 0 ]]; then
        cat "$out/$name.txt"
        if [[ "$n" -eq 0 ]]; then
            # No diagnostic but a failure: say why (e.g. a missing header).
            grep -v -E '^[0-9]+ (warning|error)s? generated|^Suppressed [0-9]+ warnings|^Use -header-filter' \
                "$out/$name.err" >&2 || true
            failed=$((failed + 1))
        fi
        findings=$((findings + n))
    fi
done

seconds=$(($(date +%s) - start))
if [[ "$findings" -gt 0 || "$failed" -gt 0 ]]; then
    echo "clang-tidy: FAILED: $findings finding(s), $failed file(s) not checked, ${#compiled[@]} files, ${seconds} s (-j$jobs)"
    exit 1
fi
echo "clang-tidy: clean: ${#compiled[@]} files, 0 findings, ${seconds} s (-j$jobs)"
