#!/usr/bin/env python3
"""Builds the documents `shablon import` is tested on: the five seed plans (examples/plans/*.yaml,
transcribed from /work/shared/seeds) typed the way people type them, in two layouts each:

  NAME-word.docx  Word: the approval stamp in a borderless two-column table, the title centred and bold,
                  lists with real Word numbering (numbering.xml, sub-items on level 1), section rows
                  merged across the table (gridSpan), agenda items in rows of their own, signatures in
                  a borderless table; runs split in the middle of words, spell-check marks (proofErr),
                  a bookmark (_GoBack), a revision (an insertion kept, a deletion that must vanish),
                  non-breaking spaces after «г.» and «№».
  NAME-lo.odt     LibreOffice: the stamp as right-aligned paragraphs, the title as one centred paragraph
                  with line breaks, lists with typed markers («- », «· », «1. ») and sub-items indented,
                  section rows spanned (number-columns-spanned + covered cells), a meeting and its agenda
                  in one cell (one paragraph an item) with the speakers line by line in the next cell,
                  spans splitting words, runs of spaces as <text:s/>, signatures typed with a tab.

The documents are written directly as XML (no office suite needed) and checked in; run again after
changing the examples: python3 Tests/ImportFixtures/make-fixtures.py
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXAMPLES = ["ponomarevsky-2023-2024", "serpukhov-2024-2025", "rmo-2019-2020", "beloyarsky-2025-2026", "omo-2024-2025"]
DEFAULT_HEADERS = {"номер": "№", "мероприятие": "Мероприятия", "сроки": "Сроки", "ответственные": "Ответственные"}


def text(v):
    return "" if v is None else str(v)


def paras(v):
    """A value's lines: a list's items, or a text's lines."""
    if v is None:
        return []
    if isinstance(v, list):
        return [text(x) for x in v]
    return text(v).split("\n")


# ---------------------------------------------------------------- the plan as neutral blocks

def blocks(d):
    out = []
    a = d.get("утверждение")
    if a:
        if "приказ" in a:
            out.append(("stamp", ["УТВЕРЖДЕН " + a["приказ"] + (" от " + a["дата"].strftime("%d.%m.%Y") if a.get("дата") else "")
                                  + (" № " + text(a["номер"]) if a.get("номер") else "")]))
        else:
            name = text(a.get("фио"))
            lines = ["УТВЕРЖДАЮ", a["должность"]] + ([a["организация"]] if a.get("организация") else [])
            lines.append("________" + name + ("/" if a.get("косые_черты") else ""))
            lines.append(("«___» ________ %s г." % a["год"]) if a.get("год") else "«___» ________ 20__ г.")
            out.append(("stamp", lines))
    if not d.get("без_заголовка"):
        title = d.get("заголовок") or ["План работы", text(d.get("объединение")), "на %s учебный год" % d["учебный_год"]]
        out.append(("title", [text(x) for x in title]))
    for key, label in (("тема", "Методическая тема:"), ("цель", "Цель:")):
        v = d.get(key)
        if v is None:
            continue
        if isinstance(v, dict):
            out.append(("labeled", v.get("подпись", label), text(v["текст"])))
        else:
            out.append(("labeled", label, text(v)))
    for l in d.get("списки", []):
        if "текст" in l and "пункты" not in l:
            out.append(("inline", l["заголовок"], text(l["текст"])))
            continue
        items = []
        for it in l.get("пункты", []):
            if isinstance(it, dict):
                items.append((text(it["текст"]), [text(s) for s in it.get("подпункты", [])]))
            else:
                items.append((text(it), []))
        out.append(("list", l.get("заголовок"), text(l.get("маркер", "1.")), items))
    t = d.get("таблица")
    if t:
        cols = t.get("колонки") or ["номер", "мероприятие", "сроки", "ответственные"]
        headers = [text((t.get("подписи") or {}).get(c, DEFAULT_HEADERS[c])) for c in cols]
        sections = t.get("разделы") or []
        if "мероприятия" in t:
            sections = [{"мероприятия": t["мероприятия"]}] + sections
        out.append(("table", t.get("заголовок"), cols, headers, sections))
    if d.get("подписи"):
        out.append(("signatures", [(text(s["должность"]), text(s.get("фио"))) for s in d["подписи"]]))
    for n in d.get("примечания", []):
        out.append(("note", text(n)))
    return out


