#!/usr/bin/env bash
# Renders the specifications of the example order into OUT/orders: DOCX from the Windows-1251 CSV,
# ODT from the XLSX that LibreOffice saved from it (the same specifications), DOCX from the
# «Книгозаказ»-like export read through its column map, PDF with LibreOffice.
# Usage: examples/orders/render.sh path/to/shablon OUT [yes|no]
set -euo pipefail
bin=$1; out=$2/orders; pdf=${3:-yes}
mkdir -p "$out"
dir=examples/orders
"$bin" spec "$dir/order.csv" --contracts "$dir/contracts.yaml" -o "$out/docx" --to docx >/dev/null
echo "$out/docx/ (из order.csv)"
"$bin" spec "$dir/order.xlsx" --contracts "$dir/contracts.yaml" -o "$out/odt" --to odt
echo "$out/odt/ (из order.xlsx)"
"$bin" spec "$dir/knigozakaz.xlsx" --columns "$dir/knigozakaz.yaml" --contracts "$dir/contracts.yaml" -o "$out/knigozakaz" >/dev/null
echo "$out/knigozakaz/ (из knigozakaz.xlsx по карте столбцов knigozakaz.yaml)"
if [ "$pdf" = yes ]; then
  "$bin" spec "$dir/order.csv" --contracts "$dir/contracts.yaml" -o "$out/pdf" --to pdf >/dev/null
  echo "$out/pdf/"
fi
