#!/usr/bin/env python3
"""Writes templates/src/plan.fodt: the built-in plan template, in Shablon's own template language.

The template is an ordinary document; this script only saves typing the same table in each column
layout. `make templates` turns the result into templates/plan.docx and templates/plan.odt with LibreOffice.
"""
import os

# Column kinds: letter used in variant names, template field, width in cm (the event takes the rest),
# alignment. Widths from the examples at 12 pt, with 0.15 cm padding each side: «10.» fits 1.1 cm; the
# longest word of a date cell, «видеоконференции» (3.43 cm), fits 3.8 cm; «педагог-библиотекарь»
# (3.95 cm) and «Верхнеказымский» fit 4.6 cm; no word of the examples is broken (hyphenation is off:
# official names are not hyphenated).
KINDS = {
    "номер": ("н", "{{номер}}", 1.1, "C"),
    "мероприятие": ("м", "{{мероприятие}}", None, "L"),
    "сроки": ("с", "{{сроки}}", 3.8, "C"),
    "ответственные": ("о", "{{ответственные}}", 4.6, "L"),
}
# Column layouts the built-in template offers (the plan loader refuses others with a clear message).
LAYOUTS = [
    ["номер", "мероприятие", "сроки", "ответственные"],
    ["номер", "сроки", "мероприятие", "ответственные"],
    ["номер", "мероприятие", "сроки"],
    ["номер", "мероприятие", "ответственные"],
    ["мероприятие", "сроки", "ответственные"],
    ["сроки", "мероприятие", "ответственные"],
    ["номер", "мероприятие"],
    ["мероприятие", "сроки"],
    ["мероприятие", "ответственные"],
    ["мероприятие"],
]
TEXT_WIDTH = 17.0  # A4 21 cm − 3 cm left − 1 cm right


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def p(style, text=""):
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def signatures(name="Signatures"):
    """The end: notes, then signatures (position at the left margin, «____________ И.О. Фамилия» ending at
    the right margin), rows of one borderless table that never breaks."""
    return (f'<table:table table:name="{name}" table:style-name="SignTable">'
            '<table:table-column table:style-name="Sign.A"/><table:table-column table:style-name="Sign.B"/>'
            '<table:table-row table:style-name="Row">'
            '<table:table-cell table:style-name="SignCell" table:number-columns-spanned="2" office:value-type="string">'
            + p("Note", "{{#each примечания}}{{this}}{{/each}}") + '</table:table-cell><table:covered-table-cell/>'
            '</table:table-row>'
            '<table:table-row table:style-name="Row">'
            '<table:table-cell table:style-name="SignCell" office:value-type="string">' + p("SignLeft", "{{#each подписи}}{{должность}}") + '</table:table-cell>'
            '<table:table-cell table:style-name="SignCell" office:value-type="string">' + p("SignRight", "{{подпись}}{{/each}}") + '</table:table-cell>'
            '</table:table-row></table:table>')


def closing_rows(name, span):
    """The print variant's end of an events table: the notes and signatures as its last row (a cell across
    the table, borderless, holding the signatures' table), between rows holding {{#if концовка}} and
    {{/if}} alone (they vanish). LibreOffice keeps a row whose paragraphs keep with the next (TableRowKeep)
    with the next row, so the table's last event row goes with the signatures to a new page, under the
    repeated header, while the table itself starts right after what precedes it."""
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""

    def tag_row(tag):
        cell = f'<table:table-cell table:style-name="Cell"{spanned} office:value-type="string">{p("TableText", tag)}</table:table-cell>'
        return '<table:table-row table:style-name="Row">' + cell + "<table:covered-table-cell/>" * (span - 1) + "</table:table-row>"
    sign = ('<table:table-row table:style-name="Row">'
            f'<table:table-cell table:style-name="SignRowCell"{spanned} office:value-type="string">'
            + p("SignGap") + signatures(name + "Sign") + p("End") + "</table:table-cell>"
            + "<table:covered-table-cell/>" * (span - 1) + "</table:table-row>")
    return [tag_row("{{#if концовка}}"), sign, tag_row("{{/if}}")]