def event_rows(sections, cols, agenda_in_rows):
    """Rows of the table: ("section", title) or ("row", {column: [paragraphs]})."""
    rows = []
    counter = 0
    for s in sections:
        if s.get("заголовок"):
            rows.append(("section", text(s["заголовок"])))
        for e in s.get("мероприятия", []):
            if isinstance(e, str):
                e = {"текст": e}
            number = ""
            if e.get("номер") is not None:
                number = text(e["номер"])
                digits = "".join(ch for ch in number if ch.isdigit())
                counter = int(digits) if digits else counter
            elif not e.get("без_номера"):
                counter += 1
                number = "%d." % counter
            dates = text(e.get("сроки"))
            if e.get("место"):
                dates = dates + ", " + text(e["место"]) if dates else text(e["место"])
            agenda = []
            for a in e.get("пункты", []):
                agenda.append((text(a["тема"]), text(a.get("докладчик"))) if isinstance(a, dict) else (text(a), ""))
            resp = paras(e.get("ответственные"))
            title = paras(e.get("текст")) if e.get("текст") is not None else []
            if agenda and agenda_in_rows:
                first = {"номер": [number], "мероприятие": title, "сроки": dates.split("\n"), "ответственные": resp}
                if not title:
                    topic, speaker = agenda.pop(0)
                    first["мероприятие"] = [topic]
                    first["ответственные"] = resp + ([speaker] if speaker else [])
                rows.append(("row", first))
                for topic, speaker in agenda:
                    rows.append(("row", {"номер": [""], "мероприятие": [topic], "сроки": [""], "ответственные": [speaker]}))
            elif agenda:
                speakers = [sp for _, sp in agenda]
                rows.append(("row", {"номер": [number], "мероприятие": title + [t for t, _ in agenda], "сроки": dates.split("\n"),
                                     "ответственные": resp + speakers}))
            else:
                rows.append(("row", {"номер": [number], "мероприятие": title, "сроки": dates.split("\n"), "ответственные": resp}))
    return rows


# ---------------------------------------------------------------- Word

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def nbsp(s):
    return s.replace("г. ", "г.\u00a0").replace("№ ", "№\u00a0")


class Word:
    def __init__(self):
        self.count = 0

    def runs(self, s, bold=False):
        """Text as Word leaves it: long words split across runs, spell-check marks around some."""
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        out = []
        for li, line in enumerate(nbsp(s).split("\n")):
            if li:
                out.append("<w:r>%s<w:br/></w:r>" % rpr)
            for wi, word in enumerate(line.split(" ")):
                piece = word + (" " if wi < len(line.split(" ")) - 1 else "")
                self.count += 1
                if len(word) > 7 and self.count % 3 == 0:
                    half = len(word) // 2
                    out.append('<w:proofErr w:type="spellStart"/><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>'
                               '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r><w:proofErr w:type="spellEnd"/>'
                               % (rpr, escape(piece[:half]), rpr, escape(piece[half:])))
                elif piece:
                    out.append('<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, escape(piece)))
        return "".join(out)

    def p(self, s, align=None, bold=False, num=None, extra=""):
        ppr = ""
        if num:
            ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % num
        if align:
            ppr += '<w:jc w:val="%s"/>' % align
        return "<w:p>%s%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", extra, self.runs(s, bold))

    def cell(self, ps, span=1, bold=False):
        tcpr = '<w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>' % span if span > 1 else ""
        body = "".join(self.p(x, bold=bold) for x in (ps or [""]))
        return "<w:tc>%s%s</w:tc>" % (tcpr, body)

    def table(self, rows, borders=True, header=False):
        n = max(sum(span for _, span in r) for r in rows)
        b = ('<w:tblBorders>' + "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % e
                                         for e in ("top", "left", "bottom", "right", "insideH", "insideV")) + '</w:tblBorders>') if borders else \
            '<w:tblBorders>' + "".join('<w:%s w:val="nil"/>' % e for e in ("top", "left", "bottom", "right", "insideH", "insideV")) + '</w:tblBorders>'
        out = ['<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>%s</w:tblPr><w:tblGrid>%s</w:tblGrid>' % (b, '<w:gridCol w:w="2000"/>' * n)]
        for i, r in enumerate(rows):
            trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header and i == 0 else ""
            out.append("<w:tr>%s%s</w:tr>" % (trpr, "".join(self.cell(ps, span, bold=(header and i == 0) or (span == n and n > 1)) for ps, span in r)))
        out.append("</w:tbl>")
        return "".join(out)


NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering %s>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1)"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
%s
</w:numbering>"""

MARKER_ABSTRACT = {"1.": 0, "-": 1, "·": 2, "1)": 3}

STYLES_DOCX = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles %s><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="List Paragraph"/><w:basedOn w:val="a"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>
</w:styles>""" % W


def docx(d, path):
    w = Word()
    body = []
    nums = []
    for b in blocks(d):
        kind = b[0]
        if kind == "stamp":
            # A borderless table: the left cell empty (no РАССМОТРЕНО in the seeds), the stamp on the right.
            body.append(w.table([[([""], 1), (b[1], 1)]], borders=False))
            body.append(w.p(""))
        elif kind == "title":
            for i, line in enumerate(b[1]):
                extra = '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>' if i == 0 else ""
                body.append(w.p(line, align="center", bold=True, extra=extra))
            body.append(w.p(""))
        elif kind == "labeled":
            body.append('<w:p><w:pPr><w:jc w:val="both"/></w:pPr>%s%s</w:p>' % (w.runs(b[1], bold=True), w.runs(" " + b[2])))
        elif kind == "inline":
            body.append('<w:p>%s%s</w:p>' % (w.runs(b[1], bold=True), w.runs(" " + b[2])))
        elif kind == "list":
            _, title, marker, items = b
            if title:
                body.append(w.p(title, bold=True))
            num_id = len(nums) + 1
            nums.append('<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>' % (num_id, MARKER_ABSTRACT.get(marker, 0)))
            for k, (t, subs) in enumerate(items):
                if k == 0 and len(items) > 1:
                    # A revision: one word inserted (kept), one deleted (dropped).
                    words = t.split(" ")
                    ins = '<w:ins w:id="101" w:author="Методист" w:date="2024-08-20T10:00:00Z"><w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:ins>' % escape(words[-1])
                    dele = '<w:del w:id="102" w:author="Методист" w:date="2024-08-20T10:00:00Z"><w:r><w:delText xml:space="preserve"> УДАЛЁННОЕ-СЛОВО</w:delText></w:r></w:del>'
                    body.append('<w:p><w:pPr><w:pStyle w:val="a3"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr>%s%s%s</w:p>'
                                % (num_id, w.runs(" ".join(words[:-1])), dele, ins))
                else:
                    body.append(w.p(t, num=(0, num_id)))
                for s in subs:
                    body.append(w.p(s, num=(1, num_id)))
        elif kind == "table":
            _, title, cols, headers, sections = b
            if title:
                body.append(w.p(title, bold=True))
            rows = [[([h], 1) for h in headers]]
            for r in event_rows(sections, cols, agenda_in_rows=True):
                if r[0] == "section":
                    rows.append([([r[1]], len(cols))])
                else:
                    rows.append([(r[1].get(c, [""]), 1) for c in cols])
            body.append(w.table(rows, header=True))
            body.append(w.p(""))
        elif kind == "signatures":
            body.append(w.table([[([pos], 1), (["________ " + name if name else "________"], 1)] for pos, name in b[1]], borders=False))
        elif kind == "note":
            body.append(w.p(b[1]))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
                '</w:body></w:document>') % (W, "".join(body))
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
        "word/document.xml": document,
        "word/styles.xml": STYLES_DOCX,
        "word/numbering.xml": NUMBERING % (W, "\n".join(nums)),
    }
    write_zip(path, files)


# ---------------------------------------------------------------- LibreOffice

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"')

ODF_STYLES = """<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="P2" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="P3" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/></style:style>
<style:style style:name="P4" style:family="paragraph"><style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="-0.5cm"/></style:style>
<style:style style:name="P5" style:family="paragraph"><style:paragraph-properties fo:margin-left="2.5cm" fo:text-indent="-0.5cm"/></style:style>
<style:style style:name="P6" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="T2" style:family="text"><style:text-properties style:text-underline-style="none"/></style:style>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm"/></style:style>
</office:automatic-styles>"""


