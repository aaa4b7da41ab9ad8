#!/usr/bin/env bash
# Converts flat-ODF template sources (src/NAME.fodt) into NAME.docx and NAME.odt beside src/, with
# LibreOffice, so that the built-in and example templates are documents as LibreOffice saves them.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
python3 scripts/gen-plan-template.py
python3 scripts/gen-spec-template.py
python3 scripts/gen-analysis-template.py
for src in templates/src/*.fodt examples/*/src/*.fodt; do
  [ -f "$src" ] || continue
  dest=$(dirname "$(dirname "$src")")
  for fmt in docx odt; do
    filter=$([ "$fmt" = docx ] && echo 'docx:MS Word 2007 XML' || echo odt)
    soffice -env:UserInstallation=file://$profile --headless --norestore --convert-to "$filter" --outdir "$dest" "$src" >/dev/null
  done
  echo "$src → $dest/$(basename "${src%.fodt}").{docx,odt}"
done
# Print variants (src/print/NAME-print.fodt → NAME-print.odt): the ODT a command prints its PDF from,
# with what only LibreOffice's own format can say (see scripts/gen-plan-template.py).
for src in templates/src/print/*.fodt; do
  [ -f "$src" ] || continue
  soffice -env:UserInstallation=file://$profile --headless --norestore --convert-to odt --outdir templates "$src" >/dev/null
  echo "$src → templates/$(basename "${src%.fodt}").odt"
done
python3 scripts/embed-templates.py
