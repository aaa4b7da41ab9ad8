#!/usr/bin/env bash
# Renders the example analysis into OUT/analysis as DOCX, ODT and (with LibreOffice) PDF, and every
# school's year report with `shablon batch`: over the schools' data the analysis writes
# (--schools-data: the statistics table with the derived figures) and, as DOCX, straight over the
# statistics table itself.
# Usage: examples/analysis/render.sh path/to/shablon OUT [yes|no]
set -euo pipefail
bin=$1; out=$2/analysis; pdf=${3:-yes}
dir=examples/analysis
mkdir -p "$out"
"$bin" analysis "$dir/analysis.yaml" -o "$out/analysis.docx" --schools-data "$out/schools.json"
"$bin" analysis "$dir/analysis.yaml" -o "$out/analysis.odt"
[ "$pdf" = yes ] && "$bin" analysis "$dir/analysis.yaml" -o "$out/analysis.pdf"
echo "$out/analysis.{docx,odt$([ "$pdf" = yes ] && echo ,pdf)}"
"$bin" batch templates/school-report.docx "$out/schools.json" --name "{{школа}}" -o "$out/schools"
echo "$out/schools/ (отчёты школ, из $out/schools.json)"
"$bin" batch templates/school-report.odt "$dir/statistics.csv" --name "{{школа}}" -o "$out/schools-from-table"
echo "$out/schools-from-table/ (отчёты школ прямо из statistics.csv)"
if [ "$pdf" = yes ]; then
  "$bin" batch templates/school-report.docx "$out/schools.json" --name "{{школа}}" -o "$out/schools-pdf" --to pdf
  echo "$out/schools-pdf/"
fi
