#!/usr/bin/env python3
"""Какие строки образца (seed) не нашлись в тексте.

    scripts/seed-lines.py SEED.txt TEXT.txt        # TEXT — любой текст (например, выгрузка документа)
    scripts/seed-lines.py SEED.txt --yaml DATA.yaml  # текст — все скалярные значения YAML подряд
    scripts/seed-lines.py -v …                     # ещё и строки, найденные только по частям

Обе стороны нормализуются одинаково: убираются разметка (`**`, `<u>`, `</u>`) и метки Word
(`[bookmark: …]`); «И.О. Фамилия» приводится к «Фамилия И.О.»; учебные годы «2023/2024»,
«2023-2024», «2023 - 2024» — к «2023/2024» (только пары четырёхзначных годов); затем удаляются все
пробельные символы, всё приводится к нижнему регистру, тире и дефисы — к «-», кавычки — к «"»,
подряд идущие «_» — к одному. Пустые после нормализации строки пропускаются.

Строка образца считается найденной, если её нормализованный текст — подстрока нормализованного
текста. Иначе строка делится на части: по табуляциям (ячейки таблицы) и по чертам «___» (линия
подписи); у каждой части отбрасываются ведущий маркер списка («-», «·», «•», «1.», «1)») и подпись
по умолчанию («Методическая тема:», «Цель:») — их ставит шаблон; строка найдена, если нашлась каждая
непустая часть (такие строки печатаются с ключом -v). Ненайденные строки печатаются с номером и
недостающими частями; код выхода 1, если такие есть, иначе 0; 2 — ошибка в аргументах.
Только стандартная библиотека (и PyYAML для --yaml, если есть; без него — грубый разбор).

Ограничение: проверка по подстроке, поэтому короткие строки («1.», «май») находятся почти всегда.
"""

import re
import sys

DASHES = "‐‑‒–—―−-"
QUOTES = "«»“”„‟\"'‘’‚"
_DASH_TABLE = {ord(c): "-" for c in DASHES}
_QUOTE_TABLE = {ord(c): '"' for c in QUOTES}

_MARKUP = re.compile(r"\*\*|</?u>|\[bookmark:[^\]]*\]", re.IGNORECASE)
_YEARS = re.compile(r"(?<!\d)(\d{4})\s*[" + re.escape(DASHES) + r"/]\s*(\d{4})(?!\d)")
_UPPER = "А-ЯЁA-Z"
_LOWER = "а-яёa-z"
# «И.О. Фамилия» (инициалы перед фамилией, фамилия может быть двойной через дефис).
_INITIALS_FIRST = re.compile(
    rf"(?<![{_UPPER}{_LOWER}])([{_UPPER}])\.\s*([{_UPPER}])\.\s*([{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)"
)
# Если перед инициалами стоит слово с заглавной буквы («Труханова С.С. Мустафина О.Р.»), это
# инициалы предыдущей фамилии, а не «И.О. Фамилия».
_SURNAME_BEFORE = re.compile(rf"[{_UPPER}][{_LOWER}]+,?[ \t\u00a0]+$")
_MARKER = re.compile(r"^(?:[-·•]|\d{1,3}[.)])")
# Подписи, которые шаблон ставит сам, когда в данных нет своей (`тема`, `цель` строкой).
TEMPLATE_LABELS = ("Методическая тема:", "Цель:")
_SPACE = re.compile(r"\s+")
_UNDERSCORES = re.compile(r"_+")
_PART_SPLIT = re.compile(r"\t|_{2,}")


def _names_surname_first(text):
    def repl(m):
        before = text[max(0, m.start() - 40):m.start()]
        if _SURNAME_BEFORE.search(before):
            return m.group(0)
        return f"{m.group(3)} {m.group(1)}.{m.group(2)}."
    return _INITIALS_FIRST.sub(repl, text)


def strip_markup(text):
    return _MARKUP.sub("", text)


def normalise(text):
    """Нормализует текст (строку образца или весь сравниваемый текст)."""
    text = strip_markup(text)
    text = _names_surname_first(text)
    text = _YEARS.sub(r"\1/\2", text)
    text = text.translate(_DASH_TABLE).translate(_QUOTE_TABLE)
    text = _SPACE.sub("", text).lower()
    return _UNDERSCORES.sub("_", text)


