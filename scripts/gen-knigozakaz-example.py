#!/usr/bin/env python3
"""Writes examples/orders/knigozakaz.xlsx: the example order (examples/orders/order.csv) laid out the way
district systems export an order — the layout of an «АИС «Книгозаказ»»-style export as districts
describe it (the column titles are made up for the example, not copied from a real export):

- three title rows above the header (the order's name, the district, the date it was formed), merged
  across the sheet;
- a header over two rows with merged cells: «№», «Образовательная организация», «Год издания»,
  «Заказ, экз.», «Примечание» span both rows; «Учебник» stands over «Код ФПУ», «Авторы», «Название»,
  «Класс», «Издатель»; «Цена, руб.» over «за 1 экз.» and «всего»;
- a row numbering the columns (1, 2, 3 …) under the header;
- ФПУ codes of the current list's seven levels (the example's six-level number with «.1» added:
  1.1.2.1.1.1 → 1.1.2.1.1.1.1), class ranges «10-11», prices as text with a decimal comma and spaces
  between thousands (some of them no-break spaces), as the system writes them;
- a totals row «Итого» at the bottom.

The workbook is written as flat ODF and converted by LibreOffice Calc (soffice must be installed):
    python3 scripts/gen-knigozakaz-example.py
examples/orders/knigozakaz.yaml is the column map that reads it.
"""
import csv
import io
import os
import shutil
import subprocess
import tempfile
from decimal import Decimal
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ORDERS = os.path.join(HERE, "..", "examples", "orders")


def read_order():
    with open(os.path.join(ORDERS, "order.csv"), "rb") as f:
        text = f.read().decode("cp1251")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    lines = []
    for r in rows[2:]:
        if not r or not r[2]:
            continue  # the totals row
        _, school, fpu, authors, title, cls, publisher, year, qty, price, _ = r
        lines.append((school, fpu, authors, title, cls, publisher, int(year), int(qty),
                      Decimal(price.replace("\u00a0", "").replace(" ", "").replace(",", "."))))
    return lines


def ru(d, sep):
    whole, frac = f"{d:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sep.join(groups) + "," + frac


def text(s, span=None, rows=None, style="Data"):
    attrs = f' table:style-name="{style}"'
    if span:
        attrs += f' table:number-columns-spanned="{span}"'
    if rows:
        attrs += f' table:number-rows-spanned="{rows}"'
    if span and not rows:
        attrs += ' table:number-rows-spanned="1"'
    if rows and not span:
        attrs += ' table:number-columns-spanned="1"'
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(s)}</text:p></table:table-cell>'


def number(n, style="Data"):
    return f'<table:table-cell table:style-name="{style}" office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>'


COVERED = "<table:covered-table-cell/>"
EMPTY = '<table:table-cell table:style-name="Data"/>'
COLUMNS = 12


def row(cells):
    return "<table:table-row>" + "".join(cells) + "</table:table-row>\n"


def main():
    lines = read_order()
    body = []
    body.append(row([text("Сводная заявка на учебники на 2025/2026 учебный год", span=COLUMNS, style="Title")] + [COVERED] * (COLUMNS - 1)))
    body.append(row([text("Муниципальное образование: Белоярский район", span=COLUMNS, style="Plain")] + [COVERED] * (COLUMNS - 1)))
    body.append(row([text("Дата формирования: 14.02.2025 10:32", span=COLUMNS, style="Plain")] + [COVERED] * (COLUMNS - 1)))
    h = "Head"
    body.append(row([text("№", rows=2, style=h), text("Образовательная организация", rows=2, style=h),
                     text("Учебник", span=5, style=h), COVERED, COVERED, COVERED, COVERED,
                     text("Год издания", rows=2, style=h), text("Заказ, экз.", rows=2, style=h),
                     text("Цена, руб.", span=2, style=h), COVERED, text("Примечание", rows=2, style=h)]))
    body.append(row([COVERED, COVERED, text("Код ФПУ", style=h), text("Авторы", style=h), text("Название", style=h),
                     text("Класс", style=h), text("Издатель", style=h), COVERED, COVERED,
                     text("за 1 экз.", style=h), text("всего", style=h), COVERED]))
    body.append(row([number(i, style=h) for i in range(1, COLUMNS + 1)]))
    copies = 0
    total = Decimal(0)
    for n, (school, fpu, authors, title, cls, publisher, year, qty, price) in enumerate(lines, 1):
        s = price * qty
        copies += qty
        total += s
        # The system writes money as text; some cells group thousands with a no-break space.
        sep = "\u00a0" if n % 3 == 0 else " "
        body.append(row([number(n), text(school), text(fpu + ".1"), text(authors), text(title), text(cls), text(publisher),
                         number(year), number(qty), text(ru(price, sep)), text(ru(s, sep)), EMPTY]))
    body.append(row([EMPTY, text("Итого", style="Head"), EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, number(copies, style="Head"),
                     EMPTY, text(ru(total, " "), style="Head"), EMPTY]))
    widths = ["0.9cm", "6cm", "2.6cm", "5cm", "7cm", "1.4cm", "5cm", "1.6cm", "1.6cm", "2.2cm", "2.6cm", "3cm"]
    cols = "".join(f'<table:table-column table:style-name="co{i}"/>' for i in range(len(widths)))
    colstyles = "".join(
        f'<style:style style:name="co{i}" style:family="table-column"><style:table-column-properties style:column-width="{w}"/></style:style>'
        for i, w in enumerate(widths))
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>{colstyles}
<style:style style:name="Title" style:family="table-cell"><style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style>
<style:style style:name="Plain" style:family="table-cell"/>
<style:style style:name="Head" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:wrap-option="wrap" style:vertical-align="middle"/><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Data" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:wrap-option="wrap"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="Заявка">{cols}
{''.join(body)}</table:table></office:spreadsheet></office:body></office:document>
"""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "knigozakaz.fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(doc)
        profile = "file://" + os.path.join(tmp, "profile")
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                        "--outdir", tmp, src], check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "knigozakaz.xlsx"), os.path.join(ORDERS, "knigozakaz.xlsx"))
    print(f"examples/orders/knigozakaz.xlsx: {len(lines)} lines, {copies} copies, {ru(total, ' ')} руб.")


if __name__ == "__main__":
    main()
