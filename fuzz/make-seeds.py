#!/usr/bin/env python3
"""Builds raw seed inputs for the fuzz targets from the project's fixtures (Tests/, examples/,
templates/, docs/) into a folder per target: OUT/<Target>/. `make fuzz-seeds` then minimises them
with libFuzzer's -merge=1 into fuzz/corpus/<Target>/, which is what is committed.

Large parts are cut down to their first body elements so that every seed fits the target's max_len."""
import glob, hashlib, io, os, re, sys, zipfile
from xml.dom import minidom

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build-fuzz", "seeds")
LIMIT = {"FuzzTemplate": 4096, "FuzzPart": 16384, "FuzzRender": 16384, "FuzzXML": 16384,
         "FuzzZip": 65536, "FuzzXLSX": 65536, "FuzzData": 16384, "FuzzCSV": 8192}


def save(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > LIMIT[target]:
        return
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def files(*patterns):
    seen = set()
    for p in patterns:
        for f in sorted(glob.glob(os.path.join(ROOT, p), recursive=True)):
            if f not in seen and os.path.isfile(f):
                seen.add(f)
                yield f


def shrink(xml, budget):
    """The part with only as many elements of its body as fit the budget (prefixes kept as written)."""
    if len(xml) <= budget:
        return xml
    try:
        dom = minidom.parseString(xml)
    except Exception:
        return None
    body = None
    for name in ("w:body", "office:text", "w:hdr", "w:ftr"):
        found = dom.getElementsByTagName(name)
        if found:
            body = found[0]
            break
    if body is None:
        return None
    kids = [k for k in body.childNodes if k.nodeType == k.ELEMENT_NODE]
    keep_last = kids[-1] if kids and kids[-1].tagName == "w:sectPr" else None
    for k in kids:
        if k is not keep_last:
            body.removeChild(k)
    out = None
    for k in kids:
        if k is keep_last:
            continue
        body.insertBefore(k, keep_last) if keep_last else body.appendChild(k)
        text = dom.toxml("UTF-8")
        if len(text) > budget:
            body.removeChild(k)
            break
        out = text
    return out


def paragraphs(xml):
    """The text of each paragraph (runs split by 0x01), one per line: FuzzTemplate's input format."""
    try:
        dom = minidom.parseString(xml)
    except Exception:
        return []
    lines = []
    for name, run in (("w:p", "w:t"), ("text:p", None)):
        for p in dom.getElementsByTagName(name):
            if run:
                texts = ["".join(n.data for n in t.childNodes if n.nodeType == n.TEXT_NODE)
                         for t in p.getElementsByTagName(run)]
                lines.append("\x01".join(texts))
            else:
                def text(n):
                    return "".join(c.data if c.nodeType == c.TEXT_NODE else text(c) for c in n.childNodes)
                lines.append(text(p))
    return [l for l in lines if l.strip()]


def stripped_package(path):
    """The package without thumbnails and settings (the same structure, a fraction of the bytes)."""
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            if info.filename.startswith("Thumbnails/") or info.filename == "settings.xml":
                continue
            data = src.read(info.filename)
            if info.filename.endswith(".xml") and len(data) > 8192:
                data = shrink(data, 8192) or data
            dst.writestr(info, data, compress_type=info.compress_type)
    return buf.getvalue()


# Template text: tag snippets of the docs and of test sources, and the paragraphs of real templates.
tag = re.compile(r"\{\{[^{}\n]{0,120}\}\}")
for f in files("docs/**/*.md", "README.md"):
    text = open(f, encoding="utf-8").read()
    for block in re.findall(r"```[^\n]*\n(.*?)```", text, re.S):
        if "{{" in block:
            save("FuzzTemplate", block)
    for line in text.splitlines():
        if "{{" in line:
            save("FuzzTemplate", " ".join(tag.findall(line)))
for f in files("Tests/**/*.swift"):
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*\{\{(?:[^"\\\n]|\\.)*)"', open(f, encoding="utf-8").read()):
        literal = literal.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
        save("FuzzTemplate", re.sub(r"<[^>]*>", "\x01", literal))

# Parts, packages, data.
docs = list(files("examples/**/*.docx", "templates/**/*.docx", "Tests/**/*.docx"))
odts = list(files("examples/**/*.odt", "templates/**/*.odt", "Tests/**/*.odt"))
for path in docs + odts:
    z = zipfile.ZipFile(path)
    for name in z.namelist():
        data = z.read(name)
        if name in ("word/document.xml", "content.xml") or re.match(r"word/(header|footer)\d*\.xml", name):
            lines = paragraphs(data)
            for i in range(0, len(lines), 12):
                save("FuzzTemplate", "\n".join(lines[i:i + 12]))
        if not name.endswith(".xml"):
            continue
        small = shrink(data, 15000)
        if small is None:
            continue
        dialect = 1 if path.endswith(".odt") else (2 if name == "docProps/core.xml" else 0)
        if name in ("word/document.xml", "content.xml", "styles.xml", "meta.xml", "docProps/core.xml") \
                or re.match(r"word/(header|footer|footnotes|endnotes)\d*\.xml", name):
            save("FuzzPart", bytes([dialect]) + small)
        if name in ("word/document.xml", "content.xml"):
            save("FuzzRender", bytes([dialect & 1]) + small)
        save("FuzzXML", small)
    save("FuzzZip", stripped_package(path))
for f in files("Tests/**/Golden/*.xml"):
    data = open(f, "rb").read()
    save("FuzzXML", data)
    save("FuzzPart", bytes([1 if "odt" in f else 0]) + data)
    if f.endswith("document.xml") or f.endswith("content.xml"):
        save("FuzzRender", bytes([1 if "odt" in f else 0]) + data)
for f in files("examples/**/*.xlsx", "Tests/**/*.xlsx"):
    data = open(f, "rb").read()
    save("FuzzZip", data)
    save("FuzzXLSX", data)
    z = zipfile.ZipFile(f)
    parts = []
    for name in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"):
        d = z.read(name) if name in z.namelist() else b""
        if name.endswith("sheet1.xml") and len(d) > 30000:
            m = re.search(rb"<row [^>]*>", d)
            rows = re.findall(rb"<row .*?</row>", d, re.S)[:40]
            d = d[:m.start()] + b"".join(rows) + b"</sheetData></worksheet>" if m else d
        parts.append(d)
    save("FuzzXLSX", b"\x00".join(parts))
for f in files("examples/**/*.yaml", "examples/**/*.yml", "examples/**/*.json", "Tests/**/*.yaml", "Tests/**/*.json"):
    save("FuzzData", open(f, "rb").read())
for f in files("examples/**/*.csv", "Tests/**/*.csv"):
    data = open(f, "rb").read()
    save("FuzzCSV", b"\n".join(data.split(b"\n")[:40]))
# Data literals of the loader tests.
for f in files("Tests/ShablonDataTests/*.swift"):
    src = open(f, encoding="utf-8").read()
    for literal in re.findall(r'"""\n(.*?)\n\s*"""', src, re.S):
        literal = literal.replace('\\"', '"').replace("\\\\", "\\")
        save("FuzzCSV" if ";" in literal.splitlines()[0] else "FuzzData", literal)
    for literal in re.findall(r'"((?:[^"\\\n]|\\.){4,})"', src):
        text = literal.replace('\\"', '"').replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\\\", "\\")
        if ";" in text and "\n" in text:
            save("FuzzCSV", text)
        elif ":" in text or text.lstrip().startswith(("{", "[")):
            save("FuzzData", text)
for t in LIMIT:
    n = len(os.listdir(os.path.join(OUT, t))) if os.path.isdir(os.path.join(OUT, t)) else 0
    print(f"{t}: {n} seeds")
