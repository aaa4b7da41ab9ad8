#!/usr/bin/env bash
# Makes the pictures of the built-in documents in docs/ (issue 13: what the methodist signs):
#
#   docs/img/specification-page1.png  page 1 of the «БИНОМ» specification of examples/orders;
#   docs/img/specification-totals.png the page with «Итого», the sum in words and both signatures;
#   docs/img/analysis-page1.png       page 1 of the example analysis (examples/analysis);
#   docs/img/analysis-plan.png        the page of the analysis with the last plan items and their marks.
#
# shablon (DOCX, as Word users get it) → PDF (LibreOffice, one run) → PNG (pdftoppm -r 60); pages are
# found by their text. Needs LibreOffice and poppler-utils (make deps-test installs them).
#
# Usage: scripts/make-document-pictures.sh      (uses .build/debug/shablon; SHABLON=… for another)
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

"$bin" spec examples/orders/order.csv --contracts examples/orders/contracts.yaml -o "$work/spec" >/dev/null
cp "$work/spec/Спецификация — ООО «БИНОМ. Лаборатория знаний».docx" "$work/specification.docx"
"$bin" analysis examples/analysis/analysis.yaml -o "$work/analysis.docx"
soffice -env:UserInstallation="file://$work/profile" --headless --norestore --convert-to pdf --outdir "$work" \
  "$work/specification.docx" "$work/analysis.docx" >/dev/null 2>&1

# the first page of $1 whose text holds $2
page_with() {
  local pages n
  pages=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
  for n in $(seq 1 "$pages"); do
    if pdftotext -f "$n" -l "$n" "$1" - | tr '\n' ' ' | grep -q -- "$2"; then echo "$n"; return; fi
  done
  echo "no page of $1 holds «$2»" >&2; exit 1
}
shot() {  # PDF page name
  pdftoppm -f "$2" -l "$2" -r 60 -png -singlefile "$1" "$img/$3"
  echo "$img/$3.png (page $2)"
}
shot "$work/specification.pdf" 1 specification-page1
shot "$work/specification.pdf" "$(page_with "$work/specification.pdf" "Общая стоимость")" specification-totals
shot "$work/analysis.pdf" 1 analysis-page1
shot "$work/analysis.pdf" "$(page_with "$work/analysis.pdf" "Планирование работы на 2026/27")" analysis-plan
