#!/usr/bin/env bash
# Renders every example into OUT: each template with its data, as DOCX, ODT and PDF.
# Usage: examples/render-all.sh path/to/shablon OUT
set -euo pipefail
bin=${1:-.build/debug/shablon}
out=${2:-out}
cd "$(dirname "$0")/.."
mkdir -p "$out"
pdf=yes
command -v soffice >/dev/null 2>&1 || { echo "LibreOffice не установлен: PDF пропущены"; pdf=no; }
# Quick start: one template in both formats.
for kind in docx odt; do
  "$bin" render examples/quickstart/events.$kind examples/quickstart/events.yaml -o "$out/quickstart-events.$kind"
  echo "$out/quickstart-events.$kind"
done
if [ $pdf = yes ]; then
  "$bin" render examples/quickstart/events.docx examples/quickstart/events.yaml -o "$out/quickstart-events.pdf"
  echo "$out/quickstart-events.pdf"
fi
# Further examples register themselves here (plans, specifications, analyses).
for script in examples/*/render.sh; do
  [ -f "$script" ] || continue
  bash "$script" "$bin" "$out" "$pdf"
done
