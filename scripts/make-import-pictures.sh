#!/usr/bin/env bash
# Makes the pictures of docs/import.md: the first page of a plan typed in Word
# (Tests/ImportFixtures/ponomarevsky-2023-2024-word.docx, as LibreOffice prints it) and the first page of
# the plan `shablon import` + `shablon plan` make of it, at 60 dpi.
# Needs LibreOffice and poppler-utils (make deps-test installs them).
# Usage: scripts/make-import-pictures.sh            (uses .build/debug/shablon)
#        SHABLON=path/to/shablon scripts/make-import-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SHABLON:-.build/debug/shablon}
[ -x "$bin" ] || { echo "no $bin: run swift build first (or set SHABLON=path/to/shablon)" >&2; exit 2; }
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run make deps-test" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
doc=Tests/ImportFixtures/ponomarevsky-2023-2024-word.docx
cp "$doc" "$work/before.docx"
soffice -env:UserInstallation="file://$work/profile" --headless --norestore --convert-to pdf --outdir "$work" "$work/before.docx" >/dev/null 2>&1
"$bin" import "$doc" -o "$work/plan.yaml" 2>/dev/null
"$bin" plan "$work/plan.yaml" -o "$work/after.pdf"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/before.pdf" docs/img/import-1-before
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/after.pdf" docs/img/import-2-after
echo docs/img/import-1-before.png docs/img/import-2-after.png
