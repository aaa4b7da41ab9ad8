#!/usr/bin/env bash
# Makes docs/plan-first-page.png, the README's picture: the first page of examples/plans/serpukhov-2024-2025.yaml
# as `shablon plan … -o plan.pdf` prints it (the built-in DOCX template through LibreOffice), at 70 dpi.
# Needs LibreOffice and poppler-utils (make deps-test installs them).
# Usage: scripts/make-plan-picture.sh            (uses .build/debug/shablon)
#        SHABLON=path/to/shablon scripts/make-plan-picture.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SHABLON:-.build/debug/shablon}
[ -x "$bin" ] || { echo "no $bin: run swift build first (or set SHABLON=path/to/shablon)" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm is missing: run make deps-test" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" plan examples/plans/serpukhov-2024-2025.yaml -o "$work/plan.pdf"
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/plan.pdf" docs/plan-first-page
echo docs/plan-first-page.png
