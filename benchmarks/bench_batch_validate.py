"""Print how long a 10,000-row round takes to read, map and validate (the goal: under 5 s), as Swedish
Excel's semicolon CSV with a BOM, as cp1252 and as .xlsx.

Run: .venv/bin/python benchmarks/bench_batch_validate.py [ROWS]
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
from pathlib import Path

from drafter.batch.columns import map_columns
from drafter.batch.reading import read_path
from drafter.batch.validation import validate_table

HEADER = ["Namn", "Tjänst", "Företag", "Rekryterare", "E-post", "Språk", "Positivt", "Skäl", "Feedback"]
GOAL_S = 5.0


FIRST = ("Åsa", "Björn", "Cecilia", "David", "Elin", "Filip", "Greta", "Hugo", "Ida", "Jonas",
         "Klara", "Lars", "Maja", "Nils", "Olivia", "Per", "Rut", "Sven", "Tove", "Ulf")  # fmt: skip
LAST = ("Berg", "Dahl", "Ek", "Falk", "Holm", "Ström", "Lund", "Nord", "Sand", "Wik", "Ås", "Öberg", "Lind",
        "Hed", "Kvist", "Borg", "Sjö", "Löv", "Mark", "Fors", "Brink", "Hage", "Rosén", "Vall", "Åkre")  # fmt: skip


def name(i: int) -> str:
    """Return the i-th of 12,500 distinct names."""
    return f"{FIRST[i % 20]} {LAST[i // 20 % 25]}-{LAST[i // 500 % 25]}"


def rows(n: int) -> list[list[str]]:
    """Return n distinct rows with Swedish letters in every text field."""
    return [
        [name(i), "projektledare", "Nordvik Energi", "Karin Ek", f"asa{i}@example.se", "svenska",
         "din tydliga genomgång av projektplanen för laddstationer", "vi valde en kandidat med mer erfarenhet",
         "berätta mer om hur du prioriterar" if i % 3 == 0 else ""]
        for i in range(n)
    ]  # fmt: skip


def write(folder: Path, n: int) -> dict[str, Path]:
    """Write the same round in three formats."""
    from openpyxl import Workbook

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(n))
    text = buffer.getvalue()
    paths = {"csv ; utf-8 BOM": folder / "round-utf8.csv", "csv ; cp1252": folder / "round-cp1252.csv"}
    paths["csv ; utf-8 BOM"].write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    paths["csv ; cp1252"].write_bytes(text.encode("cp1252"))
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for row in rows(n):
        sheet.append(row)
    paths["xlsx"] = folder / "round.xlsx"
    book.save(paths["xlsx"])
    return paths


def main() -> int:
    """Time read + map + validate for each format and print the verdict (a figure: exit 0 either way)."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in write(Path(tmp), n).items():
            t0 = time.perf_counter()
            table = read_path(path)
            t_read = time.perf_counter() - t0
            validated = validate_table(table, map_columns(table.header))
            total = time.perf_counter() - t0
            worst = max(worst, total)
            print(
                f"{label:16} {n} rows: read {t_read:.2f} s, read+validate {total:.2f} s "
                f"({len(validated.to_draft)} valid, {len(validated.errors)} errors)"
            )
    verdict = "OK" if worst < GOAL_S else "TOO SLOW"
    print(f"slowest: {worst:.2f} s for {n} rows (goal < {GOAL_S:.0f} s): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