def table(name, layout, signed=False):
    letters = "".join(KINDS[k][0] for k in layout)
    fixed = sum(KINDS[k][2] or 0 for k in layout)
    widths = [KINDS[k][2] or (TEXT_WIDTH - fixed) for k in layout]
    n = len(layout)
    out = []
    out.append(p("Hidden", "{{#if таблица.вид_%s}}" % letters))
    out.append(f'<table:table table:name="{name}" table:style-name="EventTable">')
    for i, w in enumerate(widths):
        out.append(f'<table:table-column table:style-name="{name}.{i}"/>')

    def cell(text, style, span=1):
        spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
        return f'<table:table-cell table:style-name="Cell"{spanned} office:value-type="string">{p(style, text)}</table:table-cell>'

    def wide(text, style):
        # One cell across the table: a section heading, or a row holding a tag alone (it vanishes).
        return '<table:table-row table:style-name="Row">' + cell(text, style, n) + "<table:covered-table-cell/>" * (n - 1) + "</table:table-row>"

    def row(texts, styles):
        return '<table:table-row table:style-name="Row">' + "".join(cell(t, s) for t, s in zip(texts, styles)) + "</table:table-row>"

    def fields(kind):
        return KINDS[kind][1]

    out.append("<table:table-header-rows>" + row(["{{таблица.шапка.%s}}" % k for k in layout], ["TableHead"] * n) + "</table:table-header-rows>")
    # The rows repeat for each item of таблица.строки; {{#if}} … {{else}} keeps one kind of row:
    # a section heading across the table, a meeting's title (bold, kept with its first agenda item),
    # the table's last row (kept with the notes and signatures after the table: a signature never
    # stands alone on a page) as an agenda item or an event, an agenda item («1.», a tab, the topic:
    # a hanging indent) or a plain event.
    out.append(wide("{{#each таблица.строки}}{{#if раздел}}{{текст}}", "TableSection"))
    out.append(wide("{{else}}", "TableText"))

    def centred(k):
        return KINDS[k][3] == "C"

    agenda_text = "{{пункт}}<text:tab/>{{мероприятие}}"
    variants = [
        ("{{#if заседание}}", lambda k: "TableMeeting" if k == "мероприятие" else ("TableCenterKeep" if centred(k) else "TableKeep"), fields),
        ("{{#if последний_пункт}}", lambda k: "TableAgendaKeep" if k == "мероприятие" else ("TableCenterKeep" if centred(k) else "TableKeep"),
         lambda k: agenda_text if k == "мероприятие" else fields(k)),
        ("{{#if последняя}}", lambda k: "TableCenterKeep" if centred(k) else "TableKeep", fields),
        ("{{#if пункт}}", lambda k: "TableAgenda" if k == "мероприятие" else ("TableCenter" if centred(k) else "TableText"),
         lambda k: agenda_text if k == "мероприятие" else fields(k)),
        ("", lambda k: "TableCenter" if centred(k) else "TableText", fields),
    ]
    closing = "{{/if}}" * len(variants) + "{{/each}}"
    for j, (opening, style, text) in enumerate(variants):
        texts = [text(k) for k in layout]
        texts[0] = opening + texts[0]
        if j == len(variants) - 1:
            texts[-1] += closing
        out.append(row(texts, [style(k) for k in layout]))
        if j < len(variants) - 1:
            out.append(wide("{{else}}", "TableText"))
    if signed:
        out += closing_rows(name, n)
    out.append("</table:table>")
    out.append(p("Hidden", "{{/if}}"))
    styles = [f'<style:style style:name="{name}.{i}" style:family="table-column"><style:table-column-properties style:column-width="{w:.2f}cm"/></style:style>'
              for i, w in enumerate(widths)]
    return "\n".join(out), "\n".join(styles)


# The general layout (plan-full): any columns, 2–8, in one table whose single template column a column
# loop repeats; each column's share of the 17 cm comes from the data (`ширина`, computed by the plan
# from its longest word and how much text it holds: docs/plan-format.md). Small type (10 pt) when the
# longest words do not fit at 12 pt. Four tables: with and without the number row, 12 and 10 pt.
CELL_STYLES = [("м", "TableMeeting", False), ("пд", "TableAgendaKeep", True), ("п", "TableAgenda", True),
               ("цд", "TableCenterKeep", False), ("ц", "TableCenter", False), ("тд", "TableKeep", False)]
SMALL_STYLES = ["TableText", "TableCenter", "TableHead", "TableSection", "TableKeep", "TableCenterKeep",
                "TableMeeting", "TableAgenda", "TableAgendaKeep"]


