#!/usr/bin/env python3
"""Writes the example district's library statistics for `shablon analysis` (examples/analysis/):

- `statistics.csv` — 2025/2026, as Excel saves «CSV (разделители — точка с запятой)» on Russian Windows:
  Windows-1251, `;`, CRLF; headers are the canonical column names (docs/analysis-format.md), so the
  table also feeds `shablon batch` with the school-report template directly;
- `statistics-2024-2025.xlsx` — last year, with headers as people type them («Читатели: учащиеся»,
  «Учащиеся 5 кл.»), written as CSV and converted by LibreOffice Calc (when soffice is installed).

Thirteen schools of Белоярский район (the district of examples/orders); the figures are invented but
plausible: readers, loans, visits, funds, and students and usable textbook copies per class (1–4 in the
primary school, 1–9 in the basic ones). Deterministic: the same files every run.
"""
import csv
import io
import os
import random
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEST = os.path.join(HERE, "..", "examples", "analysis")

# Name, pupils per grade (about), highest grade, village (smaller staff).
SCHOOLS = [
    ("СОШ № 1 г. Белоярский", 95, 11, False),
    ("СОШ № 2 г. Белоярский", 88, 11, False),
    ("СОШ № 3 г. Белоярский", 76, 11, False),
    ("СОШ № 4 г. Белоярский", 52, 11, False),
    ("СОШ п. Верхнеказымский", 24, 11, True),
    ("СОШ п. Лыхма", 14, 11, True),
    ("СОШ п. Сосновка", 21, 11, True),
    ("СОШ с. Казым", 19, 11, True),
    ("СОШ с. Полноват", 17, 11, True),
    ("СОШ п. Сорум", 23, 11, True),
    ("СОШ с. Ванзеват", 9, 11, True),
    ("НОШ с. Тугияны", 7, 4, True),
    ("ООШ д. Пашторы", 6, 9, True),
]

CANONICAL = (["школа", "читатели_учащиеся", "читатели_учителя", "читатели_прочие", "книговыдача", "посещения", "фонд",
              "фонд_учебники", "фонд_художественная", "поступило", "выбыло"]
             + [f"{k}_{g}" for g in range(1, 12) for k in ("учащиеся", "учебники")])
TYPED = (["Школа", "Читатели: учащиеся", "Читатели: учителя", "Читатели: прочие", "Книговыдача", "Посещения", "Фонд, всего",
          "Фонд: учебники", "Фонд: художественная литература", "Поступило", "Выбыло"]
         + [f"{k} {g} кл." for g in range(1, 12) for k in ("Учащиеся", "Учебники")])


def school_row(rng, name, per_grade, top, village, scale=1.0):
    grades = {}
    for g in range(1, 12):
        if g > top:
            grades[g] = (None, None)
            continue
        # Fewer pupils in the senior grades.
        students = max(1, round(per_grade * scale * (0.7 if g >= 10 else 1.0) * rng.uniform(0.85, 1.15)))
        # Usually fully provided; some grades short of a few sets, some with spares.
        share = rng.choice([1.0, 1.0, 1.0, 0.97, 0.93, 0.88, 1.04, 1.1, 0.8])
        grades[g] = (students, max(0, round(students * share)))
    pupils = sum(s for s, _ in grades.values() if s)
    students = round(pupils * rng.uniform(0.86, 0.99))
    teachers = round(pupils / rng.uniform(11, 14)) + (2 if village else 6)
    others = rng.randint(0, 3 if village else 25)
    readers = students + teachers + others
    loans = round(readers * rng.uniform(11, 24))
    visits = round(readers * rng.uniform(7, 15))
    fund = round(pupils * rng.uniform(26, 38)) + (1500 if village else 4000)
    textbooks = round(fund * rng.uniform(0.52, 0.64))
    fiction = round((fund - textbooks) * rng.uniform(0.6, 0.8))
    received = round(pupils * rng.uniform(1.2, 2.4))
    withdrawn = round(received * rng.uniform(0.5, 1.3))
    cells = [name, students, teachers, others, loans, visits, fund, textbooks, fiction, received, withdrawn]
    for g in range(1, 12):
        s, c = grades[g]
        cells += ["" if s is None else s, "" if c is None else c]
    return cells


def table(rows, headers):
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(headers)
    w.writerows(rows)
    return out.getvalue()


def main():
    rng = random.Random(20260529)
    this_year = [school_row(rng, n, size, top, village) for n, size, top, village in SCHOOLS]
    rng = random.Random(20250530)
    last_year = [school_row(rng, n, size, top, village, scale=0.97) for n, size, top, village in SCHOOLS]
    with open(os.path.join(DEST, "statistics.csv"), "wb") as f:
        f.write(table(this_year, CANONICAL).encode("cp1251"))
    print("examples/analysis/statistics.csv:", len(this_year), "schools")
    soffice = shutil.which("soffice")
    if not soffice:
        print("LibreOffice is not installed: statistics-2024-2025.xlsx not rebuilt")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "statistics-2024-2025.csv")
        with open(src, "w", encoding="utf-8", newline="") as f:
            f.write(table(last_year, TYPED))
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                        "--infilter=CSV:59,34,76,1,,1049", "--convert-to", "xlsx", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "statistics-2024-2025.xlsx"), os.path.join(DEST, "statistics-2024-2025.xlsx"))
    print("examples/analysis/statistics-2024-2025.xlsx:", len(last_year), "schools")


if __name__ == "__main__":
    main()