def _without_marker(norm):
    """Без ведущего маркера списка и без подписи по умолчанию («Цель:»)."""
    norm = _MARKER.sub("", norm, count=1)
    for label in _DEFAULT_LABELS:
        if norm.startswith(label):
            return norm[len(label):]
    return norm


_DEFAULT_LABELS = tuple(normalise(label) for label in TEMPLATE_LABELS)


def check_line(line, haystack):
    """Возвращает (статус, недостающие части): 'skip', 'found', 'parts' или 'missing'."""
    whole = normalise(line)
    if not whole.strip("_"):
        return "skip", []
    if whole in haystack:
        return "found", []
    missing = []
    for part in _PART_SPLIT.split(strip_markup(line)):
        norm = _without_marker(normalise(part)).strip("_")
        if norm and norm not in haystack:
            missing.append(part.strip())
    return ("missing", missing) if missing else ("parts", [])


def yaml_text(path):
    """Все скалярные значения YAML-файла (не ключи), по строке на значение."""
    with open(path, encoding="utf-8-sig") as f:
        source = f.read()
    try:
        import yaml  # PyYAML
    except ImportError:
        print(f"{path}: PyYAML не установлен, значения извлекаются грубо, построчно", file=sys.stderr)
        return _yaml_text_rough(source)
    values = []

    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif node is None or isinstance(node, bool):
            return
        else:
            values.append(str(node))

    walk(yaml.safe_load(source))
    return "\n".join(values)


def _yaml_text_rough(source):
    """Без PyYAML: значения из строк вида «ключ: значение», «- значение» и блоков `|`."""
    out = []
    block_indent = None  # отступ строки с `|`: более глубокие строки — текст блока как есть
    for raw in source.splitlines():
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if block_indent is not None:
            if not line or indent > block_indent:
                out.append(line)
                continue
            block_indent = None
        if not line or line.startswith("#"):
            continue
        if re.search(r"[|>][-+]?$", line):
            block_indent = indent
        line = re.sub(r"\s+#\s.*$", "", line)
        line = re.sub(r"^(?:-\s+)+", "", line)
        line = re.sub(r"^[^\s:\"'«\[{][^:\"'«]*:(?:\s+|$)", "", line, count=1)
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            line = line[1:-1]
        if len(line) >= 2 and line[0] in "\"'" and line[-1] == line[0]:
            line = line[1:-1].replace("\\n", "\n")
        if line in ("", "-", "|", "|-", ">", ">-", "true", "false"):
            continue
        out.append(line)
    return "\n".join(out)


def main(argv):
    verbose = False
    args = []
    use_yaml = False
    for a in argv[1:]:
        if a in ("-v", "--verbose"):
            verbose = True
        elif a == "--yaml":
            use_yaml = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            args.append(a)
    if len(args) != 2:
        print("использование: seed-lines.py [-v] SEED.txt [--yaml] TEXT", file=sys.stderr)
        return 2
    seed_path, text_path = args
    with open(seed_path, encoding="utf-8-sig") as f:
        seed_lines = f.read().splitlines()
    if use_yaml:
        text = yaml_text(text_path)
    else:
        with open(text_path, encoding="utf-8-sig") as f:
            text = f.read()
    haystack = normalise(text)

    missing_count = 0
    checked = 0
    for number, line in enumerate(seed_lines, 1):
        status, parts = check_line(line, haystack)
        if status == "skip":
            continue
        checked += 1
        shown = _SPACE.sub(" ", strip_markup(line)).strip()
        if status == "missing":
            missing_count += 1
            detail = ""
            if len(parts) > 1 or (parts and parts[0] != line.strip()):
                detail = "  [нет: " + " | ".join(parts) + "]"
            print(f"{seed_path}:{number}: {shown}{detail}")
        elif status == "parts" and verbose:
            print(f"{seed_path}:{number}: (по частям / без маркера) {shown}")
    print(f"{checked} строк проверено, не найдено: {missing_count}", file=sys.stderr)
    return 1 if missing_count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