def general_table(name, number_row, small, closing=False):
    sx = "S" if small else ""
    out = [f'<table:table table:name="{name}" table:style-name="EventTable">',
           f'<table:table-column table:style-name="{name}.0"/>']

    def row(*paras):
        return ('<table:table-row table:style-name="Row"><table:table-cell table:style-name="Cell" office:value-type="string">'
                + "".join(paras) + "</table:table-cell></table:table-row>")

    head = row(p("TableHead" + sx, "{{#each таблица.столбцы столбцы ширины}}{{заголовок}}{{/each}}"))
    if number_row:
        head += row(p("TableHead" + sx, "{{#each таблица.столбцы столбцы}}{{номер}}{{/each}}"))
    out.append("<table:table-header-rows>" + head + "</table:table-header-rows>")
    out.append(row(p("TableSection" + sx, "{{#each таблица.строки}}{{#if раздел}}{{текст}}")))
    out.append(row(p("TableText" + sx, "{{else}}")))
    # A paragraph block's tags each stand in a paragraph of their own.
    paras = [p("Hidden", "{{#each ячейки столбцы}}")]
    for j, (flag, style, agenda) in enumerate(CELL_STYLES):
        if j:
            paras.append(p("Hidden", "{{else}}"))
        paras.append(p("Hidden", "{{#if %s}}" % flag))
        paras.append(p(style + sx, "{{пункт}}<text:tab/>{{текст}}" if agenda else "{{текст}}"))
    paras.append(p("Hidden", "{{else}}"))
    paras.append(p("TableText" + sx, "{{текст}}"))
    paras += [p("Hidden", "{{/if}}")] * len(CELL_STYLES) + [p("Hidden", "{{/each}}")]
    out.append(row(*paras))
    out.append(row(p("TableText" + sx, "{{/if}}{{/each}}")))
    if closing:
        out += closing_rows(name, 1)
    out.append("</table:table>")
    style = f'<style:style style:name="{name}.0" style:family="table-column"><style:table-column-properties style:column-width="{TEXT_WIDTH:.2f}cm"/></style:style>'
    return "\n".join(out), style


def general_body(closing=False):
    """The events of the general layout: numbered paragraphs (`вид: абзацы`) or one of the four tables."""
    tables, styles = [], []
    parts = [p("Hidden", "{{#if таблица.абзацы}}"),
             p("Hidden", "{{#each таблица.строки}}"), p("Hidden", "{{#if раздел}}"),
             p("ListTitle", '<text:span text:style-name="Bold">{{текст}}</text:span>'),
             p("Hidden", "{{else}}"), p("Hidden", "{{#if номер}}"),
             p("ListItem", "{{номер}}<text:tab/>{{абзац}}"),
             p("Hidden", "{{else}}"), p("Hidden", "{{#if пункт}}"),
             p("ListSubItem", "{{пункт}}<text:tab/>{{абзац}}"),
             p("Hidden", "{{else}}"),
             p("Body", "{{абзац}}"),
             p("Hidden", "{{/if}}"), p("Hidden", "{{/if}}"), p("Hidden", "{{/if}}"), p("Hidden", "{{/each}}"),
             *(closing_block() if closing else []),
             p("Hidden", "{{else}}"),
             p("TableGap")]
    k = 0
    for small in (False, True):
        parts.append(p("Hidden", "{{#if таблица.мелко}}" if small else "{{#unless таблица.мелко}}"))
        for number_row in (True, False):
            k += 1
            t, st = general_table(f"Events{k}", number_row, small, closing)
            styles.append(st)
            parts.append(p("Hidden", "{{#if таблица.номера_столбцов}}" if number_row else "{{#unless таблица.номера_столбцов}}"))
            parts.append(t)
            parts.append(p("Hidden", "{{/if}}" if number_row else "{{/unless}}"))
        parts.append(p("Hidden", "{{/if}}" if small else "{{/unless}}"))
    parts.append(p("Hidden", "{{/if}}"))
    return "\n".join(parts), styles


def small_styles():
    return "".join(f'<style:style style:name="{n}S" style:family="paragraph" style:parent-style-name="{n}"><style:text-properties fo:font-size="10pt"/></style:style>\n  '
                   for n in SMALL_STYLES)


def document(tables_xml, general):
    """The template's text: the classic one (`general` False) or the general layout's."""
    intro = [p("Hidden", "{{#each вступление}}"), p("Body", "{{this}}"), p("Hidden", "{{/each}}")] if general else []
    list_open = ([p("Hidden", "{{#each списки}}"), p("Hidden", "{{#if абзац}}"), p("Body", "{{абзац}}"), p("Hidden", "{{else}}")]
                 if general else [p("Hidden", "{{#each списки}}")])
    list_close = [p("Hidden", "{{/if}}"), p("Hidden", "{{/each}}")] if general else [p("Hidden", "{{/each}}")]
    return intro, list_open, list_close


def closing_block():
    """The notes and signatures after the text (a plan without an events table, and the template people get)."""
    return [p("Hidden", "{{#if концовка}}"), p("SignGap"), signatures(), p("Hidden", "{{/if}}")]


def main():
    for general in (False, True):
        for print_variant in (False, True):
            write(general, print_variant)


