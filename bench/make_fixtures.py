#!/usr/bin/env python3
"""Writes the benchmark's template in both syntaxes (Shablon and docxtpl/Jinja) from one skeleton,
and its data as JSON: bench/work/plan-shablon.docx, plan-docxtpl.docx, events-N.json; and the data of a
five-page plan for `shablon plan` (the PDF rows): bench/work/plan-5-pages.json."""
import json, os, random, sys, zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""
DOCRELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"""

def para(text, bold=False, align=None):
    ppr = f'<w:pPr><w:jc w:val="{align}"/></w:pPr>' if align else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'

def cell(text, width):
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'

def row(cells):
    widths = [700, 5200, 1800, 2000]
    return "<w:tr>" + "".join(cell(t, w) for t, w in zip(cells, widths)) + "</w:tr>"

def document(s):
    """s: the syntax's spellings of each tag."""
    body = [
        para("УТВЕРЖДАЮ", align="right"), para(s["position"], align="right"), para(s["name"], align="right"),
        para(s["date"], align="right"),
        para("План работы", bold=True, align="center"), para(s["title"], bold=True, align="center"),
        para(s["theme"]), para("Задачи:", bold=True),
        para(s["tasks_open"]), para(s["task"]), para(s["tasks_close"]),
        '<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>'
        '<w:tblGrid><w:gridCol w:w="700"/><w:gridCol w:w="5200"/><w:gridCol w:w="1800"/><w:gridCol w:w="2000"/></w:tblGrid>',
        row(["№", "Мероприятие", "Сроки", "Ответственные"]),
    ]
    body += s["rows"]
    body.append("</w:tbl>")
    body.append(para(s["signature"]))
    body.append('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="567" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>' + "".join(body) + "</w:body></w:document>"

SHABLON = {
    "position": "{{approval.position}}", "name": "{{approval.name}}", "date": "{{approval.date}}",
    "title": "{{association}} на {{year}} учебный год", "theme": "Тема: {{theme}}",
    "tasks_open": "{{#each tasks}}", "task": "– {{this}};", "tasks_close": "{{/each}}",
    "rows": [row(["{{#each events}}{{@number}}.", "{{text}}", "{{when}}", "{{who}}{{/each}}"])],
    "signature": "Руководитель {{association}} ____________ {{head}}",
}
DOCXTPL = {
    "position": "{{ approval.position }}", "name": "{{ approval.name }}", "date": "{{ approval.date }}",
    "title": "{{ association }} на {{ year }} учебный год", "theme": "Тема: {{ theme }}",
    "tasks_open": "{%p for t in tasks %}", "task": "– {{ t }};", "tasks_close": "{%p endfor %}",
    "rows": [row(["{%tr for e in events %}", "", "", ""]), row(["{{ loop.index }}.", "{{ e.text }}", "{{ e.when }}", "{{ e.who }}"]),
             row(["{%tr endfor %}", "", "", ""])],
    "signature": "Руководитель {{ association }} ____________ {{ head }}",
}

def write_docx(path, xml):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOCRELS)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/document.xml", xml)

def data(n):
    rnd = random.Random(n)
    months = ["Сентябрь", "Октябрь", "Ноябрь", "Декабрь", "Январь", "Февраль", "Март", "Апрель", "Май", "В течение года"]
    people = ["Мустафина О.Р.", "Труханова С.С.", "Леонтьева Н.А.", "Все библиотекари", "Руководитель РМО"]
    topics = ["Семинар «Школьная библиотека & чтение»", "Мониторинг обеспеченности учебниками", "Круглый стол <опыт>",
              "Мастер-класс по работе с фондом", "Конкурс чтецов «Живая классика»", "Заседание РМО № 2"]
    return {
        "approval": {"position": "Директор МОУ ДПО УМЦ", "name": "Г.В. Венкова", "date": "«02» сентября 2024 г."},
        "association": "РМО школьных библиотекарей", "year": "2024/2025",
        "theme": "Библиотека, книга и читатель в век электронных технологий",
        "tasks": ["изучение потребностей библиотекарей", "информирование об изменениях в документах",
                  "содействие освоению новых технологий", "обобщение передового опыта", "помощь молодым специалистам"],
        "events": [{"text": f"{rnd.choice(topics)} ({i + 1})", "when": rnd.choice(months), "who": rnd.choice(people)} for i in range(n)],
        "head": "О.Р. Мустафина",
    }

def plan_pages():
    """A plan for `shablon plan` that fills five A4 pages: the approval, the title, a task list and
    an event table of four sections, and the signatures."""
    rnd = random.Random(5)
    works = ["Семинар «Школьная библиотека как центр чтения и информационной культуры»",
             "Мониторинг обеспеченности обучающихся учебной литературой; координация межшкольного обмена учебниками",
             "Круглый стол «Роль школьной библиотеки в формировании читательской компетенции»",
             "Мастер-класс «Работа с фондом: списание, учёт, расстановка»",
             "Участие в вебинарах, дистанционных курсах, конференциях", "Консультации по ведению библиотечной документации"]
    months = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март", "апрель", "май", "в течение года"]
    sections = ["Нормативно-правовое обеспечение", "Организационно-методическая деятельность",
                "Консультативно-методическая деятельность", "Информационно-аналитическая деятельность"]
    return {
        "утверждение": {"должность": "директор МОУ ДПО УМЦ", "фио": "Г.В. Венкова", "год": 2024},
        "вид": "ММО", "учебный_год": "2024-2025",
        "тема": "Развитие творческой инициативы библиотечных работников и формирование их профессионализма.",
        "цель": "Повышение профессионального уровня школьных библиотекарей.",
        "списки": [{"заголовок": "Задачи:", "маркер": "-", "пункты": [
            "Повышать профессиональную компетентность школьных библиотекарей;",
            "Изучать нормативно-правовую документацию и инструктивно-методическую литературу;",
            "Совершенствовать традиционные и осваивать новые технологии в работе библиотекаря;",
            "Внедрять креативные формы популяризации чтения, работы с читателями."]}],
        "таблица": {"колонки": ["номер", "мероприятие", "сроки", "ответственные"], "разделы": [
            {"заголовок": title, "мероприятия": [
                {"текст": rnd.choice(works), "сроки": rnd.choice(months), "ответственные": "Методист, руководитель ММО, члены ММО"}
                for _ in range(12)]} for title in sections]},
        "подписи": [{"должность": "Руководитель ММО", "фио": "Никитенко Т.Г."}, {"должность": "Методист", "фио": "Леонтьева Э.В."}],
    }

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "work")
    os.makedirs(out, exist_ok=True)
    write_docx(os.path.join(out, "plan-shablon.docx"), document(SHABLON))
    write_docx(os.path.join(out, "plan-docxtpl.docx"), document(DOCXTPL))
    with open(os.path.join(out, "plan-5-pages.json"), "w", encoding="utf-8") as f:
        json.dump(plan_pages(), f, ensure_ascii=False)
    for n in (40, 1000, 10000, 100000):
        with open(os.path.join(out, f"events-{n}.json"), "w", encoding="utf-8") as f:
            json.dump(data(n), f, ensure_ascii=False)

if __name__ == "__main__":
    main()
