#!/usr/bin/env python3
"""Writes templates/src/analysis.fodt (the year-end analysis) and templates/src/school-report.fodt (one
school library's year report), in Shablon's own template language (data: docs/analysis-format.md).

Portrait A4, Times New Roman 14 pt, 12 pt in tables (10 pt in the wide statistics tables, 9 pt in the
per-class provision matrix, so that they fit 17 cm). Charts stand in their own paragraphs as chart tags
(`[[диаграмма: диаграммы.обеспеченность]]`); the package layer replaces them with native charts.
`make templates` turns the results into .docx and .odt with LibreOffice.

Page layout (issue 13, «signable as it comes out»): rows never split across pages, header rows repeat,
captions and headings keep with what follows, running text has widow and orphan control. Column widths
come from the longest unbreakable units of the data at the table's size (Liberation Serif, the metrics
of Times New Roman) plus the cells' padding (0.1 cm a side): «п.\u00a0Верхнеказымский)» (3.85 cm at 12 pt,
the no-break space keeps it whole) sets the speakers' and schools' columns, «рекомендовать» the
decision's, «муниципальный» the contest level's, «практикум» the form's. Data words are never hyphenated;
headers of narrow columns break at soft hyphens, with a hyphen.
"""
import os

TEXT_WIDTH = 17.0  # A4 21 cm − 3 cm left − 1 cm right
HERE = os.path.dirname(__file__)


def p(style, text=""):
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def hidden(text):
    return p("Hidden", text)


def bold(text):
    return f'<text:span text:style-name="Bold">{text}</text:span>'


def cell(text, style="TableText", span=1):
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    out = f'<table:table-cell table:style-name="Cell"{spanned} office:value-type="string">{p(style, text)}</table:table-cell>'
    return out + "<table:covered-table-cell/>" * (span - 1)


def row(cells):
    return '<table:table-row table:style-name="Row">' + "".join(cells) + "</table:table-row>"


class Tables:
    """Collects the column styles of every table."""

    def __init__(self):
        self.styles = []

    def table(self, name, widths, head, body, head_style="TableHead"):
        assert abs(sum(widths) - TEXT_WIDTH) < 0.01, (name, sum(widths))
        cols = "".join(f'<table:table-column table:style-name="{name}.{i}"/>' for i in range(len(widths)))
        self.styles += [f'<style:style style:name="{name}.{i}" style:family="table-column"><style:table-column-properties style:column-width="{w:.2f}cm"/></style:style>'
                        for i, w in enumerate(widths)]
        header = "<table:table-header-rows>" + "".join(row(cell(h, head_style) for h in line) for line in head) + "</table:table-header-rows>"
        return f'<table:table table:name="{name}" table:style-name="DataTable">{cols}{header}{"".join(body)}</table:table>'


def loop_row(path, fields, styles):
    """One row repeated for each item of `path`: `fields` are the cells' texts."""
    texts = list(fields)
    texts[0] = "{{#each %s}}" % path + texts[0]
    texts[-1] = texts[-1] + "{{/each}}"
    return row(cell(t, s) for t, s in zip(texts, styles))


def chart(path):
    return p("Chart", "[[диаграмма: %s]]" % path)


def block(condition, *parts):
    return "\n".join([hidden("{{#if %s}}" % condition), *parts, hidden("{{/if}}")])


def items(path, style="ListItem", text="{{this}}"):
    return "\n".join([hidden("{{#each %s}}" % path), p(style, text), hidden("{{/each}}")])


