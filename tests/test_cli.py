from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import COMMANDS, main

REQ = {
    "candidate_name": "Anna Lindqvist",
    "role": "projektledare",
    "company": "Nordvik Energi",
    "recruiter_name": "Karin Ek",
}


def _write(tmp_path: Path, data: object, name: str = "req.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_help_lists_every_command() -> None:
    out = subprocess.run([sys.executable, "-m", "drafter.cli", "--help"], capture_output=True, text=True, check=True)
    for name in COMMANDS:
        assert name in out.stdout


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from drafter.cli import build_parser; build_parser(); "
        "heavy=[m for m in ('langchain_core','llama_cpp','openai','streamlit','lingua','guardrails') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "{not json",
            "is not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2.",
        ),
        ({k: v for k, v in REQ.items() if k != "company"}, "Missing required field 'company'."),
        ({**REQ, "language": "fi"}, "Field 'language' has an invalid value"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_bad_request_is_one_line(tmp_path: Path, capsys, content: object, expected: str) -> None:
    code = main(["draft", _write(tmp_path, content), "--model", "fake"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("drafter: error: ") and expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_unknown_profile(tmp_path: Path, capsys) -> None:
    assert main(["draft", str(tmp_path / "nope.json")]) == 1
    assert "File not found" in capsys.readouterr().err
    assert main(["draft", _write(tmp_path, REQ), "--model", "nope"]) == 1
    err = capsys.readouterr().err
    assert "Unknown model profile 'nope'. Valid profiles: local, local-letter, local-composer, openai, fake." in err


def test_server_down_gives_the_safe_draft_and_one_warning_line(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        'default_profile = "down"\n[profiles.down]\nprovider = "openai-compatible"\n'
        'base_url = "http://127.0.0.1:9/v1"\nmodel = "m"\nmax_retries = 0\ntimeout_s = 2\n'
    )
    proc = subprocess.run(
        [sys.executable, "-m", "drafter.cli", "--config", str(cfg), "draft", _write(tmp_path, REQ)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0
    assert proc.stdout.strip()  # the composer's draft
    assert proc.stderr.strip().splitlines() == [
        "drafter: warning: Model profile 'down' failed: cannot reach the model server at http://127.0.0.1:9/v1; "
        "is it running? A safe template wrote the draft from your fields instead."
    ]


def test_draft_json_is_a_valid_result(tmp_path: Path, capsys) -> None:
    from drafter.models import DraftResult

    assert main(["draft", _write(tmp_path, REQ), "--model", "fake", "--json"]) == 0
    result = DraftResult.model_validate_json(capsys.readouterr().out)
    assert result.model == "fake" and result.report.passed
    assert result.request.candidate_name == "Anna Lindqvist"


def test_a_drafted_letter_is_kept_in_history_unless_asked_not_to(tmp_path: Path, capsys) -> None:
    from drafter.config import load_settings
    from drafter.store import open_history

    path = _write(tmp_path, REQ)
    assert main(["draft", path, "--model", "fake"]) == 0
    printed = capsys.readouterr().out.strip()
    assert main(["draft", path, "--model", "fake", "--no-history"]) == 0
    history = open_history(load_settings(), purge=False)
    (round_,) = history.rounds()
    (kept,) = history.round_drafts(round_.id)
    assert round_.name.startswith("Single drafts ") and kept.text == printed
    assert kept.candidate_name == "Anna Lindqvist" and kept.status == "ready"


def test_batch_writes_every_row_and_reports_bad_ones(tmp_path: Path) -> None:
    import csv

    src = tmp_path / "in.csv"
    src.write_text(
        "candidate_name,role,company,recruiter_name,language\n"
        "Anna,kock,Krogen,Karin,sv\n,bagare,Bageriet,Olle,sv\nTom,chef,Diner,Sue,en\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["batch", str(src), "--out", str(out), "--model", "fake", "--concurrency", "2"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["row"] for r in rows] == ["2", "3", "4"]  # spreadsheet rows: the header is row 1
    assert rows[1]["status"] == "invalid"
    assert rows[1]["error"] == "candidate_name: is empty; this field is required."
    assert rows[0]["passed"] == "True" and rows[2]["passed"] == "True"
    assert "Anna" in rows[0]["text"] and "Tom" in rows[2]["text"]
