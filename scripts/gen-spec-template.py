#!/usr/bin/env python3
"""Writes templates/src/specification.fodt: the built-in contract specification template, in Shablon's
own template language (data fields: docs/specification.md).

Landscape A4: «Приложение № 1 к муниципальному контракту от … № …» upper right, the title, the
12-column table with «Итого» and «в том числе НДС» rows, the total in words, both parties' signature
blocks side by side with «М.П.», and on a new page the distribution by school (разнарядка).
`make templates` turns the result into templates/specification.docx and .odt with LibreOffice.

Page layout (issue 13, «signable as it comes out»): rows never split across pages and the header row
repeats; «Итого» and the VAT line are one row, and that row, the sum in words and both signatures are
one unsplittable row of a borderless table, so the totals block stands on one page. Column widths come
from the longest unbreakable units of real orders at 12 pt (Liberation Serif, the metrics of Times New
Roman) plus the cells' padding (0.1 cm a side): «МНЕМОЗИНА»» (2.96 cm) sets the publisher's column (a
name with a slash may break after it), «Ладыженская\u00a0Т.А.,» (3.45 cm) the authors', «1.1.1.1.1.10»
the ФПУ number's, «издания» (bold) the year's; nothing is hyphenated.
"""
import os

TEXT_WIDTH = 26.7  # A4 landscape 29.7 cm − 2 cm left − 1 cm right

# The specification table: header, template field, width in cm, alignment (L, C, R).
COLUMNS = [
    ("№ п/п", "{{#each строки}}{{номер}}", 0.9, "C"),
    ("№ в ФПУ", "{{фпу}}", 2.3, "C"),
    ("Автор(ы)", "{{авторы}}", 3.7, "L"),
    ("Наименование", "{{наименование}}", 3.9, "L"),
    ("Класс", "{{класс}}", 1.4, "C"),
    ("Издательство", "{{издательство}}", 3.2, "L"),
    ("Год издания", "{{год}}", 1.9, "C"),
    ("Ед. изм.", "{{ед}}", 1.1, "C"),
    ("Кол-во", "{{количество | number}}", 1.6, "R"),
    ("Цена за ед., руб.", "{{цена | money}}", 1.9, "R"),
    ("Сумма, руб.", "{{сумма | money}}", 2.6, "R"),
    ("{{шапка_ндс}}", "{{#if с_ндс}}{{ндс | money}}{{else}}Без НДС{{/if}}{{/each}}", 2.2, "R"),
]

# The distribution table (разнарядка).
ANNEX = [
    ("№ поз.", "{{#each строки}}{{номер}}", 1.2, "C"),
    ("№ в ФПУ", "{{фпу}}", 2.6, "C"),
    ("Автор(ы)", "{{авторы}}", 4.6, "L"),
    ("Наименование", "{{наименование}}", 8.3, "L"),
    ("Класс", "{{класс}}", 1.6, "C"),
    ("Кол-во, экз.", "{{количество | number}}", 2.2, "R"),
    ("Цена за ед., руб.", "{{цена | money}}", 2.7, "R"),
    ("Сумма, руб.", "{{сумма | money}}{{/each}}", 3.5, "R"),
]

STYLE = {"L": "TableText", "C": "TableCenter", "R": "TableRight"}


def p(style, text=""):
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def cell(text, style="TableText", span=1, cell_style="Cell"):
    """A cell of one paragraph, or of several when `text` is a list (one paragraph each)."""
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    paragraphs = "".join(p(style, t) for t in (text if isinstance(text, list) else [text]))
    out = f'<table:table-cell table:style-name="{cell_style}"{spanned} office:value-type="string">{paragraphs}</table:table-cell>'
    return out + "<table:covered-table-cell/>" * (span - 1)


def columns(name, specs):
    cols = "".join(f'<table:table-column table:style-name="{name}.{i}"/>' for i in range(len(specs)))
    styles = [f'<style:style style:name="{name}.{i}" style:family="table-column"><style:table-column-properties style:column-width="{w:.2f}cm"/></style:style>'
              for i, (_, _, w, _) in enumerate(specs)]
    assert abs(sum(w for _, _, w, _ in specs) - TEXT_WIDTH) < 0.01, name
    return cols, styles


def row(cells):
    # Rows never split across pages (Word: «не разрывать строку»).
    return '<table:table-row table:style-name="Row">' + "".join(cells) + "</table:table-row>"


