"""Candidate files as Excel writes them: encodings, delimiters, empty rows, missing columns, .xlsx, bad cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from batch_support import HEADER, candidate_rows, write_csv

from drafter.batch.columns import map_columns, parse_pairs
from drafter.batch.reading import read_path, read_table
from drafter.batch.validation import validate_table
from drafter.cli import main
from drafter.errors import InputError

EXPECTED_NAMES = ["Åsa Öberg", "Björn Ärlig"]


def _validate(path: Path, maps: list[str] | None = None, sets: list[str] | None = None):  # type: ignore[no-untyped-def]
    table = read_path(path)
    defaults = parse_pairs(sets, "--set")
    mapping = map_columns(table.header, parse_pairs(maps, "--map"), defaults)
    return table, validate_table(table, mapping, defaults)


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [("sv_semicolon_bom.csv", "utf-8-sig", ";"), ("sv_cp1252.csv", "cp1252", ";")],
)
def test_swedish_excel_csv_reads_with_its_letters(data: Path, name: str, encoding: str, delimiter: str) -> None:
    table, validated = _validate(data / name)
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert table.header[1] == "Tjänst"
    assert not validated.errors
    assert [r.request.candidate_name for r in validated.rows] == EXPECTED_NAMES
    assert [r.row for r in validated.rows] == [2, 3]  # Excel's row numbers: the header is row 1
    assert validated.rows[0].email == "asa@example.se"
    assert validated.rows[0].request.language == "sv"  # "svenska" in the sheet


def test_missing_required_column_names_it_and_how_to_fix_it(data: Path) -> None:
    with pytest.raises(InputError) as err:
        _validate(data / "missing_column.csv")
    message = str(err.value)
    assert "'company'" in message and "--map" in message and "--set" in message
    assert "\n" not in message


def test_missing_column_is_filled_by_a_round_default(data: Path) -> None:
    _, validated = _validate(data / "missing_column.csv", sets=["company=Krogen Hörnet"])
    assert not validated.errors
    assert {r.request.company for r in validated.rows} == {"Krogen Hörnet"}


def test_explicit_mapping_reads_unknown_column_names(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "odd.csv", [["Eva", "kock", "Krogen", "Karin"]], header=["Vem", "Jobb", "Ställe", "Av"])
    maps = ["Vem=candidate_name", "Jobb=role", "Ställe=company", "Av=recruiter_name"]
    _, validated = _validate(path, maps=maps)
    assert [r.request.candidate_name for r in validated.rows] == ["Eva"]
    with pytest.raises(InputError, match="no column 'Saknas'"):
        _validate(path, maps=["Saknas=role"])
    with pytest.raises(InputError, match="Unknown field 'roll'"):
        _validate(path, maps=["Jobb=roll"])


def test_empty_rows_are_skipped_and_row_numbers_stay_the_sheets(data: Path) -> None:
    table, validated = _validate(data / "empty_rows.csv")
    assert table.skipped_empty == 4
    assert [r.row for r in validated.rows] == [3, 6]
    assert not validated.errors


def test_bad_rows_give_row_column_and_reason_and_good_rows_still_validate(data: Path) -> None:
    _, validated = _validate(data / "bad_rows.csv")
    found = [(e.row, e.column, e.reason) for e in validated.errors]
    assert found == [
        (3, "Namn", "starts with '=', like a spreadsheet formula; enter the plain text instead."),
        (4, "E-post", "is not an e-mail address."),
        (4, "Tjänst", "is empty; this field is required."),
    ]
    assert [r.row for r in validated.to_draft] == [2, 5]
    assert validated.rows[1].request.language == "en"


def test_invalid_choice_names_the_allowed_values(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lang.csv", [["Eva", "kock", "Krogen", "Karin", "", "tyska", "", ""]])
    _, validated = _validate(path)
    (error,) = validated.errors
    assert (error.row, error.column) == (2, "Språk")
    assert "'sv' or 'en'" in error.reason


def test_same_candidate_twice_is_flagged_not_drafted_twice(tmp_path: Path) -> None:
    rows = candidate_rows(3)
    rows.append([*rows[0][:4], "other@example.se", *rows[0][5:]])  # same name and role
    rows.append(["Helt Annan", "kock", "Krogen", "Karin Ek", rows[1][4].upper(), "sv", "", ""])  # same e-mail
    _, validated = _validate(write_csv(tmp_path / "dups.csv", rows))
    assert [(d.row, d.duplicate_of, d.duplicate_reason) for d in validated.duplicates] == [
        (5, 2, "same name and role"),
        (6, 3, "same e-mail"),
    ]
    assert [r.row for r in validated.to_draft] == [2, 3, 4]


def test_xlsx_reads_numbers_dates_and_text(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*HEADER, "Anställningsnummer", "Intervjudag"])
    sheet.append(["Åsa Öberg", "kock", "Krogen", "Karin Ek", "asa@example.se", "sv", "din energi", "", 1042, None])
    sheet.append([None] * 10)
    sheet.append(["Björn", "bagare", "Bageriet", "Karin Ek", None, "en", None, None, 7.0, dt.date(2026, 11, 3)])
    path = tmp_path / "round.xlsx"
    book.save(path)
    table, validated = _validate(path)
    assert table.encoding == "xlsx"
    assert table.rows[1][-2:] == ["7", "2026-11-03"]
    assert [r.row for r in validated.rows] == [2, 4]
    assert not validated.errors


def test_garbage_and_empty_files_are_one_sentence_errors(tmp_path: Path) -> None:
    for name, content, expected in [
        ("empty.csv", b"   \n", "is empty"),
        ("broken.xlsx", b"PK\x03\x04not really a zip", "not a readable .xlsx"),
        ("old.xls", b"\xd0\xcf\x11\xe0rest", "old Excel .xls"),
        ("binary.csv", b"\x00\x9d\xff\x00", "not a text file"),
    ]:
        with pytest.raises(InputError, match=expected):
            read_table(content, name)


def test_ten_thousand_rows_validate_without_errors(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", candidate_rows(10_000))
    table, validated = _validate(path)
    assert len(table.rows) == 10_000
    assert not validated.errors
    assert len(validated.to_draft) == 10_000
    assert validated.rows[-1].row == 10_001


@pytest.mark.parametrize(
    ("name", "code", "expected"),
    [
        ("sv_semicolon_bom.csv", 0, "2 to draft"),
        ("sv_cp1252.csv", 0, "2 to draft"),
        ("empty_rows.csv", 0, "4 empty rows skipped"),
        ("bad_rows.csv", 1, "row 3, column 'Namn': starts with '='"),
        ("missing_column.csv", 1, "drafter: error: No column for 'company'"),
    ],
)
def test_cli_check_reports_per_row_and_never_a_traceback(
    data: Path, name: str, code: int, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", str(data / name), "--check"]) == code
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_cli_check_reads_ten_thousand_rows_and_an_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    big = write_csv(tmp_path / "big.csv", candidate_rows(10_000))
    assert main(["batch", str(big), "--check"]) == 0
    assert "10000 rows read (utf-8-sig, ';'-separated): 10000 to draft" in capsys.readouterr().err
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in candidate_rows(3):
        sheet.append(row)
    sheet.append(["", "kock", "Krogen", "Karin Ek", "", "", "", ""])
    book.save(tmp_path / "round.xlsx")
    assert main(["batch", str(tmp_path / "round.xlsx"), "--check"]) == 1
    err = capsys.readouterr().err
    assert "row 5, column 'Namn': is empty; this field is required." in err
    assert "4 rows read (xlsx): 3 to draft" in err and "Traceback" not in err