def write(general, print_variant):
    tables, column_styles = [], []
    if general:
        t, column_styles = general_body(print_variant)
        tables.append(t)
    else:
        for i, layout in enumerate(LAYOUTS):
            t, s = table(f"Events{i + 1}", layout, print_variant)
            tables.append(t)
            column_styles.append(s)
    intro, list_open, list_close = document(tables, general)
    body = "\n".join([
        "<text:p text:style-name=\"Hidden\">{{! Встроенный шаблон плана работы Shablon. Теги — см. docs/template-language.md; данные — docs/plan-format.md. }}</text:p>",
        # Approval stamp (right) and the «РАССМОТРЕНО» block (left), level with each other.
        p("Hidden", "{{#if шапка}}"),
        '<table:table table:name="Stamp" table:style-name="StampTable">'
        '<table:table-column table:style-name="Stamp.A"/><table:table-column table:style-name="Stamp.B"/><table:table-column table:style-name="Stamp.C"/>'
        '<table:table-row>'
        '<table:table-cell table:style-name="StampCell" office:value-type="string">'
        + p("Stamp", "{{#each рассмотрено.строки}}") + p("Stamp", "{{this}}") + p("Stamp", "{{/each}}") +
        '</table:table-cell>'
        '<table:table-cell table:style-name="StampCell" office:value-type="string">' + p("Stamp") + '</table:table-cell>'
        '<table:table-cell table:style-name="StampCell" office:value-type="string">'
        + p("Stamp", "{{#each утверждение.строки}}") + p("Stamp", "{{this}}") + p("Stamp", "{{/each}}") +
        '</table:table-cell></table:table-row></table:table>',
        p("Standard"),
        p("Hidden", "{{/if}}"),
        *intro,
        # Title.
        p("Hidden", "{{#each заголовок}}"),
        p("Title", "{{this}}"),
        p("Hidden", "{{/each}}"),
        # Theme and goal.
        p("Hidden", "{{#if тема}}"),
        p("Body", '<text:span text:style-name="Bold">{{тема.подпись}}</text:span> {{тема.текст}}'),
        p("Hidden", "{{/if}}"),
        p("Hidden", "{{#if цель}}"),
        p("Body", '<text:span text:style-name="Bold">{{цель.подпись}}</text:span> {{цель.текст}}'),
        p("Hidden", "{{/if}}"),
        # Titled lists: tasks, directions, forms of work, expected results …
        *list_open,
        p("ListTitle", '<text:span text:style-name="Bold">{{заголовок}}</text:span>{{#if текст}} {{текст}}{{/if}}'),
        p("Hidden", "{{#each пункты}}"),
        p("ListItem", "{{маркер}}<text:tab/>{{текст}}"),
        p("Hidden", "{{#each подпункты}}"),
        p("ListSubItem", "–<text:tab/>{{this}}"),
        p("Hidden", "{{/each}}"),
        p("Hidden", "{{/each}}"),
        *list_close,
        # The events table, in the column layout the data asks for.
        p("Hidden", "{{#if таблица}}"),
        p("Hidden", "{{#if таблица.заголовок}}"),
        p("ListTitle", '<text:span text:style-name="Bold">{{таблица.заголовок}}</text:span>'),
        p("Hidden", "{{/if}}"),
        *([] if general else [p("TableGap")]),
        "\n".join(tables),
        p("Hidden", "{{/if}}"),
        # The end: notes and signatures, so that a signature never stands alone on a page: in the template
        # people get, a table after the events table, whose last row keeps with it (Word keeps it so); in the
        # print variant, the events table's last row (closing_rows), here only when there is no table.
        *(([p("Hidden", "{{#unless таблица}}")] + closing_block() + [p("Hidden", "{{/unless}}")]) if print_variant else closing_block()),
        # Word and LibreOffice need a paragraph after a table that ends the document: a 1 pt one, so that
        # it never makes a page of its own.
        p("End"),
    ])
    tmpl = open(os.path.join(os.path.dirname(__file__), "plan.fodt.in"), encoding="utf-8").read()
    # The print variant's cell holding the notes and signatures: no border, no padding.
    sign_cell = ('\n  <style:style style:name="SignRowCell" style:family="table-cell">'
                 '<style:table-cell-properties fo:padding="0cm" fo:border="none"/></style:style>')
    doc = (tmpl.replace("@COLUMN_STYLES@", "\n".join(column_styles)).replace("@BODY@", body)
           .replace("@PRINT_STYLES@", sign_cell if print_variant else ""))
    if general:
        anchor = "<!-- A note, in the closing table"
        assert anchor in doc
        doc = doc.replace(anchor, small_styles() + anchor, 1)
    base = "plan-full" if general else "plan"
    # The template (DOCX and ODT) or the print variant the PDF comes from (src/print/plan-print.fodt →
    # templates/plan-print.odt), which alone has the signatures inside the events table.
    name = os.path.join("print", base + "-print.fodt") if print_variant else base + ".fodt"
    src = os.path.join(os.path.dirname(__file__), "..", "templates", "src")
    os.makedirs(os.path.join(src, "print"), exist_ok=True)
    with open(os.path.join(src, name), "w", encoding="utf-8") as f:
        f.write(doc)
    print("templates/src/" + name)

if __name__ == "__main__":
    main()