def main():
    spec_cols, spec_styles = columns("Spec", COLUMNS)
    annex_cols, annex_styles = columns("Annex", ANNEX)
    n = len(COLUMNS)
    spec = (
        '<table:table table:name="Specification" table:style-name="SpecTable">' + spec_cols
        + "<table:table-header-rows>" + row(cell(h, "TableHead") for h, _, _, _ in COLUMNS) + "</table:table-header-rows>"
        + row(cell(f, STYLE[a]) for _, f, _, a in COLUMNS)
        + "</table:table>"
    )
    # «Итого» and the VAT line: one row of two lines on the table's grid, right under the table.
    totals = (
        '<table:table table:name="Totals" table:style-name="TotalsTable">' + spec_cols
        + row([cell(["Итого:", "{{строка_ндс}}"], "TableTotal", span=n - 4, cell_style="TotalCell"),
               cell(["{{итого.количество | number}}", ""], "TableRightBold", cell_style="TotalCell"), cell("", cell_style="TotalCell"),
               cell(["{{итого.сумма | money}}", "{{#if с_ндс}}{{итого.ндс | money}}{{else}}Без НДС{{/if}}"], "TableRightBold", cell_style="TotalCell"),
               cell(["{{#if с_ндс}}{{итого.ндс | money}}{{else}}Без НДС{{/if}}", ""], "TableRightBold", cell_style="TotalCell")])
        + "</table:table>"
    )
    m = len(ANNEX)
    annex = (
        '<table:table table:name="Distribution" table:style-name="WideTable">' + annex_cols
        + "<table:table-header-rows>" + row(cell(h, "TableHead") for h, _, _, _ in ANNEX) + "</table:table-header-rows>"
        + row([cell("{{#each разнарядка}}{{школа}}", "TableSection", span=m)])
        + row(cell(f, STYLE[a]) for _, f, _, a in ANNEX)
        + row([cell("Итого по школе:", "TableTotal", span=m - 3), cell("{{количество | number}}", "TableRightBold"), cell(""),
               cell("{{сумма | money}}{{/each}}", "TableRightBold")])
        + row([cell("Всего:", "TableTotal", span=m - 3), cell("{{разнарядка_итого.количество | number}}", "TableRightBold"), cell(""),
               cell("{{разнарядка_итого.сумма | money}}", "TableRightBold")])
        + "</table:table>"
    )
    sign_rows = [
        ("SignHead", "{{заказчик.заголовок}}", "{{поставщик.заголовок}}"),
        ("SignText", "{{заказчик.организация}}", "{{поставщик.организация}}"),
        ("SignText", "{{заказчик.должность}}", "{{поставщик.должность}}"),
        ("SignLine", "{{заказчик.подпись}}", "{{поставщик.подпись}}"),
        ("SignText", "{{заказчик.мп}}", "{{поставщик.мп}}"),
    ]
    signatures = (
        '<table:table table:name="Signatures" table:style-name="SignTable">'
        '<table:table-column table:style-name="Sign.A"/><table:table-column table:style-name="Sign.B"/><table:table-column table:style-name="Sign.C"/>'
        + "".join(row([cell(left, style, cell_style="SignCell"), cell("", style, cell_style="SignCell"),
                       cell(right, style, cell_style="SignCell")]) for style, left, right in sign_rows)
        + "</table:table>"
    )
    # The totals block — «Итого», the VAT line, the sum in words, both signatures — is one row of a
    # borderless table: a row never splits, so the block never parts, in LibreOffice and in Word alike
    # (keep-with-next between a table and what follows does not hold once the table spans pages).
    block = (
        '<table:table table:name="TotalsBlock" table:style-name="BlockTable">'
        '<table:table-column table:style-name="Block.A"/>'
        + '<table:table-row table:style-name="Row"><table:table-cell table:style-name="SignCell" office:value-type="string">'
        + totals + p("Total", "{{итого.фраза}}") + signatures
        + "</table:table-cell></table:table-row></table:table>"
    )
    body = "\n".join([
        p("Hidden", "{{! Встроенный шаблон спецификации Shablon. Теги — docs/template-language.md; данные — docs/specification.md. }}"),
        # «Приложение № 1 / к муниципальному контракту / от … № …», upper right.
        p("Hidden", "{{#each шапка}}"),
        p("Appendix", "{{this}}"),
        p("Hidden", "{{/each}}"),
        p("Standard"),
        p("Hidden", "{{#each заголовок}}"),
        p("Title", "{{this}}"),
        p("Hidden", "{{/each}}"),
        p("Standard"),
        spec,
        block,
        # The distribution by school, on its own page.
        p("Hidden", "{{#if разнарядка}}"),
        p("AnnexTitle", "Разнарядка по общеобразовательным организациям"),
        p("Title", "к спецификации (приложение №\u00a0{{приложение}} к {{контракт}} от {{дата}} №\u00a0{{номер}})"),
        p("Title", "Поставщик: {{издательство}}"),
        p("Standard"),
        annex,
        p("Hidden", "{{/if}}"),
    ])
    tmpl = open(os.path.join(os.path.dirname(__file__), "specification.fodt.in"), encoding="utf-8").read()
    doc = tmpl.replace("@COLUMN_STYLES@", "\n".join(spec_styles + annex_styles)).replace("@BODY@", body)
    dest = os.path.join(os.path.dirname(__file__), "..", "templates", "src", "specification.fodt")
    with open(dest, "w", encoding="utf-8") as f:
        f.write(doc)
    print("templates/src/specification.fodt")


if __name__ == "__main__":
    main()
