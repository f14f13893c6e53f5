"""`drafter check --jsonl FILE`: verdicts per line, and one-line errors on bad input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from drafter.cli import main

GOOD = (
    "Hej Anna,\n\nTack för ditt intresse för tjänsten som projektledare och för tiden du lade på intervjun. "
    "Vi uppskattade din struktur när du beskrev utbyggnaden av laddstationer. "
    "Efter noggrant övervägande har vi valt att gå vidare med en annan "
    "kandidat vars erfarenhet bättre matchar våra behov just nu.\n\n"
    "Vi önskar dig lycka till framöver, och hör gärna av dig om du har frågor.\n\nVänliga hälsningar,\nKarin"
)


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _verdicts(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_valid_file_prints_one_verdict_per_line_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(
        tmp_path,
        [
            json.dumps({"id": "ok", "text": GOOD, "context": {"candidate_name": "Anna"}, "language": "sv"}),
            "",
            json.dumps({"text": GOOD.replace("Hej Anna", "Hej Erik"), "context": {"candidate_name": "Anna"}, "x": 1}),
            json.dumps({"id": 3, "text": GOOD, "context": {"language": "sv"}, "language": "en", "channel": "phone"}),
        ],
    )
    assert main(["check", "--jsonl", str(path)]) == 0
    verdicts = _verdicts(capsys.readouterr().out)
    assert [v["id"] for v in verdicts] == ["ok", None, 3]
    assert verdicts[0] == {"id": "ok", "passed": True, "violations": []}
    assert verdicts[1]["passed"] is False
    wrong = [v for v in verdicts[1]["violations"] if v["rule"] == "wrong_name"]
    assert wrong and wrong[0]["severity"] == "block" and wrong[0]["span"] == [4, 8]
    assert set(wrong[0]) == {"rule", "severity", "message", "span"}
    # The top-level language overrides the context's: a Swedish text checked as English.
    assert "wrong_language" in {v["rule"] for v in verdicts[2]["violations"]}


def test_bad_json_line_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, [json.dumps({"text": GOOD, "context": {}}), "{not json"])
    assert main(["check", "--jsonl", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Line 2" in err and "JSON" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "line",
    [json.dumps({"context": {}}), json.dumps({"text": 5, "context": {}}), json.dumps(["text"])],
)
def test_missing_or_non_string_text(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    assert main(["check", "--jsonl", str(_write(tmp_path, [line]))]) == 1
    err = capsys.readouterr().err
    assert "Line 1" in err and len(err.strip().splitlines()) == 1


def test_bad_context_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = json.dumps({"text": GOOD, "context": {"language": "fr"}})
    assert main(["check", "--jsonl", str(_write(tmp_path, [line]))]) == 1
    assert "Line 1" in capsys.readouterr().err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--jsonl", str(tmp_path / "nope.jsonl")]) == 1
    assert "not found" in capsys.readouterr().err


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bin.jsonl"
    path.write_bytes(bytes(range(256)) * 8)
    assert main(["check", "--jsonl", str(path)]) == 1
    err = capsys.readouterr().err
    assert "UTF-8" in err and len(err.strip().splitlines()) == 1


def test_five_megabyte_text_gets_a_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD + " " + ("ord " * 1_300_000)
    assert len(text) > 5_000_000
    path = _write(tmp_path, [json.dumps({"id": "big", "text": text, "context": {"language": "sv"}})])
    assert main(["check", "--jsonl", str(path)]) == 0
    (verdict,) = _verdicts(capsys.readouterr().out)
    assert verdict["passed"] is False
    assert "too_long" in {v["rule"] for v in verdict["violations"]}


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.dumps({"id": "s", "text": GOOD, "context": {"candidate_name": "Anna", "language": "sv"}}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"))
    assert main(["check", "--jsonl", "-"]) == 0
    assert _verdicts(capsys.readouterr().out) == [{"id": "s", "passed": True, "violations": []}]


def test_config_bounds_are_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[2]
    config = tmp_path / "drafter.toml"
    config.write_text(
        (root / "drafter.toml").read_text(encoding="utf-8").replace("min_words = 35", "min_words = 300"),
        encoding="utf-8",
    )
    path = _write(tmp_path, [json.dumps({"text": GOOD, "context": {"language": "sv"}})])
    assert main(["--config", str(config), "check", "--jsonl", str(path)]) == 0
    (verdict,) = _verdicts(capsys.readouterr().out)
    assert "too_short" in {v["rule"] for v in verdict["violations"]}
