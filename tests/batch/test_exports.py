"""Exports: CSV cells a spreadsheet cannot run, .eml headers a name cannot split, the zip, not-before, disclosure."""

from __future__ import annotations

import csv
import datetime as dt
import email
import io
import zipfile
from email import policy
from pathlib import Path

import pytest
from batch_support import candidate_rows, write_config, write_csv

from drafter.cli import main
from drafter.config import load_settings
from drafter.exports import EmlItem, build_eml, csv_bytes, eml_zip, neutralise_cell, with_disclosure
from drafter.models import DraftRequest
from drafter.store import open_history
from drafter.store.privacy import access_export


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_starting_like_a_formula_are_quoted(start: str) -> None:
    value = f'{start}HYPERLINK("http://evil.example")'
    assert neutralise_cell(value) == "'" + value
    (row,) = list(csv.reader(io.StringIO(csv_bytes([{"a": value}], ["a"]).decode("utf-8"))))[1:]
    assert row == ["'" + value]


@pytest.mark.parametrize("value", ["Anna Lindqvist", "Tack för din tid!", "100 %", "", "a=b"])
def test_ordinary_cells_are_unchanged(value: str) -> None:
    assert neutralise_cell(value) == value


def test_excel_csv_has_a_bom_and_semicolons() -> None:
    data = csv_bytes([{"namn": "Åsa", "text": "Hej; då"}], ["namn", "text"], excel=True)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[1] == 'Åsa;"Hej; då"'


def _request(**update: str) -> DraftRequest:
    base = DraftRequest(candidate_name="Anna Lindqvist", role="projektledare", company="Nordvik Energi",
                        recruiter_name="Karin Ek")  # fmt: skip
    return base.model_copy(update=update)


def test_eml_headers_survive_cr_lf_injection() -> None:
    # Built with model_copy, as if a field had slipped past validation: the export must still hold.
    request = _request(candidate_name="Anna\r\nBcc: evil@example.com", role="kock\nX-Evil: 1")
    raw = build_eml("Ämne: Ditt besked\r\nBcc: spy@example.com\n\nHej Anna,\nTack.", request, to="anna@example.se",
                    not_before=dt.date(2026, 12, 10))  # fmt: skip
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert message["Subject"] == "Ditt besked"
    assert "Bcc: spy@example.com" in message.get_content()  # stays body text, never a header
    (address,) = message["To"].addresses
    assert address.addr_spec == "anna@example.se" and "\n" not in address.display_name
    assert message["X-Besked-Not-Before"] == "2026-12-10"
    assert message["Deferred-Delivery"].startswith("Thu, 10 Dec 2026")
    assert message["X-Unsent"] == "1"


def test_eml_without_subject_line_gets_one_in_the_drafts_language() -> None:
    raw = build_eml("Hi Anna,\nThanks.", _request(language="en"))
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == "About your application for projektledare at Nordvik Energi"
    assert message["To"] is None


def test_disclosure_line_is_added_once() -> None:
    once = with_disclosure("Hej Anna,\n\nTack.", "Skrivet med AI-stöd.")
    assert once == "Hej Anna,\n\nTack.\n\nSkrivet med AI-stöd."
    assert with_disclosure(once, "Skrivet med AI-stöd.") == once
    assert with_disclosure("Hej", "") == "Hej"


def test_zip_holds_one_file_per_message_named_by_row() -> None:
    items = [EmlItem(2, "Hej Anna,\nTack.", _request(), "anna@example.se"),
             EmlItem(3, "Ring Anna.", _request(channel="phone")),
             EmlItem(4, "Hej Anna,\nTack.", _request())]  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(eml_zip(items))) as zf:
        assert zf.namelist() == [
            "00002-besked-anna-lindqvist-email.eml",
            "00003-besked-anna-lindqvist-phone.txt",
            "00004-besked-anna-lindqvist-email.eml",
        ]


def test_batch_exports_carry_not_before_and_disclosure_and_are_kept_in_history(tmp_path: Path) -> None:
    rows = candidate_rows(2)
    rows[1][0] = "=cmd|' /C calc'!A0"  # a formula as a name: refused, and never written as a formula
    src = write_csv(tmp_path / "round.csv", rows)
    cfg = write_config(tmp_path / "drafter.toml", f"sqlite:///{tmp_path / 'h.db'}",
                       '[privacy.disclosure]\n"Nordvik Energi" = "Utkastet skrevs med AI-stöd och lästes av en rekryterare."\n')  # noqa: E501  # fmt: skip
    out, archive = tmp_path / "drafts.csv", tmp_path / "drafts.zip"
    code = main(["--config", str(cfg), "batch", str(src), "--out", str(out), "--zip", str(archive),
                 "--not-before", "2026-12-10", "--no-progress"])  # fmt: skip
    assert code == 0
    rows_out = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["status"] for r in rows_out] == ["ready", "invalid"]
    assert rows_out[0]["not_before"] == "2026-12-10"
    assert rows_out[0]["text"].endswith("Utkastet skrevs med AI-stöd och lästes av en rekryterare.")
    assert rows_out[1]["candidate_name"].startswith("'=")
    with zipfile.ZipFile(archive) as zf:
        (name,) = zf.namelist()
        message = email.message_from_bytes(zf.read(name), policy=policy.default)
    assert message["X-Besked-Not-Before"] == "2026-12-10"
    assert message["To"].addresses[0].addr_spec == "k0@example.se"
    assert "AI-stöd" in message.get_content()
    history = open_history(load_settings(cfg))
    (item,) = access_export(history, "k0@example.se")["drafts"]
    assert sorted(x["kind"] for x in item["exports"]) == ["csv", "eml"]
    assert item["round"]["not_before"] == "2026-12-10"


def test_history_command_lists_exports_and_forgets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    src = write_csv(tmp_path / "round.csv", candidate_rows(2))
    cfg = write_config(tmp_path / "drafter.toml", f"sqlite:///{tmp_path / 'h.db'}")
    assert main(["--config", str(cfg), "batch", str(src), "--out", str(tmp_path / "o.csv"), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["--config", str(cfg), "history", "--search", "björn"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "Björn Berg-Berg" in line and "ready" in line
    target = tmp_path / "access.json"
    assert main(["--config", str(cfg), "history", "--access-export", "k1@example.se", "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["drafts"][0]["request"]["candidate_name"] == "Björn Berg-Berg"
    assert main(["--config", str(cfg), "history", "--forget", "Björn Berg-Berg"]) == 0
    err = capsys.readouterr().err
    assert "forgot 1 drafts" in err and "Björn" not in err
    assert main(["--config", str(cfg), "history"]) == 0
    assert "Björn" not in capsys.readouterr().out
