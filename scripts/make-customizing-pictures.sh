#!/usr/bin/env bash
# Makes the pictures of docs/customizing.md: a district's own plan template, step by step.
#
#   1. docs/img/customizing-1-export.png   the exported built-in template (page 1, with its tags);
#   2. docs/img/customizing-2-edited.png   the same after a district's edits (page 1);
#   3. docs/img/customizing-3-result.png   the filled district plan, page 1;
#   4. docs/img/customizing-4-result-end.png  its last page (the moved signature);
#   and docs/img/customizing-emblem.png, the emblem the edit inserts (drawn here, no image tools needed).
# Then scripts/make-district-pictures.sh makes docs/img/district-*.png (the district example's pages).
#
# The edit is what a person does in LibreOffice, done on the flat-ODF file LibreOffice itself writes:
# export → .fodt (LibreOffice) → change the text → .docx and .odt (LibreOffice) → shablon plan → PDF →
# PNG (pdftoppm -r 60). Needs LibreOffice, poppler-utils and python3 (make deps-test installs them).
#
# Usage: scripts/make-customizing-pictures.sh            (uses .build/debug/shablon)
#        SHABLON=.build-docs/debug/shablon scripts/make-customizing-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SHABLON:-.build/debug/shablon}
[ -x "$bin" ] || { echo "no $bin: run swift build first (or set SHABLON=path/to/shablon)" >&2; exit 2; }
for tool in soffice pdftoppm python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run make deps-test" >&2; exit 2; }
done
img=docs/img
mkdir -p "$img"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
office() { soffice -env:UserInstallation="file://$work/profile" --headless --norestore "$@" >/dev/null 2>&1; }
# page N of a PDF as a PNG at 60 dpi
picture() { pdftoppm -png -r 60 -f "$2" -l "$2" -singlefile "$1" "${3%.png}"; }

# The emblem: a shield with an open book and a star, 240 × 288 px (at 96 px/in: 6,35 × 7,62 cm).
python3 - "$img/customizing-emblem.png" <<'PY'
import struct, sys, zlib
W, H, S = 240, 288, 3          # size and supersampling
def poly(pts, x, y):
    inside = False
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside
def shield(x, y, k=1.0):        # k < 1: the same shape shrunk around its centre
    x, y = 0.5 + (x - 0.5) / k, 0.5 + (y - 0.5) / k
    if y < 0.03 or y > 0.98: return False
    if y <= 0.58: return 0.06 <= x <= 0.94
    half = 0.44 * max(0.0, 1 - ((y - 0.58) / 0.40) ** 2) ** 0.5
    return abs(x - 0.5) <= half
import math
star = [(0.5 + (0.12 if i % 2 == 0 else 0.05) * math.sin(i * math.pi / 5),
         0.25 - (0.12 if i % 2 == 0 else 0.05) * math.cos(i * math.pi / 5) * 1 / 1.2) for i in range(10)]
left = [(0.20, 0.45), (0.49, 0.50), (0.49, 0.78), (0.20, 0.73)]
right = [(1 - x, y) for x, y in left]
def colour(x, y):
    if not shield(x, y): return None
    if not shield(x, y, 0.90): return (212, 160, 23)          # gold rim
    if poly(star, x, y): return (240, 190, 40)                # star
    if poly(left, x, y) or poly(right, x, y):
        return (40, 40, 40) if abs(x - 0.5) < 0.008 else (255, 255, 255)  # book and its spine
    return (24, 70, 150) if y < 0.62 else (30, 120, 60)       # blue over green