def analysis(t):
    soft = "\u00ad"
    meetings = t.table("Meetings", [0.8, 2.2, 4.5, 2.3, 4.2, 3.0],
                       [["№", "Дата", "Тема, повестка", "Форма", "Выступающие", "Решение"]],
                       [loop_row("заседания", ["{{номер}}", "{{дата}}", "{{тема}}", "{{форма}}", "{{докладчики}}", "{{решение}}"],
                                 ["TableCenter", "TableCenter", "TableText", "TableText", "TableText", "TableText"])])
    events = t.table("Events", [0.8, 8.6, 3.0, 4.6],
                     [["№", "Мероприятие", "Сроки по плану", "Отметка о выполнении"]],
                     [loop_row("мероприятия", ["{{номер}}", "{{мероприятие}}", "{{сроки}}", "{{отметка}}"],
                               ["TableCenter", "TableText", "TableCenter", "TableText"])])
    training = t.table("Training", [0.8, 3.2, 4.0, 4.9, 2.2, 1.9],
                       [["№", "Ф.И.О.", "Школа", "Тема (курсы, вебинар)", "Форма", "Сроки"]],
                       [loop_row("повышение_квалификации",
                                 ["{{номер}}", "{{фио}}", "{{школа}}", "{{тема}}{{#if документ}} ({{документ}}){{/if}}",
                                  "{{форма}}{{#if часы}}, {{часы}}\u00a0ч{{/if}}", "{{сроки}}"],
                                 ["TableCenter", "TableText", "TableText", "TableText", "TableText", "TableCenter"])])
    contests = t.table("Contests", [0.8, 6.0, 3.3, 4.3, 2.6],
                       [["№", "Конкурс", "Уровень", "Участник", "Результат"]],
                       [loop_row("конкурсы", ["{{номер}}", "{{конкурс}}", "{{уровень}}", "{{участник}}", "{{результат}}"],
                                 ["TableCenter", "TableText", "TableCenter", "TableText", "TableText"])])
    readers_cols = ["читатели", "читатели_учащиеся", "читатели_учителя", "читатели_прочие", "книговыдача", "посещения", "читаемость", "посещаемость"]
    readers = t.table("Readers", [4.1, 1.6, 1.5, 1.5, 1.3, 1.7, 1.7, 1.8, 1.8],
                      [["Школа", "Читате" + soft + "лей всего", "уча" + soft + "щихся", "учите" + soft + "лей", "про" + soft + "чих",
                        "Книго" + soft + "выдача", "Посе" + soft + "щения", "Чита" + soft + "емость", "Посе" + soft + "щае" + soft + "мость"]],
                      [loop_row("статистика.школы", ["{{школа}}"] + ["{{%s}}" % c for c in readers_cols], ["SmallText"] + ["SmallRight"] * 8),
                       row([cell("Итого", "SmallBold")] + [cell("{{статистика.итого.%s}}" % c, "SmallRightBold") for c in readers_cols])],
                      head_style="SmallHead")
    fund_cols = ["фонд", "фонд_учебники", "фонд_художественная", "поступило", "выбыло", "обращаемость", "книгообеспеченность"]
    fund = t.table("Fund", [4.1, 1.9, 1.8, 1.8, 1.7, 1.6, 2.0, 2.1],
                   [["Школа", "Фонд, всего", "учеб" + soft + "ники", "худож. лит" + soft + "ература", "Посту" + soft + "пило", "Вы" + soft + "было",
                     "Обра" + soft + "щае" + soft + "мость", "Книго" + soft + "обеспе" + soft + "ченность"]],
                   [loop_row("статистика.школы", ["{{школа}}"] + ["{{%s}}" % c for c in fund_cols], ["SmallText"] + ["SmallRight"] * 7),
                    row([cell("Итого", "SmallBold")] + [cell("{{статистика.итого.%s}}" % c, "SmallRightBold") for c in fund_cols])],
                   head_style="SmallHead")
    comparison = t.table("Comparison", [6.0, 2.6, 2.6, 2.9, 2.9],
                         [["Показатель", "{{прошлый_учебный_год}}", "{{учебный_год}}", "Изменение", "Изменение, %"]],
                         [loop_row("статистика.сравнение", ["{{показатель}}", "{{было}}", "{{стало}}", "{{изменение}}", "{{изменение_процент}}"],
                                   ["TableText", "TableRight", "TableRight", "TableRight", "TableRight"])])
    provision_last = t.table("ProvisionLast", [0.9, 5.3, 2.0, 2.2, 2.2, 2.2, 2.2],
                             [["№", "Школа", "Уча" + soft + "щихся", "Экземп" + soft + "ляров", "Обеспе" + soft + "чен" + soft + "ность, %",
                               "{{прошлый_учебный_год}}, %", "Изме" + soft + "нение"]],
                             [loop_row("статистика.школы", ["{{номер}}", "{{школа}}", "{{учащихся}}", "{{учебников}}", "{{обеспеченность}}",
                                                            "{{обеспеченность_было}}", "{{обеспеченность_изменение}}"],
                                       ["TableCenter", "TableText", "TableRight", "TableRight", "TableRight", "TableRight", "TableRight"]),
                              row([cell("", "TableText"), cell("Итого по району", "TableBold"), cell("{{статистика.итого.учащихся}}", "TableRightBold"),
                                   cell("{{статистика.итого.учебников}}", "TableRightBold"), cell("{{статистика.итого.обеспеченность}}", "TableRightBold"),
                                   cell("", "TableText"), cell("", "TableText")])])
    provision = t.table("Provision", [0.9, 7.7, 2.7, 2.8, 2.9],
                        [["№", "Школа", "Учащихся", "Экземпляров", "Обеспе" + soft + "чен" + soft + "ность, %"]],
                        [loop_row("статистика.школы", ["{{номер}}", "{{школа}}", "{{учащихся}}", "{{учебников}}", "{{обеспеченность}}"],
                                  ["TableCenter", "TableText", "TableRight", "TableRight", "TableRight"]),
                         row([cell("", "TableText"), cell("Итого по району", "TableBold"), cell("{{статистика.итого.учащихся}}", "TableRightBold"),
                              cell("{{статистика.итого.учебников}}", "TableRightBold"), cell("{{статистика.итого.обеспеченность}}", "TableRightBold")])])
    classes = t.table("Classes", [3.0, 4.5, 4.5, 5.0],
                      [["Класс", "Учащихся", "Экземпляров", "Обеспеченность, %"]],
                      [loop_row("статистика.классы", ["{{класс}}", "{{учащихся}}", "{{учебников}}", "{{обеспеченность}}"],
                                ["TableCenter", "TableRight", "TableRight", "TableRight"])])
    grades = [str(g) for g in range(1, 12)]
    matrix = t.table("Matrix", [3.8] + [1.05] * 11 + [1.65],
                     [["Школа"] + grades + ["Всего"]],
                     [loop_row("статистика.школы", ["{{школа}}"] + ["{{обеспеченность_%s}}" % g for g in grades] + ["{{обеспеченность}}"],
                               ["TinyText"] + ["TinyRight"] * 12),
                      row([cell("По району", "TinyBold")] + [cell("{{статистика.итого.обеспеченность_%s}}" % g, "TinyRightBold") for g in grades]
                          + [cell("{{статистика.итого.обеспеченность}}", "TinyRightBold")])],
                     head_style="TinyHead")
    sign = ('<table:table table:name="Signature" table:style-name="SignTable">'
            '<table:table-column table:style-name="Sign.A"/><table:table-column table:style-name="Sign.B"/>'
            '<table:table-row>'
            '<table:table-cell table:style-name="SignCell" office:value-type="string">' + p("SignLeft", "{{подпись.должность}}") + '</table:table-cell>'
            '<table:table-cell table:style-name="SignCell" office:value-type="string">' + p("SignRight", "{{подпись.подпись}}") + '</table:table-cell>'
            '</table:table-row></table:table>')
    return "\n".join([
        hidden("{{! Встроенный шаблон анализа работы Shablon. Теги — docs/template-language.md (и «Диаграммы»); данные — docs/analysis-format.md. }}"),
        items("заголовок", "Title"),
        p("Standard"),
        # Theme, goal, tasks, members.
        p("Heading", "Общие сведения"),
        block("тема", p("Body", bold("{{тема.подпись}}") + " {{тема.текст}}")),
        block("цель", p("Body", bold("{{цель.подпись}}") + " {{цель.текст}}")),
        block("задачи_года", p("ListTitle", bold("Задачи на {{учебный_год}} учебный год:")), items("задачи_года")),
        block("число_членов", p("Body", "Число членов объединения: {{число_членов}}{{#if число_школ}}; школ района, представивших статистику: {{число_школ}}{{/if}}.")),
        # Meetings and events.
        p("Heading", "Заседания и мероприятия"),
        p("Body", "В {{учебный_год}} учебном году {{итоги.заседания_текст}}. По плану работы {{итоги.мероприятия_текст}}: "
                  "план выполнен на {{итоги.выполнение}}\u00a0%.{{#if итоги.вне_плана}} Сверх плана проведено: {{итоги.вне_плана_текст}}.{{/if}}"),
        p("Body", "Докладчиков — {{итоги.докладчиков}}, школ, представители которых участвовали в работе объединения, — {{итоги.школ}}."),
        block("заседания", p("Caption", "Заседания"), meetings),
        chart("диаграммы.мероприятия"),
        block("мероприятия", p("Caption", "Выполнение плана мероприятий"), events),
        block("вне_плана", p("ListTitle", bold("Мероприятия сверх плана:")),
              items("вне_плана", text="– {{мероприятие}}{{#if дата}} ({{дата}}){{/if}}{{#if докладчики}}; {{докладчики}}{{/if}}")),
        # Professional development and sharing experience.
        p("Heading", "Повышение квалификации и обмен опытом"),
        hidden("{{#if повышение_квалификации}}"), training, hidden("{{else}}"),
        p("Body", "Сведений о повышении квалификации нет."), hidden("{{/if}}"),
        block("обмен_опытом", p("ListTitle", bold("Обобщение и распространение опыта:")), items("обмен_опытом", text="– {{текст}}")),
        # Contests.
        p("Heading", "Участие в конкурсах"),
        hidden("{{#if конкурсы}}"), contests, hidden("{{else}}"), p("Body", "Сведений об участии в конкурсах нет."), hidden("{{/if}}"),
        # Library statistics and textbook provision.
        block("статистика",
              p("Heading", "Статистические показатели работы библиотек"),
              p("Caption", "Читатели и обслуживание (читаемость = книговыдача / читатели, посещаемость = посещения / читатели)"),
              readers,
              p("Caption", "Фонд (обращаемость = книговыдача / фонд, книгообеспеченность = фонд / читатели)"),
              fund,
              chart("диаграммы.книговыдача"),
              block("статистика.прошлый_год", p("Caption", "Сравнение с {{прошлый_учебный_год}} учебным годом (по району)"), comparison),
              p("Heading", "Обеспеченность учебниками"),
              p("Body", "Обеспеченность учащихся учебниками по району — {{статистика.итого.обеспеченность}}\u00a0%. Обеспеченность класса — "
                        "отношение числа экземпляров к числу учащихся (не более 100\u00a0%); по школе и району — среднее, взвешенное по числу учащихся."),
              p("Caption", "Обеспеченность учебниками по школам"),
              hidden("{{#if статистика.прошлый_год}}"), provision_last, hidden("{{else}}"), provision, hidden("{{/if}}"),
              chart("диаграммы.обеспеченность"),
              p("Caption", "Обеспеченность по классам, %"),
              matrix,
              p("Caption", "По району"),
              classes,
              chart("диаграммы.классы")),
        # Conclusions and next year's tasks.
        p("Heading", "Выводы"),
        items("выводы", "Body"),
        block("проблемы", p("ListTitle", bold("Проблемы:")), items("проблемы", text="– {{this}}")),
        block("задачи_на_следующий_год", p("ListTitle", bold("Задачи на {{следующий_учебный_год}} учебный год:")), items("задачи_на_следующий_год")),
        block("подпись", sign, block("подпись.дата", p("SignLeft", "{{подпись.дата}}"))),
    ])


