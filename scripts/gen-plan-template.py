#!/usr/bin/env python3
"""Writes templates/src/plan.fodt: the built-in plan template, in Shablon's own template language.

The template is an ordinary document; this script only saves typing the same table in each column
layout. `make templates` turns the result into templates/plan.docx and templates/plan.odt with LibreOffice.
"""
import os

# Column kinds: letter used in variant names, template field, header field, width in cm.
KINDS = {
    "номер": ("н", "{{номер}}", 1.3, "C"),
    "мероприятие": ("м", "{{мероприятие}}", None, "L"),
    "сроки": ("с", "{{сроки}}", 3.8, "C"),
    "ответственные": ("о", "{{ответственные}}", 4.4, "L"),
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


def table(name, layout):
    letters = "".join(KINDS[k][0] for k in layout)
    fixed = sum(KINDS[k][2] or 0 for k in layout)
    widths = [KINDS[k][2] or (TEXT_WIDTH - fixed) for k in layout]
    out = []
    out.append(p("Hidden", "{{#if таблица.вид_%s}}" % letters))
    out.append(f'<table:table table:name="{name}" table:style-name="EventTable">')
    for i, w in enumerate(widths):
        out.append(f'<table:table-column table:style-name="{name}.{i}"/>')
    out.append("<table:table-header-rows><table:table-row>")
    for k in layout:
        out.append(f'<table:table-cell table:style-name="Cell" office:value-type="string">{p("TableHead", "{{таблица.шапка.%s}}" % k)}</table:table-cell>')
    out.append("</table:table-row></table:table-header-rows>")
    n = len(layout)
    # Row 1: a section heading across the table (the loop opens here).
    out.append("<table:table-row>")
    out.append(f'<table:table-cell table:style-name="Cell" table:number-columns-spanned="{n}" office:value-type="string">'
               + p("TableSection", "{{#each таблица.строки}}{{#if раздел}}{{текст}}") + "</table:table-cell>")
    out.extend(["<table:covered-table-cell/>"] * (n - 1))
    out.append("</table:table-row>")
    # Row 2: {{else}} alone: the row vanishes.
    out.append("<table:table-row>")
    out.append(f'<table:table-cell table:style-name="Cell" table:number-columns-spanned="{n}" office:value-type="string">'
               + p("TableText", "{{else}}") + "</table:table-cell>")
    out.extend(["<table:covered-table-cell/>"] * (n - 1))
    out.append("</table:table-row>")
    # Row 3: an event or an agenda item.
    out.append("<table:table-row>")
    for i, k in enumerate(layout):
        text = KINDS[k][1]
        if i == n - 1:
            text += "{{/if}}{{/each}}"
        style = "TableCenter" if KINDS[k][3] == "C" else "TableText"
        out.append(f'<table:table-cell table:style-name="Cell" office:value-type="string">{p(style, text)}</table:table-cell>')
    out.append("</table:table-row>")
    out.append("</table:table>")
    out.append(p("Hidden", "{{/if}}"))
    styles = [f'<style:style style:name="{name}.{i}" style:family="table-column"><style:table-column-properties style:column-width="{w:.2f}cm"/></style:style>'
              for i, w in enumerate(widths)]
    return "\n".join(out), "\n".join(styles)


def main():
    tables, column_styles = [], []
    for i, layout in enumerate(LAYOUTS):
        t, s = table(f"Events{i + 1}", layout)
        tables.append(t)
        column_styles.append(s)
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
        p("Hidden", "{{#each списки}}"),
        p("ListTitle", '<text:span text:style-name="Bold">{{заголовок}}</text:span>{{#if текст}} {{текст}}{{/if}}'),
        p("Hidden", "{{#each пункты}}"),
        p("ListItem", "{{маркер}} {{текст}}"),
        p("Hidden", "{{#each подпункты}}"),
        p("ListSubItem", "– {{this}}"),
        p("Hidden", "{{/each}}"),
        p("Hidden", "{{/each}}"),
        p("Hidden", "{{/each}}"),
        # The events table, in the column layout the data asks for.
        p("Hidden", "{{#if таблица}}"),
        p("Hidden", "{{#if таблица.заголовок}}"),
        p("ListTitle", '<text:span text:style-name="Bold">{{таблица.заголовок}}</text:span>'),
        p("Hidden", "{{/if}}"),
        "\n".join(tables),
        p("Hidden", "{{/if}}"),
        # Notes.
        p("Hidden", "{{#each примечания}}"),
        p("Body", "{{this}}"),
        p("Hidden", "{{/each}}"),
        # Signatures: position at the left margin, «И.О. Фамилия» ending at the right margin.
        p("Hidden", "{{#if подписи}}"),
        p("Body"),
        '<table:table table:name="Signatures" table:style-name="StampTable">'
        '<table:table-column table:style-name="Sign.A"/><table:table-column table:style-name="Sign.B"/>'
        '<table:table-row>'
        '<table:table-cell table:style-name="SignCell" office:value-type="string">' + p("SignLeft", "{{#each подписи}}{{должность}}") + '</table:table-cell>'
        '<table:table-cell table:style-name="SignCell" office:value-type="string">' + p("SignRight", "{{подпись}}{{/each}}") + '</table:table-cell>'
        '</table:table-row></table:table>',
        p("Hidden", "{{/if}}"),
    ])
    tmpl = open(os.path.join(os.path.dirname(__file__), "plan.fodt.in"), encoding="utf-8").read()
    doc = tmpl.replace("@COLUMN_STYLES@", "\n".join(column_styles)).replace("@BODY@", body)
    dest = os.path.join(os.path.dirname(__file__), "..", "templates", "src", "plan.fodt")
    with open(dest, "w", encoding="utf-8") as f:
        f.write(doc)
    print("templates/src/plan.fodt")


if __name__ == "__main__":
    main()
