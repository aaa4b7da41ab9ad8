#!/usr/bin/env bash
# Makes the district example's template and pictures from their sources (run by hand; the results are
# committed): draws emblem.png, facsimile.png and book-icon.png with python3, and converts the flat-ODF
# source district.fodt into district.docx and district.odt with LibreOffice, so that both are documents
# as LibreOffice saves them. Needs LibreOffice and python3 (make deps-test installs them).
# Usage: examples/district/build.sh
set -euo pipefail
cd "$(dirname "$0")"
for tool in soffice python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run make deps-test" >&2; exit 2; }
done
python3 draw-images.py .
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for filter in "docx:MS Word 2007 XML" odt; do
  soffice -env:UserInstallation="file://$profile" --headless --norestore --convert-to "$filter" --outdir . district.fodt >/dev/null 2>&1
done
echo "examples/district/district.{docx,odt}, emblem.png, facsimile.png, book-icon.png"
