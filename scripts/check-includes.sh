#!/usr/bin/env bash
# Keeps includes running one way (docs/ARCHITECTURE.md): a part of src/core includes only the parts
# listed below it, nothing in src/core or src/dicom includes Qt Widgets or the desktop code, and the
# programs (src/cli, src/app) and the desktop library (src/gui) may include any core part.
# Prints every include that breaks the order and exits 1; exits 0 with one summary line when clean.
set -euo pipefail
cd "$(dirname "$0")/.."

# part: the parts it may include (itself always)
declare -A allowed=(
    [base]=""
    [platform]="base"
    [memory]="base platform"
    [worklist]="base"
    [config]="base platform worklist"
    [redcap]="base platform config"
    [mapping]="base worklist config"
    [store]="base platform worklist config"
    [sync]="base platform memory worklist config redcap mapping store"
)
widgets='^#include <(QtWidgets|QtCharts|QtSvg|QWidget|QApplication|QDialog|QMainWindow|QSystemTrayIcon|QMessageBox|QLabel|QPushButton|QLineEdit|QTableView|QAction|QMenu|QChart|QChartView)[>/]'

violations=0
report() { echo "$1"; violations=$((violations + 1)); }

checked=0
while IFS= read -r file; do
    checked=$((checked + 1))
    rel=${file#src/core/}
    part=${rel%%/*}
    if [[ $rel == "$part" || -z ${allowed[$part]+set} ]]; then
        report "$file: not in a known part of src/core (add its folder to scripts/check-includes.sh)"
        continue
    fi
    while IFS= read -r line; do
        [[ $line =~ ^([0-9]+):#include\ \"([^\"]+)\" ]] || continue
        number=${BASH_REMATCH[1]}
        target=${BASH_REMATCH[2]}
        dep=${target%%/*}
        if [[ $dep == "$target" ]]; then
            report "$file:$number: includes \"$target\" without its part's folder"
        elif [[ $dep != "$part" && " ${allowed[$part]} " != *" $dep "* ]]; then
            if [[ -n ${allowed[$dep]+set} ]]; then
                report "$file:$number: $part/ may not include $target ($dep/ is not below $part/)"
            else
                report "$file:$number: $part/ may not include $target (not a part of src/core)"
            fi
        fi
    done < <(grep -n '^#include "' "$file" || true)
done < <(find src/core -name '*.h' -o -name '*.cpp' | sort)

for dir in src/core src/dicom; do
    [[ -d $dir ]] || continue
    while IFS= read -r hit; do
        report "$hit: Qt Widgets in $dir (the desktop code lives in src/gui)"
    done < <(grep -rnE "$widgets" "$dir" || true)
done

if [[ $violations -gt 0 ]]; then
    echo "check-includes: $violations include(s) out of order in $checked core files" >&2
    exit 1
fi
echo "check-includes: $checked core files, includes in order"
