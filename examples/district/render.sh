#!/usr/bin/env bash
# Renders the district's own plan template into OUT/district as DOCX, ODT and (with LibreOffice) PDF.
# Usage: examples/district/render.sh path/to/shablon OUT [yes|no]
set -euo pipefail
bin=$1; out=$2/district; pdf=${3:-yes}
dir=examples/district
mkdir -p "$out"
for kind in docx odt; do
  "$bin" render "$dir/district.$kind" "$dir/district.yaml" -o "$out/district.$kind"
done
[ "$pdf" = yes ] && "$bin" render "$dir/district.docx" "$dir/district.yaml" -o "$out/district.pdf"
echo "$out/district.{docx,odt$([ "$pdf" = yes ] && echo ,pdf)}"
