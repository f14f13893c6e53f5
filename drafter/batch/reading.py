"""Read a candidates file the way Excel writes it: CSV (`;`, `,` or tab; UTF-8 with or without BOM,
UTF-16, cp1252) or .xlsx, into a header and rows of strings."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
DELIMITERS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    """A sheet as read: the header cells, the data rows, and each row's spreadsheet row number."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]  # the number Excel shows for each row (the header is row 1)
    encoding: str = ""
    delimiter: str = ""
    skipped_empty: int = 0
    source: str = ""

    def records(self) -> list[dict[str, str]]:
        """Return each row as {header cell: value}, short rows padded with empty cells."""
        width = len(self.header)
        return [dict(zip(self.header, (row + [""] * width)[:width], strict=True)) for row in self.rows]


def read_table(data: bytes, name: str) -> Table:
    """Return the table in a file's bytes, or raise `InputError` in one sentence; `name` says which file."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise InputError(f"{name} is empty.")
    if data.startswith(XLSX_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, name)
    if name.lower().endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{name} is an old Excel .xls file; save it as .xlsx or CSV and try again.")
    text, encoding = decode(data, name)
    return _read_csv(text, name, encoding)


def read_path(path: str | Path) -> Table:
    """Read a candidates file from disk, or raise `InputError`."""
    file = Path(path)
    try:
        if not file.is_file():
            raise InputError(f"File not found: {path}.")
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from None
    return read_table(data, file.name)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name): a BOM decides; else UTF-8 if it decodes, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(f"{name} starts as UTF-8 but has an invalid byte at {exc.start + 3}.") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{name} starts as UTF-16 text but is not valid UTF-16.") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InputError(f"{name} is not a text file (CSV) or an .xlsx workbook.")
    # Swedish Excel saves "CSV (semikolonavgränsad)" in Windows-1252; the five bytes cp1252 leaves
    # undefined are read as Latin-1 rather than refusing the whole file.
    return data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1"), "cp1252"


def _cp1252_ok(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def sniff_delimiter(text: str) -> str:
    """Return the delimiter of the header line: the one of `;`, `,`, tab that occurs most outside quotes."""
    first = _first_record_line(text)
    counts = {d: 0 for d in DELIMITERS}
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_record_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip().strip(";,\t"):
            return line
    return ""


def _read_csv(text: str, name: str, encoding: str) -> Table:
    if text.startswith("sep=") or text.startswith('"sep='):
        # Excel's own hint line ("sep=;") names the delimiter.
        hint, _, text = text.partition("\n")
        delimiter = hint.strip().strip('"')[4:5] or ","
    else:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise InputError(f"{name} is not valid CSV near record {reader.line_num}: {exc}.") from None
    return _table(records, name, encoding=encoding, delimiter=delimiter)


def _table(records: list[list[str]], name: str, encoding: str = "", delimiter: str = "") -> Table:
    numbered = [(i, [c.strip() for c in rec]) for i, rec in enumerate(records, start=1)]
    non_empty = [(i, rec) for i, rec in numbered if any(rec)]
    if not non_empty:
        raise InputError(f"{name} has no header row and no candidates.")
    header_no, header = non_empty[0]
    while header and not header[-1]:
        header.pop()
    if not any(header):
        raise InputError(f"{name} has no header row.")
    if len(non_empty) - 1 > MAX_ROWS:
        raise InputError(f"{name} has more than {MAX_ROWS} rows; split the round into smaller files.")
    rows = [rec for _, rec in non_empty[1:]]
    numbers = [i for i, _ in non_empty[1:]]
    skipped = len(numbered) - header_no - len(rows)
    return Table(
        header=header,
        rows=rows,
        row_numbers=numbers,
        encoding=encoding,
        delimiter=delimiter,
        skipped_empty=skipped,
        source=name,
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes, name: str) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        # data_only: a formula cell gives the value Excel computed, never the formula text.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{name} is not a readable .xlsx workbook ({type(exc).__name__}).") from None
    try:
        sheet = workbook.worksheets[0]
        records = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(records, name, encoding="xlsx")