rows = []
for j in range(H):
    row = bytearray([0])
    for i in range(W):
        r = g = b = a = 0
        for sj in range(S):
            for si in range(S):
                c = colour((i + (si + 0.5) / S) / W, (j + (sj + 0.5) / S) / H)
                if c: r += c[0]; g += c[1]; b += c[2]; a += 1
        row += bytes([r // a, g // a, b // a, 255 * a // (S * S)]) if a else bytes(4)
    rows.append(bytes(row))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

# 1. The built-in template, exported as the guide says, and how it looks.
"$bin" templates export plan -o "$work/план-район.docx" 2>/dev/null
"$bin" templates export plan -o "$work/export.odt" 2>/dev/null
office --convert-to pdf --outdir "$work" "$work/план-район.docx"
picture "$work/план-район.pdf" 1 "$img/customizing-1-export.png"

# 2. The district's edits, on the text LibreOffice saves.
office --convert-to fodt --outdir "$work" "$work/export.odt"
python3 - "$work/export.fodt" "$work/district.fodt" "$img/customizing-emblem.png" <<'PY'
import base64, re, sys
src, dst, emblem = sys.argv[1:4]
x = open(src, encoding="utf-8").read()
def once(old, new):
    global x
    assert x.count(old) == 1, old
    x = x.replace(old, new)
# The district's name in the first page's header.
once('<style:header-first>\n    <text:p text:style-name="Header"/>',
     '<style:header-first>\n    <text:p text:style-name="Header">Отдел образования администрации Пономарёвского района</text:p>')
# The emblem, a picture inserted above everything (Вставка → Изображение), 2 cm wide.
png = base64.b64encode(open(emblem, "rb").read()).decode()
once('<text:p text:style-name="Hidden">{{#if шапка}}</text:p>',
     '<text:p text:style-name="Title"><draw:frame draw:name="Герб" text:anchor-type="as-char" svg:width="2cm" svg:height="2.4cm">'
     f'<draw:image draw:mime-type="image/png"><office:binary-data>{png}</office:binary-data></draw:image></draw:frame></text:p>\n'
     '   <text:p text:style-name="Hidden">{{#if шапка}}</text:p>')
# The title in the district's own words (the year stays a tag).
once('<text:p text:style-name="Hidden">{{#each заголовок}}</text:p>\n   <text:p text:style-name="Title">{{this}}</text:p>\n'
     '   <text:p text:style-name="Hidden">{{/each}}</text:p>',
     '<text:p text:style-name="Title">ПЛАН РАБОТЫ</text:p>\n'
     '   <text:p text:style-name="Title">районного методического объединения школьных библиотекарей</text:p>\n'
     '   <text:p text:style-name="Title">Пономарёвского района на {{учебный_год}} учебный год</text:p>')
# A column title typed instead of its tag, in the table for №, events, dates, responsible (вид_нмсо).
table = x.index('{{#if таблица.вид_нмсо}}')
at = x.index('{{таблица.шапка.сроки}}', table)
x = x[:at] + 'Сроки и место проведения' + x[at + len('{{таблица.шапка.сроки}}'):]
# The signatures above the notes: in the closing table, the row of {{#each примечания}} moved under the
# row of {{#each подписи}} (cut the row, paste it below).
rows = re.search(r'(    <table:table-row [^>]*>\n(?:(?!</table:table-row>).)*\{\{#each примечания\}\}.*?</table:table-row>\n)'
                 r'(    <table:table-row [^>]*>\n(?:(?!</table:table-row>).)*\{\{#each подписи\}\}.*?</table:table-row>\n)', x, re.S)
x = x[:rows.start()] + rows.group(2) + rows.group(1) + x[rows.end():]
open(dst, "w", encoding="utf-8").write(x)
PY
office --convert-to "docx:MS Word 2007 XML" --outdir "$work" "$work/district.fodt"
office --convert-to odt --outdir "$work" "$work/district.fodt"
mv "$work/district.docx" "$work/план-район.docx"
mv "$work/district.odt" "$work/план-район.odt"
"$bin" check "$work/план-район.docx"
"$bin" check "$work/план-район.odt"
office --convert-to pdf --outdir "$work" "$work/план-район.docx"
picture "$work/план-район.pdf" 1 "$img/customizing-2-edited.png"

# 3. The district's plan: a seed plan with a signature and a note added.
cp examples/plans/ponomarevsky-2023-2024.yaml "$work/данные.yaml"
cat >>"$work/данные.yaml" <<'YAML'

подписи:
  - должность: Руководитель РМО
    фио: Мустафина О.Р.
примечания:
  - План может уточняться и дополняться в течение учебного года.
YAML
"$bin" plan "$work/данные.yaml" -o "$work/план.odt" --template "$work/план-район.odt"
"$bin" plan "$work/данные.yaml" -o "$work/план.pdf" --template "$work/план-район.docx"
pages=$(pdfinfo "$work/план.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
picture "$work/план.pdf" 1 "$img/customizing-3-result.png"
picture "$work/план.pdf" "${pages:-2}" "$img/customizing-4-result-end.png"

for f in "$img"/customizing-*.png; do
  size=$(wc -c <"$f")
  [ "$size" -lt 153600 ] || { echo "$f is $size bytes (over 150 KB)" >&2; exit 1; }
  echo "$f ($size bytes)"
done

# The district example: a template of its own (examples/district), rendered page by page.
SHABLON="$bin" bash scripts/make-district-pictures.sh