class ODF:
    def __init__(self):
        self.count = 0

    def inline(self, s):
        out = []
        for li, line in enumerate(s.split("\n")):
            if li:
                out.append("<text:line-break/>")
            for wi, word in enumerate(line.split(" ")):
                self.count += 1
                if wi:
                    out.append(" " if self.count % 7 else "<text:s/>")
                if len(word) > 8 and self.count % 4 == 0:
                    half = len(word) // 2
                    out.append('%s<text:span text:style-name="T2">%s</text:span>' % (escape(word[:half]), escape(word[half:])))
                else:
                    out.append(escape(word))
        return "".join(out)

    def p(self, s, style=None):
        return '<text:p%s>%s</text:p>' % (' text:style-name="%s"' % style if style else "", self.inline(s))


def odt(d, path, act=False):
    o = ODF()
    body = []
    for b in blocks(d):
        kind = b[0]
        if kind == "stamp":
            for line in b[1]:
                body.append(o.p(line, "P1"))
            body.append(o.p(""))
        elif kind == "title":
            body.append('<text:p text:style-name="P2">%s</text:p>' % o.inline("\n".join(b[1])))
        elif kind == "labeled":
            body.append('<text:p text:style-name="P3">%s</text:p>' % o.inline(b[1] + " " + b[2]))
        elif kind == "inline":
            body.append('<text:p><text:span text:style-name="T1">%s</text:span> %s</text:p>' % (o.inline(b[1]), o.inline(b[2])))
        elif kind == "list":
            _, title, marker, items = b
            if title:
                body.append('<text:p><text:span text:style-name="T1">%s</text:span></text:p>' % o.inline(title))
            for k, (t, subs) in enumerate(items):
                typed = {"1.": "%d. " % (k + 1), "1)": "%d) " % (k + 1), "-": "- ", "·": "· "}.get(marker, marker + " ")
                body.append(o.p(typed + t, "P4"))
                for s in subs:
                    body.append(o.p("- " + s, "P5"))
        elif kind == "table":
            _, title, cols, headers, sections = b
            if title:
                body.append(o.p(title))
            n = len(cols)
            rows = ['<table:table table:name="План" table:style-name="Tbl"><table:table-column table:number-columns-repeated="%d"/>' % n,
                    "<table:table-header-rows><table:table-row>" + "".join(
                        '<table:table-cell office:value-type="string">%s</table:table-cell>' % o.p(h, "P6") for h in headers) + "</table:table-row></table:table-header-rows>"]
            for r in event_rows(sections, cols, agenda_in_rows=False):
                if r[0] == "section":
                    rows.append('<table:table-row><table:table-cell table:number-columns-spanned="%d" office:value-type="string">%s</table:table-cell>%s</table:table-row>'
                                % (n, o.p(r[1], "P6"), "<table:covered-table-cell/>" * (n - 1)))
                else:
                    rows.append("<table:table-row>" + "".join(
                        '<table:table-cell office:value-type="string">%s</table:table-cell>' % "".join(o.p(x) for x in (r[1].get(c) or [""])) for c in cols)
                        + "</table:table-row>")
            rows.append("</table:table>")
            body.append("".join(rows))
        elif kind == "signatures":
            for pos, name in b[1]:
                body.append('<text:p>%s___________<text:tab/>%s</text:p>' % (o.inline(pos), o.inline(name)))
        elif kind == "note":
            body.append(o.p(b[1]))
    if act:
        body.insert(0, o.p("Утвержден приказом управления образования от 02.09.2019 № 245", "P1"))
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s>%s<office:body><office:text>%s</office:text></office:body></office:document-content>'
               % (ODF_NS, ODF_STYLES, "".join(body)))
    files = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "META-INF/manifest.xml": '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        "content.xml": content,
        "styles.xml": '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles %s><office:styles/></office:document-styles>' % ODF_NS,
    }
    write_zip(path, files)


def write_zip(path, files):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 8, 20, 10, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    for name in EXAMPLES:
        with open(os.path.join(ROOT, "examples/plans/%s.yaml" % name), encoding="utf-8") as f:
            d = yaml.safe_load(f)
        docx(d, os.path.join(out, name + "-word.docx"))
        odt(d, os.path.join(out, name + "-lo.odt"), act=(name == "rmo-2019-2020"))
        print(os.path.join(out, name) + "-word.docx, -lo.odt")


if __name__ == "__main__":
    main()
