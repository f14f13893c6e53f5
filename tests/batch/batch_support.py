"""Helpers for batch tests: write candidate files, a config with a store URL, good fake replies."""

from __future__ import annotations

import csv
import io
from pathlib import Path

HEADER = ["Namn", "Tjänst", "Företag", "Rekryterare", "E-post", "Språk", "Positivt", "Skäl"]


def candidate_rows(n: int, start: int = 0) -> list[list[str]]:
    """Return n distinct, valid candidate rows."""
    return [
        [f"Kandidat{i} Testsson", "projektledare", "Nordvik Energi", "Karin Ek", f"k{i}@example.se", "sv",
         "din tydliga presentation av projektplanen", "vi valde en kandidat med mer erfarenhet av upphandling"]
        for i in range(start, start + n)
    ]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], header: list[str] | None = None, sep: str = ";") -> Path:
    """Write a semicolon CSV with a BOM, as Swedish Excel saves it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def write_config(path: Path, store_url: str, extra: str = "") -> Path:
    """Write a drafter.toml with the fake profile and the given store."""
    path.write_text(
        f'default_profile = "fake"\n\n[profiles.fake]\nprovider = "fake"\n\n[store]\nurl = "{store_url}"\n\n{extra}\n',
        encoding="utf-8",
    )
    return path
