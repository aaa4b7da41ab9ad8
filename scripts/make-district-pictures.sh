#!/usr/bin/env bash
# Makes the pictures of the district example in docs/customizing.md («Свой вид документа района»):
#
#   docs/img/district-1-first-page.png  page 1: the emblem in the header, the stamp with the facsimile;
#   docs/img/district-2-columns.png     the table whose class columns a column loop repeats;
#   docs/img/district-3-meeting.png     the second meeting on its own page, its agenda numbered from 1;
#   docs/img/district-4-images.png      the first page of the 50 schools, each row with the same icon.
#
# examples/district/district.docx filled by shablon render → PDF (LibreOffice) → PNG (pdftoppm -r 60);
# the pages are found by their text. Needs LibreOffice and poppler-utils (make deps-test installs them).
#
# Usage: scripts/make-district-pictures.sh            (uses .build/debug/shablon)
#        SHABLON=.build-docs/debug/shablon scripts/make-district-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SHABLON:-.build/debug/shablon}
[ -x "$bin" ] || { echo "no $bin: run swift build first (or set SHABLON=path/to/shablon)" >&2; exit 2; }
for tool in soffice pdftoppm pdftotext pdfinfo; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run make deps-test" >&2; exit 2; }
done
img=docs/img
mkdir -p "$img"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" render examples/district/district.docx examples/district/district.yaml -o "$work/district.docx"
soffice -env:UserInstallation="file://$work/profile" --headless --norestore --convert-to pdf --outdir "$work" "$work/district.docx" >/dev/null 2>&1
pdf=$work/district.pdf
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
# the first page whose text holds $1
page() {
  for ((n = 1; n <= pages; n++)); do
    if pdftotext -f "$n" -l "$n" -enc UTF-8 "$pdf" - | grep -qF "$1"; then echo "$n"; return; fi
  done
  echo "no page holds «$1»" >&2; exit 1
}
picture() { pdftoppm -png -r 60 -f "$1" -l "$1" -singlefile "$pdf" "$img/${2%.png}"; }

picture 1 district-1-first-page.png
picture "$(page 'Классы')" district-2-columns.png
picture "$(page 'Заседание № 2')" district-3-meeting.png
picture "$(page 'участники РМО')" district-4-images.png

for f in "$img"/district-*.png; do
  size=$(wc -c <"$f")
  [ "$size" -lt 153600 ] || { echo "$f is $size bytes (over 150 KB)" >&2; exit 1; }
  echo "$f ($size bytes)"
done
