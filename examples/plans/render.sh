#!/usr/bin/env bash
# Renders the five seed plans into OUT/plans as DOCX, ODT and (with LibreOffice) PDF.
# Usage: examples/plans/render.sh path/to/shablon OUT [yes|no]
set -euo pipefail
bin=$1; out=$2/plans; pdf=${3:-yes}
mkdir -p "$out"
for data in examples/plans/*.yaml; do
  name=$(basename "$data" .yaml)
  for kind in docx odt; do
    "$bin" plan "$data" -o "$out/$name.$kind"
  done
  [ "$pdf" = yes ] && "$bin" plan "$data" -o "$out/$name.pdf"
  echo "$out/$name.{docx,odt$([ "$pdf" = yes ] && echo ,pdf)}"
done