def school_report(t):
    def value(path):
        return "{{%s | number | default: \"—\"}}" % path

    figures = [
        ("Читателей, всего", "{{читатели | default: \"—\"}}"),
        ("в том числе учащихся", value("читатели_учащиеся")),
        ("учителей", value("читатели_учителя")),
        ("прочих", value("читатели_прочие")),
        ("Книговыдача, экз.", value("книговыдача")),
        ("Посещения", value("посещения")),
        ("Читаемость (книговыдача / читатели)", "{{читаемость | default: \"—\"}}"),
        ("Посещаемость (посещения / читатели)", "{{посещаемость | default: \"—\"}}"),
    ]
    fund = [
        ("Фонд, всего, экз.", value("фонд")),
        ("в том числе учебники", value("фонд_учебники")),
        ("художественная литература", value("фонд_художественная")),
        ("Поступило за год, экз.", value("поступило")),
        ("Выбыло за год, экз.", value("выбыло")),
        ("Обращаемость фонда (книговыдача / фонд)", "{{обращаемость | default: \"—\"}}"),
        ("Книгообеспеченность (фонд / читатели)", "{{книгообеспеченность | default: \"—\"}}"),
    ]
    readers = t.table("Readers", [12.0, 5.0], [["Показатель", "Значение"]],
                      [row([cell(n), cell(v, "TableRight")]) for n, v in figures])
    stock = t.table("Fund", [12.0, 5.0], [["Показатель", "Значение"]],
                    [row([cell(n), cell(v, "TableRight")]) for n, v in fund])
    classes = t.table("Classes", [3.0, 4.5, 4.5, 5.0], [["Класс", "Учащихся", "Экземпляров учебников", "Обеспеченность, %"]],
                      [row([cell(str(g), "TableCenter"), cell(value("учащиеся_%d" % g), "TableRight"), cell(value("учебники_%d" % g), "TableRight"),
                            cell("{{обеспеченность_%d | default: \"—\"}}" % g, "TableRight")]) for g in range(1, 12)]
                      + [row([cell("Всего", "TableBold"), cell("{{учащихся | default: \"—\"}}", "TableRightBold"),
                              cell("{{учебников | default: \"—\"}}", "TableRightBold"), cell("{{обеспеченность | default: \"—\"}}", "TableRightBold")])])
    last = t.table("LastYear", [6.5, 2.5, 2.5, 2.7, 2.8], [["Показатель", "Прошлый год", "Этот год", "Изменение", "Изменение, %"]],
                   [loop_row("прошлый_год", ["{{показатель}}", "{{было}}", "{{стало}}", "{{изменение}}", "{{изменение_процент}}"],
                             ["TableText", "TableRight", "TableRight", "TableRight", "TableRight"])])
    sign = ('<table:table table:name="Signature" table:style-name="SignTable">'
            '<table:table-column table:style-name="Sign.A"/><table:table-column table:style-name="Sign.B"/>'
            '<table:table-row>'
            '<table:table-cell table:style-name="SignCell" office:value-type="string">' + p("SignLeft", "Педагог-библиотекарь") + '</table:table-cell>'
            '<table:table-cell table:style-name="SignCell" office:value-type="string">' + p("SignRight", "__________ /_____________/") + '</table:table-cell>'
            '</table:table-row></table:table>')
    return "\n".join([
        hidden("{{! Встроенный шаблон отчёта школьной библиотеки Shablon: данные — строка таблицы статистики (docs/analysis-format.md). }}"),
        p("Title", "Отчёт о работе библиотеки"),
        p("Title", "{{школа | типографика}}"),
        p("Title", "за {{учебный_год | default: \"20__/20__\"}} учебный год"),
        block("район", p("Title", "{{район | типографика}}")),
        p("Standard"),
        p("Caption", "Читатели и обслуживание"),
        readers,
        p("Caption", "Фонд библиотеки"),
        stock,
        p("Caption", "Обеспеченность учебниками"),
        classes,
        p("Body", "Обеспеченность класса — отношение числа экземпляров к числу учащихся (не более 100\u00a0%); всего по школе — среднее, взвешенное по числу учащихся."),
        block("прошлый_год", p("Caption", "Сравнение с прошлым учебным годом"), last),
        sign,
        p("SignLeft", "{{дата | default: \"«___» ____________ 20__ г.\"}}"),
    ])


def write(name, title, body_fn):
    t = Tables()
    body = body_fn(t)
    tmpl = open(os.path.join(HERE, "analysis.fodt.in"), encoding="utf-8").read()
    doc = tmpl.replace("@TITLE@", title).replace("@COLUMN_STYLES@", "\n".join(t.styles)).replace("@BODY@", body)
    dest = os.path.join(HERE, "..", "templates", "src", name + ".fodt")
    with open(dest, "w", encoding="utf-8") as f:
        f.write(doc)
    print("templates/src/%s.fodt" % name)


def main():
    write("analysis", "Анализ работы {{вид}} за {{учебный_год}} учебный год", analysis)
    write("school-report", "Отчёт о работе библиотеки: {{школа}}", school_report)


if __name__ == "__main__":
    main()
